#include "hotspot/measure/performance_table.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/measure/measures.hpp"

#include <algorithm>
#include <set>

namespace hotspot {

using namespace table_period;

const std::vector<std::string>& police_uk_categories() {
    static const std::vector<std::string> names = {
        "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs",
        "Other crime", "Other theft", "Possession of weapons", "Public order", "Robbery",
        "Shoplifting", "Theft from the person", "Vehicle crime", "Violence and sexual offences"};
    return names;
}

std::vector<MeasureDefinition> default_police_measures() {
    // In the order of the partnership's report: total, violence, acquisitive crime, the rest, ASB.
    std::vector<MeasureDefinition> m = {{"Total recorded crime", {}, {"Anti-social behaviour"}, {}, {}}};
    for (const auto& [name, category] : std::vector<std::pair<std::string, std::string>>{
             {"Violence and sexual offences", "Violence and sexual offences"},
             {"Robbery", "Robbery"},
             {"Burglary", "Burglary"},
             {"Theft from the person", "Theft from the person"},
             {"Shoplifting", "Shoplifting"},
             {"Vehicle crime", "Vehicle crime"},
             {"Bicycle theft", "Bicycle theft"},
             {"Other theft", "Other theft"},
             {"Criminal damage and arson", "Criminal damage and arson"},
             {"Drug offences", "Drugs"},
             {"Possession of weapons", "Possession of weapons"},
             {"Public order", "Public order"},
             {"Other crime", "Other crime"},
             {"ASB incidents", "Anti-social behaviour"}})
        m.push_back({name, {category}, {}, {}, {}});
    return m;
}

MonthIndex parse_quarter_start(std::string_view text) {
    const std::string t(trim(text));
    const auto bad = [&]() {
        return ConfigError("quarter " + quote_value(t) + ": expected a financial quarter such as \"2025/26 Q2\" (Q1 = April-June) "
                           "or a calendar quarter such as \"2025 Q3\" (Q1 = January-March)");
    };
    const auto q = t.find(" Q") != std::string::npos ? t.find(" Q") : t.find("-Q");
    if (q == std::string::npos || q + 3 != t.size() || t[q + 2] < '1' || t[q + 2] > '4') throw bad();
    const int n = t[q + 2] - '0';
    const std::string year = t.substr(0, q);
    const auto digits = [](std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
    if (year.size() == 4 && digits(year)) return month_index(std::stoi(year), 1) + 3 * (n - 1);
    if (year.size() == 7 && year[4] == '/' && t[q] == ' ' && digits(year.substr(0, 4)) && digits(year.substr(5))) {
        const int first = std::stoi(year.substr(0, 4));
        if (std::stoi(year.substr(5)) != (first + 1) % 100) throw bad();
        return month_index(first, 4) + 3 * (n - 1);
    }
    throw bad();
}

namespace {

// "2025/26 Q2" (financial) or "2025 Q3" (calendar) for the quarter starting at `start`.
std::string quarter_name(MonthIndex start, bool calendar) {
    if (calendar) return std::to_string(year_of(start)) + " Q" + std::to_string((month_of(start) - 1) / 3 + 1);
    return financial_year_label(start) + " Q" + std::to_string((month_of(start) + 8) % 12 / 3 + 1);
}

std::string year_name(MonthIndex m, bool calendar) { return calendar ? std::to_string(year_of(m)) : financial_year_label(m); }

Period quarter_period(MonthIndex start, bool calendar) { return {start, start + 2, quarter_name(start, calendar)}; }

Period ytd_period(MonthIndex quarter_end, bool calendar) {
    const MonthIndex start = calendar ? month_index(year_of(quarter_end), 1) : financial_year_start(quarter_end);
    return {start, quarter_end, "YTD " + year_name(start, calendar) + " (" + month_short_name(start) + "-" + month_short_name(quarter_end) + ")"};
}

std::string months_text(const Period& p) {
    return month_short_name(p.first) + "-" + month_short_name(p.last) + " " + std::to_string(year_of(p.last));
}

// Category names a measure may use: those in the data and every police.uk category.
void check_names(const MeasureDefinition& m, const IncidentTable& t, const std::vector<std::string>& sources) {
    std::vector<std::string> known = police_uk_categories();
    for (const auto& c : t.categories.values())
        if (std::find(known.begin(), known.end(), c) == known.end()) known.push_back(c);
    for (const auto* list : {&m.categories, &m.exclude_categories})
        for (const auto& c : *list)
            if (std::find(known.begin(), known.end(), c) == known.end())
                throw ConfigError("measure " + quote_value(m.name) + ": unknown category " + quote_value(c) + closest_suffix(closest_names(c, known)));
    for (const auto& s : m.sources)
        if (std::find(sources.begin(), sources.end(), s) == sources.end())
            throw ConfigError("measure " + quote_value(m.name) + ": unknown source " + quote_value(s) + closest_suffix(closest_names(s, sources)));
}

// Which rows a measure counts: its sources (as a mask over files, for the months with data) and
// the rows of its categories that pass its where filter.
struct MeasureMask {
    std::vector<std::uint8_t> file;
    FilteredRows rows;
};

MeasureMask mask_of(const MeasureDefinition& m, const IncidentTable& t) {
    MeasureMask k;
    k.file = measure_files(m, t);
    k.rows = measure_rows(m, t);
    return k;
}

}  // namespace

std::string describe_measure(const MeasureDefinition& m) {
    const auto joined = [](const std::vector<std::string>& v) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ";") + x;
        return s;
    };
    return (m.categories.empty() ? std::string("every category") : joined(m.categories)) +
           (m.exclude_categories.empty() ? "" : " except " + joined(m.exclude_categories)) + " from " +
           (m.sources.empty() ? std::string("every input") : joined(m.sources)) + (m.where.empty() ? "" : " where " + m.where.text());
}

