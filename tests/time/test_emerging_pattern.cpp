// Emerging hot spot patterns (time/emerging_pattern) against ArcGIS Pro's definitions written out
// literally, one predicate per pattern as Pro's "learnmoreemerging" page words it: one hand-made
// series per pattern that satisfies its predicate and no other, the edge cases (exactly 90 %,
// all bins not significant), and every series of 10 bins (3^10) x 3 trends, where the literal
// predicates overlap only in the places docs/decisions.md resolves, and the classifier follows it.
#include "hotspot/time/emerging_pattern.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

using namespace hotspot;

namespace {

using Bins = std::vector<BinSignificance>;

// "h..c.h" -> bins: h hot, c cold, '.' not significant.
Bins bins_of(const std::string& s) {
    Bins b;
    for (char ch : s) b.push_back(ch == 'h' ? BinSignificance::hot : ch == 'c' ? BinSignificance::cold : BinSignificance::none);
    return b;
}

// Pro's wording for hot spots, literally (cold: the same with hot and cold swapped and the trend reversed).
std::vector<std::string> literal_hot(const Bins& b, TrendDirection trend, BinSignificance hot) {
    const BinSignificance cold = hot == BinSignificance::hot ? BinSignificance::cold : BinSignificance::hot;
    const TrendDirection up = hot == BinSignificance::hot ? TrendDirection::up : TrendDirection::down;
    const TrendDirection down = hot == BinSignificance::hot ? TrendDirection::down : TrendDirection::up;
    const std::size_t n = b.size();
    std::size_t hots = 0, run = 0;  // run: hot bins at the end, unbroken
    bool any_cold = false;
    for (std::size_t i = 0; i < n; ++i) hots += b[i] == hot, any_cold = any_cold || b[i] == cold;
    while (run < n && b[n - 1 - run] == hot) ++run;
    const bool final_hot = b[n - 1] == hot;
    const double share = static_cast<double>(hots) / static_cast<double>(n);
    const bool ninety = share >= 0.9 - 1e-12;
    std::vector<std::string> out;
    // "hot for the final time step and never a hot spot before"
    if (final_hot && hots == 1) out.push_back("new");
    // "a single uninterrupted run of at least two hot bins in the final intervals, never hot before the run, < 90 % hot"
    if (final_hot && run >= 2 && hots == run && !ninety) out.push_back("consecutive");
    // "hot for 90 % of the intervals including the final one, and a significant increase"
    if (ninety && final_hot && trend == up) out.push_back("intensifying");
    // "hot for 90 % of the intervals with no discernible trend"
    if (ninety && trend == TrendDirection::none) out.push_back("persistent");
    // "hot for 90 % of the intervals including the final one, and a significant decrease"
    if (ninety && final_hot && trend == down) out.push_back("diminishing");
    // "hot in the final interval, on-again off-again, < 90 % hot, never cold"
    if (final_hot && hots > run && !ninety && !any_cold) out.push_back("sporadic");
    // "hot in the final interval, cold at a prior step, < 90 % hot"
    if (final_hot && any_cold && !ninety) out.push_back("oscillating");
    // "the most recent period is not hot, but >= 90 % of the intervals have been hot"
    if (!final_hot && ninety) out.push_back("historical");
    return out;
}

std::string name_of(EmergingClass c) {
    static const std::map<EmergingPattern, std::string> names{
        {EmergingPattern::no_pattern, "none"},   {EmergingPattern::new_spot, "new"},         {EmergingPattern::consecutive, "consecutive"},
        {EmergingPattern::intensifying, "intensifying"}, {EmergingPattern::persistent, "persistent"},
        {EmergingPattern::diminishing, "diminishing"},   {EmergingPattern::sporadic, "sporadic"},
        {EmergingPattern::oscillating, "oscillating"},   {EmergingPattern::historical, "historical"}};
    return c.pattern == EmergingPattern::no_pattern ? "none" : names.at(c.pattern) + (c.cold ? " cold" : " hot");
}

std::vector<std::string> literal(const Bins& b, TrendDirection trend) {
    std::vector<std::string> out;
    for (const std::string& p : literal_hot(b, trend, BinSignificance::hot)) out.push_back(p + " hot");
    for (const std::string& p : literal_hot(b, trend, BinSignificance::cold)) out.push_back(p + " cold");
    return out;
}

}  // namespace

