// police.uk street-level CSV files: 12 named columns, WGS84 lon/lat, "YYYY-MM" months.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"
#include "hotspot/read/csv.hpp"
#include "hotspot/read/inputs.hpp"
#include "read/row_builder.hpp"

#include <algorithm>
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
    std::vector<std::string> names;
};

PoliceColumns locate_columns(const CsvRecord& header, const std::string& path) {
    const std::vector<std::string> names = detail::header_names(header, path);
    std::array<std::size_t, police_uk_columns.size()> at{};
    for (std::size_t c = 0; c < police_uk_columns.size(); ++c) {
        at[c] = static_cast<std::size_t>(std::find(names.begin(), names.end(), police_uk_columns[c]) - names.begin());
        if (at[c] == names.size())
            throw InputError(path + " line " + std::to_string(header.line) +
                             ": not a police.uk street-level file: no column " + quote_value(police_uk_columns[c]) +
                             " in the header " + quote_value(header.raw) +
                             " (outcomes and stop-and-search files have other columns)");
    }
    return {at[0], at[1], at[4], at[5], at[6], at[7], at[9], names.size(), names};
}

}  // namespace

ReadResult read_police_uk_file(const std::string& path, const InputSpec& spec) {
    ReadResult out;
    detail::RowBuilder rows(out, detail::source_file(path, spec.name, "police.uk", spec.s_srs.empty() ? police_uk_crs : spec.s_srs));
    CsvReader reader(path, ',', RecordSpan::line);
    CsvRecord record;
    if (!reader.next(record)) throw InputError(path + ": the file is empty (no header line)");
    const PoliceColumns col = locate_columns(record, path);
    rows.columns(col.names, spec.kept_columns);
    out.incidents.reserve(16384);

    std::uint64_t rows_read = 0;
    std::string last_month_text;
    std::optional<MonthIndex> last_month = parse_year_month(last_month_text);
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
                        detail::field_problem("Longitude", lon_text, lon ? "is outside -180..180" : detail::number_problem(lon_text)),
                        record.raw);
            continue;
        }
        if (!lat || *lat < -90.0 || *lat > 90.0) {
            rows.reject(record.line, "bad_coordinate",
                        detail::field_problem("Latitude", lat_text, lat ? "is outside -90..90" : detail::number_problem(lat_text)),
                        record.raw);
            continue;
        }
        // A police.uk file is one month: its text is parsed again only when it changes.
        const std::string_view month_text = trim(f[col.month]);
        if (month_text != last_month_text) {
            last_month = parse_year_month(month_text);
            last_month_text.assign(month_text);
        }
        const std::optional<MonthIndex>& month = last_month;
        if (!month) {
            rows.reject(record.line, "bad_month", detail::field_problem("Month", f[col.month], "is not a valid YYYY-MM month"),
                        record.raw);
            continue;
        }
        if (detail::reject_month_out_of_range(rows, record.line, record.raw, "Month", f[col.month], *month, spec.months)) continue;
        const std::string_view crime_type = trim(f[col.crime_type]);
        if (crime_type.empty()) {
            rows.reject(record.line, "no_category", "Crime type is empty", record.raw);
            continue;
        }
        const std::string_view location = f[col.location], lsoa = trim(f[col.lsoa_code]), id = trim(f[col.crime_id]);
        const std::vector<std::string_view> kept = rows.kept_values(f);
        if (!record.printable_ascii && detail::reject_invalid_text(rows, record.line, record.raw, {crime_type, location, lsoa, id},
                                        {"Crime type", "Location", "LSOA code", "Crime ID"}))
            continue;
        rows.accept(*lon, *lat, *month, crime_type, spec.weight, record.line, location, lsoa, id, unknown_day, kept);
    }
    detail::record_line_accounting(rows.file(), reader, rows_read);
    return out;
}

}  // namespace hotspot
