#include "hotspot/read/attribute_table.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"
#include "read/attribute_rows.hpp"

namespace hotspot {

const char* to_string(AttributeType t) {
    switch (t) {
        case AttributeType::automatic: return "auto";
        case AttributeType::integer: return "integer";
        case AttributeType::real: return "real";
        case AttributeType::text: return "text";
    }
    return "?";
}

AttributeType parse_attribute_type(const std::string& what, const std::string& text) {
    const std::string t = lowercase(trim(text));
    if (t == "integer" || t == "int") return AttributeType::integer;
    if (t == "real" || t == "double") return AttributeType::real;
    if (t == "text" || t == "string") return AttributeType::text;
    if (t == "auto") return AttributeType::automatic;
    throw ConfigError(what + " " + quote_value(text) + ": expected integer, real, text or auto");
}

namespace {

// A code, not a number: a leading zero before another digit ("007", "01234").
bool looks_code(std::string_view v) {
    const std::string_view digits = (!v.empty() && (v[0] == '-' || v[0] == '+')) ? v.substr(1) : v;
    return digits.size() > 1 && digits[0] == '0' && digits[1] >= '0' && digits[1] <= '9';
}

bool looks_integer(std::string_view v) { return !looks_code(v) && parse_integer(v).has_value(); }

std::size_t column_index(const std::vector<std::string>& header, const std::string& column, const AttributeTableSpec& spec,
                         const char* role) {
    for (std::size_t i = 0; i < header.size(); ++i)
        if (header[i] == column) return i;
    std::string names;
    for (const auto& h : header) names += (names.empty() ? "" : ", ") + h;
    throw ConfigError("attributes " + quote_value(spec.name) + ": the " + role + " column " + quote_value(column) + " is not in " +
                      quote_value(spec.path) + " (columns: " + names + ")");
}

// Gives an automatic column the narrowest type that holds every value; checks stated ones.
void settle_type(AttributeColumn& col, AttributeType stated, const std::vector<std::uint64_t>& lines, const RowPlace& at) {
    AttributeType type = stated;
    if (type == AttributeType::automatic) {
        bool any = false, all_integer = true, all_real = true;
        for (const auto& v : col.text) {
            if (!v) continue;
            any = true;
            all_integer = all_integer && looks_integer(*v);
            all_real = all_real && !looks_code(*v) && parse_finite_double(*v).has_value();
        }
        type = !any ? AttributeType::text : all_integer ? AttributeType::integer : all_real ? AttributeType::real : AttributeType::text;
    }
    col.type = type;
    if (type == AttributeType::text) return;
    col.number.resize(col.text.size());
    for (std::size_t r = 0; r < col.text.size(); ++r) {
        if (!col.text[r]) continue;
        const std::string& v = *col.text[r];
        const std::optional<double> n = type == AttributeType::integer
                                            ? (parse_integer(v) ? std::optional<double>(static_cast<double>(*parse_integer(v))) : std::nullopt)
                                            : parse_finite_double(v);
        if (!n)
            throw InputError(at(lines[r]) + "column " + quote_value(col.name) + " holds " + quote_value(v) + ", not " +
                             (type == AttributeType::integer ? "an integer" : "a number"));
        col.number[r] = n;
    }
    col.text.clear();
}

}  // namespace

AttributeTableBuilder::AttributeTableBuilder(const AttributeTableSpec& spec, const std::vector<std::string>& header, RowPlace at)
    : at_(std::move(at)) {
    t_.spec = spec;
    key_col_ = column_index(header, spec.key, spec, "key");
    for (const auto& f : spec.fields) {
        field_cols_.push_back(column_index(header, f.column, spec, "field"));
        t_.columns.push_back(AttributeColumn{f.column, AttributeType::text, {}, {}});
    }
    if (!spec.population.empty()) pop_col_ = column_index(header, spec.population, spec, "population");
}

void AttributeTableBuilder::add(std::uint64_t line, const std::vector<std::string_view>& fields) {
    const AttributeTableSpec& spec = t_.spec;
    ++t_.rows_read;
    const std::string key(trim(fields[key_col_]));
    if (key.empty()) {
        t_.rows_without_key.push_back(line);
        return;
    }
    if (const auto [it, inserted] = t_.row_of.emplace(key, t_.keys.size()); !inserted)
        throw InputError(at_(line) + "duplicate key " + quote_value(key) + " in column " + quote_value(spec.key) +
                         " (first on line " + std::to_string(t_.lines[it->second]) + ")");
    t_.keys.push_back(key);
    t_.lines.push_back(line);
    for (std::size_t c = 0; c < field_cols_.size(); ++c) {
        const std::string_view v = trim(fields[field_cols_[c]]);
        if (find_invalid_text(v) != std::string_view::npos)
            throw InputError(at_(line) + "column " + quote_value(t_.columns[c].name) + " holds " + quote_value(v) +
                             ", which is not UTF-8 text");
        t_.columns[c].text.push_back(v.empty() ? std::nullopt : std::optional<std::string>(v));
    }
    if (pop_col_) {
        const std::string_view v = trim(fields[*pop_col_]);
        const std::optional<double> p = parse_finite_double(v);
        if (!p || *p < 0)
            throw InputError(at_(line) + "population column " + quote_value(spec.population) + " holds " + quote_value(v) +
                             " for key " + quote_value(key) + ", not a number >= 0");
        population_.push_back(*p);
    }
}

AttributeTable AttributeTableBuilder::finish(std::string sha256) {
    for (std::size_t c = 0; c < t_.columns.size(); ++c) settle_type(t_.columns[c], t_.spec.fields[c].type, t_.lines, at_);
    if (pop_col_) t_.population = std::move(population_);
    t_.sha256 = std::move(sha256);
    return std::move(t_);
}

AttributeTable read_attribute_table(const AttributeTableSpec& spec) {
    const RowPlace at = [&spec](std::uint64_t line) { return spec.path + " line " + std::to_string(line) + ": "; };
    CsvReader reader(spec.path);
    CsvRecord rec;
    if (!reader.next(rec)) throw InputError(quote_value(spec.path) + " is empty: an attribute table needs a header row");
    if (!rec.malformed.empty()) throw InputError(at(rec.line) + "the header is malformed: " + rec.malformed);
    std::vector<std::string> header;
    for (auto f : rec.fields) header.emplace_back(trim(f));
    AttributeTableBuilder table(spec, header, at);
    while (reader.next(rec)) {
        if (!rec.malformed.empty()) throw InputError(at(rec.line) + "malformed row (" + rec.malformed + "): " + quote_value(rec.raw));
        if (rec.fields.size() != header.size())
            throw InputError(at(rec.line) + std::to_string(rec.fields.size()) + " fields where the header has " +
                             std::to_string(header.size()) + ": " + quote_value(rec.raw));
        table.add(rec.line, rec.fields);
    }
    return table.finish(content_sha256(spec.path));  // a small table: read again to hash it
}

}  // namespace hotspot