TEST_CASE("emerging patterns: one hand-made series per pattern lands in it and in no other", "[emerging]") {
    struct Case {
        const char* bins;
        TrendDirection trend;
        const char* want;
    };
    const TrendDirection up = TrendDirection::up, down = TrendDirection::down, flat = TrendDirection::none;
    const std::vector<Case> cases{
        {".........h", flat, "new hot"},
        {"......hhhh", up, "consecutive hot"},
        {"hhhhhhhhhh", up, "intensifying hot"},
        {".hhhhhhhhh", flat, "persistent hot"},   // exactly 90 %: 9 of 10
        {"hhhhhhhhhh", down, "diminishing hot"},
        {"..h..h...h", flat, "sporadic hot"},
        {"c....h...h", flat, "oscillating hot"},
        {"hhhhhhhhh.", up, "historical hot"},     // exactly 90 %, final not significant (flat: persistent too)
        {".........c", flat, "new cold"},
        {".......ccc", down, "consecutive cold"},
        {"cccccccccc", down, "intensifying cold"},
        {"ccccc.cccc", flat, "persistent cold"},
        {"cccccccccc", up, "diminishing cold"},
        {".c.c...c.c", flat, "sporadic cold"},
        {"..h..c..cc", flat, "oscillating cold"},
        {"cccccccc.c", flat, "persistent cold"},
        {"ccccccccc.", up, "historical cold"},
        {"..........", flat, "none"},             // nothing significant
        {"..h..h....", flat, "none"},             // hot on and off, not in the final bin
        {"hhhhhhhh..", flat, "none"},             // 80 %: not historical
    };
    for (const Case& c : cases) {
        INFO(c.bins);
        const Bins b = bins_of(c.bins);
        const EmergingClass got = classify_emerging(b, c.trend);
        CHECK(name_of(got) == c.want);
        const std::vector<std::string> lit = literal(b, c.trend);
        if (std::string(c.want) == "none") CHECK(lit.empty());
        else CHECK(lit == std::vector<std::string>{c.want});
    }
    CHECK(std::string(emerging_pattern_name(classify_emerging(bins_of("......hhhh"), up))) == "Consecutive Hot Spot");
    CHECK(classify_emerging(bins_of("......hhhh"), up).code() == 2);
    CHECK(classify_emerging(bins_of("cccccccccc"), down).code() == -3);
    CHECK_THROWS_AS(classify_emerging(Bins{}, flat), std::invalid_argument);
}

TEST_CASE("emerging patterns: every 10-bin series x trend follows Pro's words, overlaps resolved as stated", "[emerging]") {
    std::map<std::string, std::size_t> overlaps;
    std::size_t series = 0;
    Bins b(10);
    for (int code = 0; code < 59049; ++code) {
        int c = code;
        for (auto& bin : b) bin = static_cast<BinSignificance>(c % 3 - 1), c /= 3;
        for (TrendDirection trend : {TrendDirection::down, TrendDirection::none, TrendDirection::up}) {
            ++series;
            const std::vector<std::string> lit = literal(b, trend);
            const std::string got = name_of(classify_emerging(b, trend));
            if (lit.empty()) {
                CHECK(got == "none");
                continue;
            }
            std::string want = lit.size() == 1 ? lit[0] : "";
            if (lit.size() > 1) {
                std::string key;
                for (const std::string& p : lit) key += (key.empty() ? "" : " + ") + p;
                ++overlaps[key];
                // The stated resolutions (docs/decisions.md): the final bin's own side first (a location
                // whose final bin is cold is read as cold, whatever it was); within a side oscillating
                // over new and consecutive, historical over persistent (the final bin not hot).
                const auto has = [&](const std::string& p) { return std::find(lit.begin(), lit.end(), p) != lit.end(); };
                const std::string side = b.back() == BinSignificance::cold ? " cold"
                                       : b.back() == BinSignificance::hot  ? " hot"
                                       : lit[0].substr(lit[0].find(' '));  // final not significant: only one side can match
                std::vector<std::string> mine;
                for (const std::string& p : lit)
                    if (p.ends_with(side)) mine.push_back(p);
                if (mine.empty()) mine = lit;
                if (mine.size() == 1) want = mine[0];
                else if (has("oscillating" + side) && mine.size() == 2 && (has("new" + side) || has("consecutive" + side))) want = "oscillating" + side;
                else if (has("historical" + side) && has("persistent" + side) && mine.size() == 2) want = "historical" + side;
                else FAIL("an overlap the decisions do not resolve: " << key);
            }
            CHECK(got == want);
        }
    }
    CHECK(series == 59049 * 3);
    for (const auto& [key, count] : overlaps) INFO(key << ": " << count);
    CHECK(overlaps.count("new hot + oscillating hot"));
    CHECK(overlaps.count("persistent hot + historical hot"));
}
