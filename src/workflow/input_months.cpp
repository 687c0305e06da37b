#include "hotspot/workflow/input_months.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/periods.hpp"

#include <filesystem>
#include <map>
#include <optional>

namespace hotspot {

namespace {

// The month a police.uk file is named for ("2023-10-merseyside-street.csv"), if any.
std::optional<MonthIndex> police_file_month(const SourceFile& f) {
    const std::string name = std::filesystem::path(f.path).filename().string();
    if (f.format != "police.uk" || name.size() < 7) return std::nullopt;
    return parse_year_month(name.substr(0, 7));
}

}  // namespace

std::set<MonthIndex> months_with_input(const IncidentTable& t) {
    std::set<MonthIndex> months(t.month.begin(), t.month.end());
    for (const SourceFile& f : t.files)
        if (const auto m = police_file_month(f)) months.insert(*m);
    return months;
}

std::vector<std::pair<std::string, MonthIndex>> police_source_gap_months(const IncidentTable& t, MonthIndex first, MonthIndex last,
                                                                         const std::vector<std::uint8_t>* selected) {
    std::set<std::string> analysed;  // inputs with a selected row (all inputs without a selection)
    if (selected)
        for (std::size_t i = 0; i < t.size(); ++i)
            if ((*selected)[i]) analysed.insert(t.files[t.file[i]].source);
    std::map<std::string, std::set<MonthIndex>> by_source;
    for (const SourceFile& f : t.files)
        if (f.format == "police.uk" && (!selected || analysed.count(f.source))) {
            auto& months = by_source[f.source];
            if (const auto m = police_file_month(f)) months.insert(*m);
        }
    std::vector<std::pair<std::string, MonthIndex>> gaps;
    for (const auto& [source, months] : by_source)
        for (MonthIndex m = first; m <= last; ++m)
            if (!months.count(m)) gaps.emplace_back(source, m);
    return gaps;
}

std::string police_source_gaps(const IncidentTable& t, MonthIndex first, MonthIndex last, const std::vector<std::uint8_t>* selected) {
    std::string text;
    for (const auto& [source, month] : police_source_gap_months(t, first, last, selected))
        text += (text.empty() ? "" : ", ") + source + " " + month_label(month);
    return text;
}

void refuse_months_without_input(const IncidentTable& t, MonthIndex first, MonthIndex last, const std::vector<std::uint8_t>* selected,
                                 const std::string& command, const std::string& inside, const std::string& remedy_missing,
                                 const std::string& remedy_gap) {
    const std::set<MonthIndex> have = months_with_input(t);
    std::string missing;
    for (MonthIndex m = first; m <= last; ++m)
        if (!have.count(m)) missing += (missing.empty() ? "" : ", ") + month_label(m);
    if (!missing.empty())
        throw ConfigError(command + ": no input for " + missing + " (inside " + inside + "): a missing month file is not zero incidents; " +
                          remedy_missing);
    const std::string gaps = police_source_gaps(t, first, last, selected);
    if (!gaps.empty())
        throw ConfigError(command + ": no police.uk file for " + gaps + " (inside " + inside +
                          "): a source's missing month is not zero incidents; " + remedy_gap);
}

}  // namespace hotspot