std::vector<std::uint8_t> measure_files(const MeasureDefinition& m, const IncidentTable& t) {
    std::vector<std::uint8_t> file(t.files.size());
    for (std::size_t f = 0; f < t.files.size(); ++f)
        file[f] = m.sources.empty() || std::find(m.sources.begin(), m.sources.end(), t.files[f].source) != m.sources.end();
    return file;
}

FilteredRows measure_rows(const MeasureDefinition& m, const IncidentTable& t) {
    std::vector<std::uint8_t> category(t.categories.size(), m.categories.empty() ? 1 : 0);
    for (std::uint32_t c = 0; c < t.categories.size(); ++c) {
        const std::string& name = t.categories.at(c);
        if (std::find(m.categories.begin(), m.categories.end(), name) != m.categories.end()) category[c] = 1;
        if (std::find(m.exclude_categories.begin(), m.exclude_categories.end(), name) != m.exclude_categories.end()) category[c] = 0;
    }
    const std::vector<std::uint8_t> file = measure_files(m, t);
    std::vector<std::uint8_t> scope(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) scope[i] = file[t.file[i]] && category[t.category[i]];
    return apply_row_filter(m.where, t, scope, "measure " + quote_value(m.name));
}

namespace {

using Counts = std::array<std::uint64_t, table_periods>;

void fill_changes(TableRow& row, double band) {
    const auto& ytd = row.count[year_to_date];
    const auto& last = row.count[last_year_to_date];
    if (!ytd || !last) return;
    row.difference = static_cast<std::int64_t>(*ytd) - static_cast<std::int64_t>(*last);
    if (*last > 0) row.difference_pct = 100.0 * static_cast<double>(*row.difference) / static_cast<double>(*last);
    if (*last == 0) row.direction = *ytd > 0 ? "up" : "level";
    else if (*row.difference_pct >= band) row.direction = "up";
    else if (*row.difference_pct <= -band) row.direction = "down";
    else row.direction = "level";
}

std::optional<double> per_1000(const std::optional<std::uint64_t>& count, const std::optional<double>& population) {
    if (!count || !population || *population <= 0) return std::nullopt;
    return 1000.0 * static_cast<double>(*count) / *population;
}

// Ranks the rows [begin, begin + n * stride) of one measure in one layer (stride = measures).
void rank_rows(std::vector<TableRow>& rows, std::size_t begin, std::size_t n, std::size_t stride, bool by_rate) {
    std::vector<std::size_t> which;
    std::vector<double> values;
    for (std::size_t a = 0; a < n; ++a) {
        const TableRow& r = rows[begin + a * stride];
        const std::optional<double> v = by_rate ? r.rate_per_1000
                                                : (r.count[year_to_date] ? std::optional(static_cast<double>(*r.count[year_to_date])) : std::nullopt);
        if (!v) continue;
        which.push_back(begin + a * stride);
        values.push_back(*v);
    }
    const auto rank = competition_rank(values);
    for (std::size_t k = 0; k < which.size(); ++k) rows[which[k]].rank = rank[k];
}

}  // namespace

