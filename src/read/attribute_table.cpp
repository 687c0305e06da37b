#include "hotspot/read/attribute_table.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

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

std::string at(const AttributeTableSpec& spec, std::uint64_t line) { return spec.path + " line " + std::to_string(line) + ": "; }

// Gives an automatic column the narrowest type that holds every value; checks stated ones.
void settle_type(AttributeColumn& col, AttributeType stated, const std::vector<std::uint64_t>& lines, const AttributeTableSpec& spec) {
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
            throw InputError(at(spec, lines[r]) + "column " + quote_value(col.name) + " holds " + quote_value(v) + ", not " +
                             (type == AttributeType::integer ? "an integer" : "a number"));
        col.number[r] = n;
    }
    col.text.clear();
}

}  // namespace

AttributeTable read_attribute_table(const AttributeTableSpec& spec) {
    AttributeTable t;
    t.spec = spec;
    CsvReader reader(spec.path);
    CsvRecord rec;
    if (!reader.next(rec)) throw InputError(quote_value(spec.path) + " is empty: an attribute table needs a header row");
    if (!rec.malformed.empty()) throw InputError(at(spec, rec.line) + "the header is malformed: " + rec.malformed);
    std::vector<std::string> header;
    for (auto f : rec.fields) header.emplace_back(trim(f));
    const std::size_t key_col = column_index(header, spec.key, spec, "key");
    std::vector<std::size_t> field_cols;
    for (const auto& f : spec.fields) {
        field_cols.push_back(column_index(header, f.column, spec, "field"));
        t.columns.push_back(AttributeColumn{f.column, AttributeType::text, {}, {}});
    }
    std::optional<std::size_t> pop_col;
    if (!spec.population.empty()) pop_col = column_index(header, spec.population, spec, "population");
    std::vector<double> population;
    while (reader.next(rec)) {
        ++t.rows_read;
        if (!rec.malformed.empty()) throw InputError(at(spec, rec.line) + "malformed row (" + rec.malformed + "): " + quote_value(rec.raw));
        if (rec.fields.size() != header.size())
            throw InputError(at(spec, rec.line) + std::to_string(rec.fields.size()) + " fields where the header has " +
                             std::to_string(header.size()) + ": " + quote_value(rec.raw));
        const std::string key(trim(rec.fields[key_col]));
        if (key.empty()) {
            t.rows_without_key.push_back(rec.line);
            continue;
        }
        if (const auto [it, inserted] = t.row_of.emplace(key, t.keys.size()); !inserted)
            throw InputError(at(spec, rec.line) + "duplicate key " + quote_value(key) + " in column " + quote_value(spec.key) +
                             " (first on line " + std::to_string(t.lines[it->second]) + ")");
        t.keys.push_back(key);
        t.lines.push_back(rec.line);
        for (std::size_t c = 0; c < field_cols.size(); ++c) {
            const std::string_view v = trim(rec.fields[field_cols[c]]);
            if (find_invalid_text(v) != std::string_view::npos)
                throw InputError(at(spec, rec.line) + "column " + quote_value(t.columns[c].name) + " holds " + quote_value(v) +
                                 ", which is not UTF-8 text");
            t.columns[c].text.push_back(v.empty() ? std::nullopt : std::optional<std::string>(v));
        }
        if (pop_col) {
            const std::string_view v = trim(rec.fields[*pop_col]);
            const std::optional<double> p = parse_finite_double(v);
            if (!p || *p < 0)
                throw InputError(at(spec, rec.line) + "population column " + quote_value(spec.population) + " holds " + quote_value(v) +
                                 " for key " + quote_value(key) + ", not a number >= 0");
            population.push_back(*p);
        }
    }
    for (std::size_t c = 0; c < t.columns.size(); ++c) settle_type(t.columns[c], spec.fields[c].type, t.lines, spec);
    if (pop_col) t.population = std::move(population);
    t.sha256 = reader.content_sha256().empty() ? sha256_file(spec.path) : reader.content_sha256();
    return t;
}

}  // namespace hotspot
