#pragma once
// The brute-force oracle for point-in-polygon: polygons read straight from the file with
// OGR (no reprojection, no repair, no index), every point tested against every polygon in
// feature order with plain GEOS intersects after a bounding-box check.
#include <gdal_priv.h>
#include <geos_c.h>
#include <ogrsf_frmts.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

class BruteForceAreas {
public:
    BruteForceAreas(const std::string& path, const std::string& id_field) : ctx_(GEOS_init_r()) {
        GDALAllRegister();
        GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR));
        if (!ds) throw std::runtime_error("cannot open " + path);
        OGRLayer* layer = ds->GetLayer(0);
        GEOSWKBReader* reader = GEOSWKBReader_create_r(ctx_);
        for (auto& f : *layer) {
            OGRGeometry* g = f->GetGeometryRef();
            std::vector<unsigned char> wkb(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
            GEOSGeometry* geom = GEOSWKBReader_read_r(ctx_, reader, wkb.data(), wkb.size());
            if (GEOSisValid_r(ctx_, geom) != 1) {  // the oracle tests the repaired shape too
                GEOSGeometry* fixed = GEOSMakeValid_r(ctx_, geom);
                GEOSGeom_destroy_r(ctx_, geom);
                geom = fixed;
            }
            OGREnvelope e;
            g->getEnvelope(&e);
            polygons_.push_back(geom);
            boxes_.push_back(e);
            ids_.emplace_back(f->GetFieldAsString(id_field.c_str()));
        }
        GEOSWKBReader_destroy_r(ctx_, reader);
    }
    ~BruteForceAreas() {
        for (auto* g : polygons_) GEOSGeom_destroy_r(ctx_, g);
        GEOS_finish_r(ctx_);
    }
    BruteForceAreas(const BruteForceAreas&) = delete;
    BruteForceAreas& operator=(const BruteForceAreas&) = delete;

    // Index of the first polygon whose closure holds (x, y), or -1.
    std::int64_t locate(double x, double y) const {
        GEOSGeometry* p = GEOSGeom_createPointFromXY_r(ctx_, x, y);
        std::int64_t found = -1;
        for (std::size_t i = 0; i < polygons_.size() && found < 0; ++i) {
            const OGREnvelope& e = boxes_[i];
            if (x < e.MinX || x > e.MaxX || y < e.MinY || y > e.MaxY) continue;
            if (GEOSIntersects_r(ctx_, polygons_[i], p) == 1) found = static_cast<std::int64_t>(i);
        }
        GEOSGeom_destroy_r(ctx_, p);
        return found;
    }
    const std::string& id(std::size_t i) const { return ids_[i]; }
    std::size_t size() const { return ids_.size(); }

private:
    GEOSContextHandle_t ctx_;
    std::vector<GEOSGeometry*> polygons_;
    std::vector<OGREnvelope> boxes_;
    std::vector<std::string> ids_;
};