std::string PerformanceTable::coverage_note(std::size_t measure) const {
    std::string note;
    for (std::size_t p = 0; p < table_periods; ++p) {
        const auto have = months_with_data[measure][p];
        if (have == static_cast<std::uint32_t>(periods[p].months())) continue;
        note += (note.empty() ? "" : "; ") + periods[p].label + ": " +
                (have == 0 ? std::string("no data") : std::to_string(have) + " of " + std::to_string(periods[p].months()) + " months with data");
    }
    return note;
}

PerformanceTable build_performance_table(const IncidentTable& t, const std::vector<AreaLayer>& layers,
                                         const std::vector<Assignment>& assignments, const TableOptions& options) {
    if (t.size() == 0) throw ConfigError("the performance table needs incidents: no row was accepted");
    PerformanceTable table;
    table.level_band_pct = options.level_band_pct;
    const bool calendar = options.calendar_quarters;

    // The periods: the chosen or latest complete quarter, and the others from it.
    const auto [first_month, last_month] = std::minmax_element(t.month.begin(), t.month.end());
    MonthIndex q;
    if (!options.quarter.empty()) {
        q = parse_quarter_start(options.quarter);
        table.quarter_rule = "as chosen (" + options.quarter + ")";
    } else {
        q = *last_month - (month_of(*last_month) - 1) % 3;
        if (q + 2 > *last_month) q -= 3;
        table.quarter_rule = "the latest complete quarter in the data (data end " + month_label(*last_month) + ")";
    }
    table.periods[latest_quarter] = quarter_period(q, calendar);
    table.periods[quarter_last_year] = quarter_period(q - 12, calendar);
    table.periods[previous_quarter] = quarter_period(q - 3, calendar);
    table.periods[year_to_date] = ytd_period(q + 2, calendar);
    table.periods[last_year_to_date] = ytd_period(q + 2 - 12, calendar);
    for (std::size_t p = 0; p < table_periods; ++p)
        table.headings[p] = p >= year_to_date ? table.periods[p].label : table.periods[p].label + " (" + months_text(table.periods[p]) + ")";
    table.comparison = "YTD " + year_name(q, calendar) + " v " + year_name(q - 12, calendar);

    // The measures: as configured, else the built-in police.uk set on the police.uk inputs.
    std::vector<MeasureDefinition> measures = options.measures;
    const bool built_in = measures.empty();
    if (built_in) {
        if (options.police_sources.empty())
            throw ConfigError("no measures: the built-in measures are for police.uk inputs; define [measure.NAME] sections "
                              "(categories = A;B, sources = INPUT)");
        measures = default_police_measures();
        for (auto& m : measures) m.sources = options.police_sources;
    }
    std::vector<MeasureMask> masks;
    for (const auto& m : measures) {
        check_names(m, t, options.sources);
        MeasureMask k = mask_of(m, t);
        const std::uint64_t rows = k.rows.selected;
        if (!m.where.empty()) {
            table.where_accounts.push_back("measure " + quote_value(m.name) + " where " + m.where.text() + ": " + k.rows.summary());
            if (k.rows.unknown > 0 || !k.rows.warnings.empty()) table.notes.push_back(table.where_accounts.back());
        }
        if (rows == 0 && built_in) {
            table.notes.push_back("built-in measure " + quote_value(m.name) + " left out: no incident of its categories in the police.uk inputs");
            continue;
        }
        if (rows == 0) table.notes.push_back("measure " + quote_value(m.name) + " counts no incident in the whole data (0 wherever its sources have data)");
        table.measures.push_back(m);
        masks.push_back(std::move(k));
    }
    const std::size_t n_measures = table.measures.size();

    // Months with data: a month counts for a measure when its sources have any incident in it.
    const MonthIndex m0 = *first_month;
    const std::size_t span = static_cast<std::size_t>(*last_month - m0 + 1);
    std::vector<std::vector<std::uint8_t>> covered(n_measures, std::vector<std::uint8_t>(span, 0));
    for (std::size_t i = 0; i < t.size(); ++i)
        for (std::size_t m = 0; m < n_measures; ++m)
            if (masks[m].file[t.file[i]]) covered[m][static_cast<std::size_t>(t.month[i] - m0)] = 1;
    table.months_with_data.assign(n_measures, {});
    for (std::size_t m = 0; m < n_measures; ++m)
        for (std::size_t p = 0; p < table_periods; ++p)
            for (MonthIndex mo = table.periods[p].first; mo <= table.periods[p].last; ++mo)
                if (mo >= m0 && mo <= *last_month && covered[m][static_cast<std::size_t>(mo - m0)]) ++table.months_with_data[m][p];

    // Counts: the study area, and [layer][area * measures + measure].
    std::vector<Counts> study(n_measures, Counts{});
    std::vector<std::vector<Counts>> by_area(layers.size());
    for (std::size_t l = 0; l < layers.size(); ++l) by_area[l].assign(layers[l].size() * n_measures, Counts{});
    for (std::size_t i = 0; i < t.size(); ++i) {
        std::array<bool, table_periods> in{};
        bool any = false;
        for (std::size_t p = 0; p < table_periods; ++p) any |= in[p] = table.periods[p].contains(t.month[i]);
        if (!any) continue;
        for (std::size_t m = 0; m < n_measures; ++m) {
            if (!masks[m].rows.keep[i]) continue;
            for (std::size_t p = 0; p < table_periods; ++p) {
                if (!in[p]) continue;
                ++study[m][p];
                for (std::size_t l = 0; l < layers.size(); ++l)
                    if (const std::int32_t a = assignments[l].area[i]; a >= 0) ++by_area[l][static_cast<std::size_t>(a) * n_measures + m][p];
            }
        }
    }

    const auto make_row = [&](std::string layer, std::string id, std::string name, std::size_t m, const Counts& c,
                              const std::optional<double>& population) {
        TableRow row{std::move(layer), std::move(id), std::move(name), m, {}, {}, {}, {}, {}, {}};
        for (std::size_t p = 0; p < table_periods; ++p)
            if (table.months_with_data[m][p] > 0) row.count[p] = c[p];
        fill_changes(row, options.level_band_pct);
        row.rate_per_1000 = per_1000(row.count[year_to_date], population);
        return row;
    };

    // The study area's population is the first layer's, when every area has one and every
    // incident lies in one of its areas; otherwise its rate would have the wrong denominator.
    if (!layers.empty() && layers[0].has_population() && assignments[0].outside == 0) {
        double sum = 0;
        bool all = true;
        for (std::size_t a = 0; a < layers[0].size(); ++a) {
            all = all && layers[0].population(a).has_value();
            sum += layers[0].population(a).value_or(0);
        }
        if (all) table.study_population = sum;
    }
    if (!table.study_population)
        table.notes.push_back("no rate for the whole study area: it needs the first area layer to have a population for every area "
                              "and every incident to lie in one of its areas");
    for (std::size_t m = 0; m < n_measures; ++m) table.rows.push_back(make_row("", "", "Whole study area", m, study[m], table.study_population));

    for (std::size_t l = 0; l < layers.size(); ++l) {
        const AreaLayer& layer = layers[l];
        const std::size_t begin = table.rows.size();
        for (std::size_t a = 0; a < layer.size(); ++a)
            for (std::size_t m = 0; m < n_measures; ++m)
                table.rows.push_back(make_row(layer.name(), layer.id(a), layer.label(a), m, by_area[l][a * n_measures + m], layer.population(a)));
        const bool by_rate = layer.has_population();
        table.rankings.push_back({layer.name(), by_rate});
        for (std::size_t m = 0; m < n_measures; ++m) rank_rows(table.rows, begin + m, layer.size(), n_measures, by_rate);
    }
    return table;
}

}  // namespace hotspot
