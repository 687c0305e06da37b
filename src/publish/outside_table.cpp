#include "publish/outside_table.hpp"

#include "hotspot/base/periods.hpp"
#include "publish/gpkg_writer.hpp"

namespace hotspot::detail {

void write_outside_study_area(GDALDataset& ds, const AnalysisResult& r) {
    LayerWriter w(ds, "outside_study_area", wkbNone, nullptr,
                  "Rows read and rejected because their point lies outside the study area (" + r.study_area.description +
                      "), counted per source file and month (the row's own month); they are not listed in rejects "
                      "(--keep-outside-rows lists them there with raw text)");
    for (const char* s : {"source", "source_file", "month"}) w.field(s, OFTString);
    w.field("rows", OFTInteger64);
    w.begin();
    for (const auto& c : r.outside_counted) {
        OGRFeature& f = w.row();
        const SourceFile& file = r.incidents.files[c.file];
        f.SetField(0, file.source.c_str());
        f.SetField(1, file.path.c_str());
        f.SetField(2, month_label(c.month).c_str());
        f.SetField(3, static_cast<GIntBig>(c.rows));
        w.commit();
    }
    w.end();
}

}  // namespace hotspot::detail
