// police.uk street-level CSV files: 12 named columns, WGS84 lon/lat, "YYYY-MM" months.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/read/csv.hpp"
#include "hotspot/read/inputs.hpp"
#include "read/row_builder.hpp"

#include <array>
#include <filesystem>

namespace hotspot {

namespace {

constexpr std::array<std::string_view, 12> police_uk_columns = {
    "Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude",
    "Location", "LSOA code", "LSOA name", "Crime type", "Last outcome category", "Context"};

struct PoliceColumns {
    std::size_t crime_id, month, longitude, latitude, location, lsoa_code, crime_type;
    std::size_t count;
};

PoliceColumns locate_columns(const CsvRecord& header, const std::string& path) {
    std::array<std::size_t, police_uk_columns.size()> at{};
    for (std::size_t c = 0; c < police_uk_columns.size(); ++c) {
        at[c] = header.fields.size();
        for (std::size_t f = 0; f < header.fields.size(); ++f)
            if (trim(header.fields[f]) == police_uk_columns[c]) at[c] = f;
        if (at[c] == header.fields.size())
            throw InputError(path + " line " + std::to_string(header.line) +
                             ": not a police.uk street-level file: no column " + quote_value(police_uk_columns[c]) +
                             " in the header " + quote_value(header.raw) +
                             " (outcomes and stop-and-search files have other columns)");
    }
    return {at[0], at[1], at[4], at[5], at[6], at[7], at[9], header.fields.size()};
}

}  // namespace

ReadResult read_police_uk_file(const std::string& path, const InputSpec& spec) {
    ReadResult out;
    SourceFile info{path, spec.name, "police.uk", spec.s_srs.empty() ? "EPSG:4326" : spec.s_srs, "",
                    std::filesystem::file_size(path), 0, 0};
    detail::RowBuilder rows(out, std::move(info));
    CsvReader reader(path);
    CsvRecord record;
    if (!reader.next(record)) throw InputError(path + ": the file is empty (no header line)");
    const PoliceColumns col = locate_columns(record, path);
    out.incidents.reserve(16384);

    std::uint64_t rows_read = 0;
    std::string why;
    while (reader.next(record)) {
        ++rows_read;
        const auto& f = record.fields;
        if (detail::reject_misshapen(rows, record, col.count)) continue;
        const std::string_view lon_text = f[col.longitude], lat_text = f[col.latitude];
        if (trim(lon_text).empty() && trim(lat_text).empty()) {
            rows.reject(record.line, "no_location", "Longitude and Latitude are empty (police.uk 'no location' record)",
                        record.raw);
            continue;
        }
        const auto lon = parse_finite_double(lon_text);
        const auto lat = parse_finite_double(lat_text);
        if (!lon || *lon < -180.0 || *lon > 180.0) {
            rows.reject(record.line, "bad_coordinate",
                        detail::field_problem("Longitude", lon_text, lon ? "is outside -180..180" : "is not a number"),
                        record.raw);
            continue;
        }
        if (!lat || *lat < -90.0 || *lat > 90.0) {
            rows.reject(record.line, "bad_coordinate",
                        detail::field_problem("Latitude", lat_text, lat ? "is outside -90..90" : "is not a number"),
                        record.raw);
            continue;
        }
        const auto month = parse_year_month(trim(f[col.month]));
        if (!month) {
            rows.reject(record.line, "bad_month", detail::field_problem("Month", f[col.month], "is not a valid YYYY-MM month"),
                        record.raw);
            continue;
        }
        const std::string_view crime_type = trim(f[col.crime_type]);
        if (crime_type.empty()) {
            rows.reject(record.line, "no_category", "Crime type is empty", record.raw);
            continue;
        }
        rows.accept(*lon, *lat, *month, crime_type, spec.weight, record.line, f[col.location],
                    trim(f[col.lsoa_code]), trim(f[col.crime_id]));
    }
    rows.file().rows_read = rows_read;
    rows.file().blank_lines = reader.blank_lines();
    return out;
}

}  // namespace hotspot
