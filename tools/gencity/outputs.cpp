// boundaries.gpkg (GDAL/OGR, GPKG driver) and the ground-truth CSV files.
#include "incidents.hpp"
#include "io.hpp"
#include "writers.hpp"

#include <cpl_conv.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <stdexcept>

namespace gencity {
namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};

OGRLayer* make_layer(GDALDataset& ds, const char* name, const char* description,
                     OGRSpatialReference& srs,
                     const std::vector<std::pair<const char*, OGRFieldType>>& fields) {
    char** options = nullptr;
    options = CSLSetNameValue(options, "DESCRIPTION", description);
    OGRLayer* layer = ds.CreateLayer(name, &srs, wkbMultiPolygon, options);
    CSLDestroy(options);
    if (layer == nullptr) throw std::runtime_error(std::string("cannot create layer ") + name);
    for (const auto& [field, type] : fields) {
        OGRFieldDefn def(field, type);
        if (layer->CreateField(&def) != OGRERR_NONE)
            throw std::runtime_error(std::string("cannot create field ") + field);
    }
    return layer;
}

void add_feature(OGRLayer* layer, OGRSpatialReference& srs, const GEOSGeometry* g,
                 const std::vector<std::pair<const char*, std::string>>& text,
                 const std::pair<const char*, long>& number) {
    auto feature = std::unique_ptr<OGRFeature, void (*)(OGRFeature*)>(
        OGRFeature::CreateFeature(layer->GetLayerDefn()), OGRFeature::DestroyFeature);
    for (const auto& [field, value] : text) feature->SetField(field, value.c_str());
    feature->SetField(number.first, static_cast<GIntBig>(number.second));
    const std::vector<unsigned char> wkb = to_wkb(g);
    OGRGeometry* geom = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), &srs, &geom, wkb.size()) != OGRERR_NONE)
        throw std::runtime_error("WKB to OGR failed");
    feature->SetGeometryDirectly(geom);
    if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
        throw std::runtime_error("cannot write feature");
}

std::string share(const std::vector<TypeShare>& mix) {
    std::string s;
    for (const TypeShare& t : mix) {
        if (!s.empty()) s += "; ";
        s += std::string(kCrimeTypes[t.type]) + " " + fixed(t.share, 2);
    }
    return s;
}

}  // namespace

