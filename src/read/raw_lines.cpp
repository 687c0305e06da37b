// Recovers the raw text of rows rejected after reading, so the rejects table always
// holds the row as it was in the input.
#include "hotspot/read/raw_lines.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/connection.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <map>
#include <unordered_map>

namespace hotspot {

void fill_reject_raw_text(std::vector<Reject>& rejects, const std::vector<SourceFile>& files) {
    std::map<std::uint32_t, std::unordered_map<std::uint64_t, std::vector<Reject*>>> wanted;
    for (auto& r : rejects)
        if (r.raw.empty()) wanted[r.file][r.line].push_back(&r);
    for (auto& [file_index, lines] : wanted) {
        const SourceFile& f = files.at(file_index);
        if (f.format == "ogr" && is_connection_string(f.path)) {  // a database table: its path has no password to reconnect with
            for (auto& [fid, list] : lines)
                for (auto* r : list) r->raw = "feature " + std::to_string(fid);
            continue;
        }
        if (f.format == "ogr") {
            GDALDatasetUniquePtr ds = detail::open_vector(f.path);
            OGRLayer* layer = ds->GetLayer(0);
            for (auto& [fid, list] : lines) {
                OGRFeatureUniquePtr feature(layer->GetFeature(static_cast<GIntBig>(fid)));
                std::string raw = "feature " + std::to_string(fid);
                if (feature && feature->GetGeometryRef()) raw += ": " + feature->GetGeometryRef()->exportToWkt();
                for (auto* r : list) r->raw = escape_invalid_text(raw);
            }
            continue;
        }
        // Read as the reader did, so records start on the same lines.
        CsvReader reader(f.path, f.separator, f.format == "police.uk" ? RecordSpan::line : RecordSpan::quoted_lines);
        CsvRecord record;
        std::size_t remaining = lines.size();
        while (remaining > 0 && reader.next(record)) {
            const auto it = lines.find(record.line);
            if (it == lines.end()) continue;
            for (auto* r : it->second) r->raw = escape_invalid_text(record.raw);
            --remaining;
        }
    }
}

}  // namespace hotspot
