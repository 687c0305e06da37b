// Which months the input covers (workflow/input_months): months with rows or police.uk files,
// and each police.uk input's own missing files, so that a month one force lacks is never read as
// that force's zero (checked by hand-built file lists against the gaps written out).
#include "hotspot/base/periods.hpp"
#include "hotspot/workflow/input_months.hpp"

#include <catch2/catch.hpp>

using namespace hotspot;

TEST_CASE("input months: every police.uk input checked on its own", "[input_months]") {
    IncidentTable t;
    const auto file = [&](const std::string& name, const std::string& source, const std::string& format) {
        SourceFile f;
        f.path = "/data/" + source + "/" + name, f.source = source, f.format = format;
        t.files.push_back(f);
    };
    for (const char* m : {"2024-01", "2024-02", "2024-03", "2024-04"}) file(std::string(m) + "-merseyside-street.csv.gz", "merseyside", "police.uk");
    for (const char* m : {"2024-01", "2024-03"}) file(std::string(m) + "-btp-street.csv", "btp", "police.uk");
    file("council_asb.csv", "council", "csv");  // not police.uk: its months are its rows'
    t.month = {*parse_year_month("2024-05")};
    const MonthIndex jan = *parse_year_month("2024-01"), may = *parse_year_month("2024-05");
    const std::set<MonthIndex> have = months_with_input(t);
    CHECK(have.size() == 5);  // January..April from the files, May from the row
    const auto gaps = police_source_gap_months(t, jan, may);
    const std::vector<std::pair<std::string, MonthIndex>> want{{"btp", jan + 1}, {"btp", jan + 3}, {"btp", may}, {"merseyside", may}};
    CHECK(gaps == want);
    CHECK(police_source_gaps(t, jan, may) == "btp 2024-02, btp 2024-04, btp 2024-05, merseyside 2024-05");
    CHECK(police_source_gaps(t, jan, jan).empty());
    // With a selection, an input none of whose rows is selected cannot be missing from it.
    t.file = {0, 4, 6}, t.month = {jan, jan, may}, t.x.assign(3, 0.0);  // rows of merseyside, btp, council
    const std::vector<std::uint8_t> merseyside_only{1, 0, 1};
    CHECK(police_source_gaps(t, jan, may, &merseyside_only) == "merseyside 2024-05");
    const std::vector<std::uint8_t> with_btp{1, 1, 0};
    CHECK(police_source_gaps(t, jan, may, &with_btp) == "btp 2024-02, btp 2024-04, btp 2024-05, merseyside 2024-05");
}