void write_boundaries(const City& city, const std::string& out_dir) {
    GDALAllRegister();
    // GPKG stores a "last_change" timestamp per layer; fixing it keeps reruns identical.
    CPLSetConfigOption("OGR_CURRENT_DATE", "2026-04-01T00:00:00.000Z");
    const std::string path = out_dir + "/boundaries.gpkg";
    VSIUnlink(path.c_str());
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (driver == nullptr) throw std::runtime_error("GDAL has no GPKG driver");
    std::unique_ptr<GDALDataset, DatasetCloser> ds(
        driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw std::runtime_error("cannot create " + path);

    OGRSpatialReference srs;
    srs.importFromEPSG(27700);
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    OGRLayer* wards = make_layer(*ds, "wards", "Brindleford wards (fictional)", srs,
                                 {{"ward_code", OFTString}, {"ward_name", OFTString},
                                  {"population", OFTInteger64}});
    if (ds->StartTransaction() != OGRERR_NONE) throw std::runtime_error("transaction");
    for (const Ward& w : city.wards)
        add_feature(wards, srs, w.geom.get(), {{"ward_code", w.code}, {"ward_name", w.name}},
                    {"population", w.population});
    ds->CommitTransaction();

    OGRLayer* nbhds = make_layer(*ds, "neighbourhoods",
                                 "Brindleford neighbourhoods, LSOA-like (fictional)", srs,
                                 {{"nbhd_code", OFTString}, {"nbhd_name", OFTString},
                                  {"ward_code", OFTString}, {"population", OFTInteger64}});
    if (ds->StartTransaction() != OGRERR_NONE) throw std::runtime_error("transaction");
    for (const Neighbourhood& nb : city.nbhds)
        add_feature(nbhds, srs, nb.geom.get(),
                    {{"nbhd_code", nb.code}, {"nbhd_name", nb.name},
                     {"ward_code", city.wards[nb.ward].code}},
                    {"population", nb.population});
    ds->CommitTransaction();
}

void write_ground_truth(const City& city, const PoliceStats& police, const FlyStats& fly,
                        const std::string& out_dir) {
    const std::string dir = out_dir + "/ground_truth/";

    std::string s = "id,ward_name,ward_code,easting,northing,longitude,latitude,sigma_m,"
                    "n_incidents_total,n_asb,pattern,first_month,last_month,monthly_rate,"
                    "n_asb_within_200m\n";
    for (const Hotspot& h : city.hotspots) {
        const Ward& w = city.wards[h.ward];
        s += h.id + "," + csv_field(w.name) + "," + w.code + "," + fixed(h.centre.x, 0) + "," +
             fixed(h.centre.y, 0) + "," + fixed(h.lon, 6) + "," + fixed(h.lat, 6) + "," +
             fixed(h.sigma, 0) + "," + std::to_string(h.n_total) + "," + std::to_string(h.n_asb) +
             "," + pattern_name(h.pattern) + "," + month_label(h.first_month()) + "," +
             month_label(h.last_month()) + "," + fixed(h.monthly_rate, 2) + "," +
             std::to_string(h.n_asb_near) + "\n";
    }
    write_text(dir + "planted_hotspots.csv", s);

    s = "id,name,ward_name,ward_code,easting,northing,sigma_m,monthly_rate,crime_mix,n_rows\n";
    for (std::size_t k = 0; k < city.concentrations.size(); ++k) {
        const Concentration& c = city.concentrations[k];
        const Ward& w = city.wards[c.ward];
        s += c.id + "," + csv_field(c.name) + "," + csv_field(w.name) + "," + w.code + "," +
             fixed(c.centre.x, 0) + "," + fixed(c.centre.y, 0) + "," + fixed(c.sigma, 0) + "," +
             fixed(c.monthly_rate, 1) + "," + csv_field(share(c.mix)) + "," +
             std::to_string(police.conc_valid[k]) + "\n";
    }
    write_text(dir + "non_asb_concentrations.csv", s);

    s = "id,kind,easting,northing,sigma_m,land_type,related_hotspot,ward_name,n_rows\n";
    for (const FlySite& f : fly.sites)
        s += f.id + "," + f.kind + "," + fixed(f.centre.x, 0) + "," + fixed(f.centre.y, 0) + "," +
             fixed(f.sigma, 0) + "," + csv_field(f.land_type) + "," + f.hotspot + "," +
             csv_field(city.wards[f.ward].name) + "," + std::to_string(f.n_rows) + "\n";
    write_text(dir + "flytipping_sites.csv", s);

    s = "dataset,file,line,problem\n";
    for (const auto* list : {&police.bad, &fly.bad})
        for (const BadRow& b : *list)
            s += b.dataset + "," + b.file + "," + std::to_string(b.line) + "," + csv_field(b.problem) + "\n";
    write_text(dir + "bad_rows.csv", s);

    s = "file,month,data_rows,bad_rows,valid_rows,asb_rows\n";
    for (const MonthStats& m : police.months)
        s += m.file + "," + m.month + "," + std::to_string(m.data_rows) + "," +
             std::to_string(m.bad_rows) + "," + std::to_string(m.valid_rows) + "," +
             std::to_string(m.asb_rows) + "\n";
    write_text(dir + "monthly_counts.csv", s);

    s = "crime_type,valid_rows\n";
    for (int t = 0; t < kNumTypes; ++t)
        s += std::string(kCrimeTypes[t]) + "," + std::to_string(police.type_valid[t]) + "\n";
    write_text(dir + "crime_type_counts.csv", s);

    s = "ward_code,ward_name,pilot,population,neighbourhoods,area_km2,valid_rows,asb_rows\n";
    for (std::size_t i = 0; i < city.wards.size(); ++i) {
        const Ward& w = city.wards[i];
        s += w.code + "," + csv_field(w.name) + "," + (w.pilot ? "yes" : "no") + "," +
             std::to_string(w.population) + "," + std::to_string(w.nbhds.size()) + "," +
             fixed(w.area / 1e6, 3) + "," + std::to_string(police.ward_valid[i]) + "," +
             std::to_string(police.ward_asb[i]) + "\n";
    }
    write_text(dir + "ward_counts.csv", s);

    long planted_asb = 0, population = 0;
    for (const Hotspot& h : city.hotspots) planted_asb += h.n_asb;
    for (const Ward& w : city.wards) population += w.population;
    auto count_bad = [&](const std::string& prefix) {
        long n = 0;
        for (const BadRow& b : police.bad) n += b.problem.rfind(prefix, 0) == 0 ? 1 : 0;
        return n;
    };
    const std::vector<std::pair<std::string, std::string>> metrics{
        {"seed", std::to_string(city.seed)},
        {"wards", std::to_string(city.wards.size())},
        {"neighbourhoods", std::to_string(city.nbhds.size())},
        {"population", std::to_string(population)},
        {"snap_points", std::to_string(city.snaps.size())},
        {"police_files", std::to_string(police.months.size())},
        {"police_data_rows", std::to_string(police.data_rows)},
        {"police_bad_rows", std::to_string(police.bad.size())},
        {"police_bad_no_location", std::to_string(count_bad("empty Longitude"))},
        {"police_bad_unparseable_coordinate", std::to_string(count_bad("unparseable") + count_bad("Latitude \"NaN\""))},
        {"police_bad_outside_study_area", std::to_string(count_bad("outside"))},
        {"police_bad_field_count", std::to_string(count_bad("11 fields"))},
        {"police_bad_month", std::to_string(count_bad("invalid Month"))},
        {"police_valid_rows", std::to_string(police.valid_rows)},
        {"police_valid_asb_rows", std::to_string(police.asb_valid)},
        {"police_valid_non_asb_rows", std::to_string(police.valid_rows - police.asb_valid)},
        {"police_duplicate_crime_id_rows", std::to_string(police.duplicate_rows)},
        {"police_valid_rows_without_duplicates", std::to_string(police.valid_rows - police.duplicate_rows)},
        {"police_distinct_crime_ids", std::to_string(police.distinct_ids)},
        {"police_quoted_location_rows", "1"},
        {"police_distinct_locations", std::to_string(police.distinct_locations)},
        {"planted_hotspots", std::to_string(city.hotspots.size())},
        {"planted_hotspot_asb_rows", std::to_string(planted_asb)},
        {"planted_hotspot_asb_share", fixed(static_cast<double>(planted_asb) / static_cast<double>(police.asb_valid), 4)},
        {"flytipping_data_rows", std::to_string(fly.data_rows)},
        {"flytipping_bad_rows", std::to_string(fly.bad_rows)},
        {"flytipping_valid_rows", std::to_string(fly.valid_rows)},
        {"flytipping_valid_rows_in_pilot_wards", std::to_string(fly.in_pilot_wards)},
    };
    s = "metric,value\n";
    for (const auto& [k, v] : metrics) s += k + "," + v + "\n";
    write_text(dir + "expected_counts.csv", s);
}

}  // namespace gencity
