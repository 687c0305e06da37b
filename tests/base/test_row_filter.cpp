// where filters: the grammar's errors, and the rows selected against SQLite's own three-valued
// logic (through GDAL's SQLite dialect) on random filters over a table with empty values, text
// and numbers written several ways.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/random.hpp"
#include "hotspot/base/row_filter.hpp"

#include <catch2/catch.hpp>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>


using namespace hotspot;

namespace {

// Each cell text with the number it is (a test fixture: what "is a number" means, written out).
struct Cell {
    const char* text;
    std::optional<double> number;
};
const std::vector<Cell> age_cells = {{"", {}}, {"17", 17}, {"25", 25}, {"25.0", 25}, {"26", 26}, {"40", 40}, {"Unknown", {}}, {"-3", -3}};
const std::vector<Cell> weapon_cells = {{"", {}}, {"knife", {}}, {"Knife", {}}, {"none", {}}, {"O'Neil", {}}, {"blunt object", {}}};
const std::vector<Cell> code_cells = {{"", {}}, {"007", 7}, {"7", 7}, {"A1", {}}, {"12", 12}};  // empty first, as the others

struct Column {
    std::string name;
    const std::vector<Cell>* cells;
};
const std::vector<Column> columns = {{"age", &age_cells}, {"weapon", &weapon_cells}, {"code", &code_cells}};

// A table of `rows` rows, each cell drawn from its column's list; cell[row][column] indexes it.
struct Fixture {
    IncidentTable table;
    std::vector<std::vector<std::size_t>> cell;
};

Fixture make_fixture(std::size_t rows, SplitMix64& rng) {
    Fixture f;
    f.table.files.push_back(SourceFile{});
    f.table.files[0].path = "synthetic.csv";
    f.table.files[0].source = "s";
    for (const auto& c : columns) {
        f.table.files[0].columns.push_back(c.name);
        f.table.kept.push_back(KeptColumn{c.name, {}, {}});
    }
    for (std::size_t r = 0; r < rows; ++r) {
        f.table.x.push_back(0);
        f.table.file.push_back(0);
        f.table.line.push_back(static_cast<std::uint32_t>(r + 2));
        f.cell.emplace_back();
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const std::size_t k = rng.below(columns[c].cells->size());
            f.cell.back().push_back(k);
            f.table.kept[c].value.push_back(f.table.kept[c].values.intern((*columns[c].cells)[k].text));
        }
    }
    return f;
}

std::string sql_text(const std::string& s) {
    std::string out = "'";
    for (char ch : s) out += ch == '\'' ? std::string("''") : std::string(1, ch);
    return out + "'";
}

// A random filter in our grammar and the same filter in SQL over columns NAME_t (text, NULL when
// empty) and NAME_n (the number, NULL when empty or not a number).
struct Generated {
    std::string ours, sql;
};

Generated random_test(SplitMix64& rng) {
    const Column& col = columns[rng.below(columns.size())];
    const bool numeric = col.name != "weapon" && rng.below(3) != 0;
    const std::string t = col.name + "_t", n = col.name + "_n";
    if (rng.below(8) == 0) {
        const bool negated = rng.below(2) == 1;
        return {col.name + (negated ? " is not empty" : " IS EMPTY"), t + (negated ? " IS NOT NULL" : " IS NULL")};
    }
    const auto number = [&] { return std::to_string(static_cast<int>(rng.below(50)) - 5); };
    const auto text = [&] {
        const auto& cells = *col.cells;
        std::string v = cells[1 + rng.below(cells.size() - 1)].text;
        return v;
    };
    const std::size_t kind = rng.below(4);
    if (kind == 0) {  // in / not in
        const bool negated = rng.below(2) == 1;
        std::string ours = col.name + (negated ? " not in (" : " in ("), sql = (numeric ? n : t) + (negated ? " NOT IN (" : " IN (");
        const std::size_t count = 1 + rng.below(3);
        for (std::size_t k = 0; k < count; ++k) {
            const std::string v = numeric ? number() : text();
            ours += (k ? ", " : "") + (numeric ? v : sql_text(v));
            sql += (k ? ", " : "") + (numeric ? v : sql_text(v));
        }
        return {ours + ")", sql + ")"};
    }
    static const std::vector<std::pair<std::string, std::string>> equality = {{"=", "="}, {"!=", "<>"}, {"<>", "<>"}};
    static const std::vector<std::pair<std::string, std::string>> ordering = {{"<", "<"}, {"<=", "<="}, {">", ">"}, {">=", ">="}};
    if (numeric) {
        const auto& ops = rng.below(2) == 0 ? equality : ordering;
        const auto& [o, s] = ops[rng.below(ops.size())];
        const std::string v = number();
        return {col.name + " " + o + " " + v, n + " " + s + " " + v};
    }
    const auto& [o, s] = equality[rng.below(equality.size())];
    const std::string v = text();
    return {col.name + " " + o + " " + sql_text(v), t + " " + s + " " + sql_text(v)};
}

Generated random_filter(SplitMix64& rng, int depth) {
    if (depth == 0 || rng.below(3) == 0) return random_test(rng);
    switch (rng.below(3)) {
    case 0: {
        const Generated a = random_filter(rng, depth - 1);
        return {"not (" + a.ours + ")", "NOT (" + a.sql + ")"};
    }
    case 1: {
        const Generated a = random_filter(rng, depth - 1), b = random_filter(rng, depth - 1);
        return {"(" + a.ours + ") and (" + b.ours + ")", "(" + a.sql + ") AND (" + b.sql + ")"};
    }
    default: {
        // No brackets sometimes, to exercise "and" binding tighter than "or".
        const Generated a = random_test(rng), b = random_test(rng), c = random_test(rng);
        return {a.ours + " or " + b.ours + " AND " + c.ours, "(" + a.sql + ") OR ((" + b.sql + ") AND (" + c.sql + "))"};
    }
    }
}

// The fixture as an in-memory OGR layer, to query with GDAL's SQLite dialect.
GDALDatasetUniquePtr sqlite_peer(const Fixture& f) {
    GDALAllRegister();
    GDALDriver* mem = GetGDALDriverManager()->GetDriverByName("Memory");
    GDALDatasetUniquePtr ds(mem->Create("", 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = ds->CreateLayer("t", nullptr, wkbNone, nullptr);
    OGRFieldDefn row("row", OFTInteger);
    layer->CreateField(&row);
    for (const auto& c : columns) {
        OGRFieldDefn t((c.name + "_t").c_str(), OFTString), n((c.name + "_n").c_str(), OFTReal);
        layer->CreateField(&t);
        layer->CreateField(&n);
    }
    for (std::size_t r = 0; r < f.cell.size(); ++r) {
        OGRFeature feature(layer->GetLayerDefn());
        feature.SetField("row", static_cast<int>(r));
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Cell& cell = (*columns[c].cells)[f.cell[r][c]];
            const std::string t = columns[c].name + "_t", n = columns[c].name + "_n";
            if (std::string(cell.text).empty()) feature.SetFieldNull(feature.GetFieldIndex(t.c_str()));
            else feature.SetField(t.c_str(), cell.text);
            if (cell.number) feature.SetField(n.c_str(), *cell.number);
            else feature.SetFieldNull(feature.GetFieldIndex(n.c_str()));
        }
        REQUIRE(layer->CreateFeature(&feature) == OGRERR_NONE);
    }
    return ds;
}

// Per row: 1 true, 0 false, 2 unknown (SQL NULL), as SQLite decides.
std::vector<int> sqlite_truth(GDALDataset& ds, const std::string& sql_filter, std::size_t rows) {
    const std::string sql = "SELECT row, CASE WHEN (" + sql_filter + ") THEN 1 WHEN NOT (" + sql_filter + ") THEN 0 ELSE 2 END AS truth FROM t";
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, "SQLite");
    REQUIRE(result != nullptr);
    std::vector<int> truth(rows, -1);
    for (auto& feature : *result) truth[static_cast<std::size_t>(feature->GetFieldAsInteger(0))] = feature->GetFieldAsInteger(1);
    ds.ReleaseResultSet(result);
    return truth;
}

std::string parse_error(const std::string& text) {
    try {
        RowFilter::parse(text, "measure 'M'");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

std::string apply_error(const std::string& text, const Fixture& f) {
    try {
        apply_row_filter(RowFilter::parse(text, "measure 'M'"), f.table, std::vector<std::uint8_t>(f.table.size(), 1), "measure 'M'");
    } catch (const ConfigError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("where selects the rows SQLite's three-valued logic selects", "[row_filter]") {
    SplitMix64 rng(20261130);
    const Fixture f = make_fixture(400, rng);
    GDALDatasetUniquePtr peer = sqlite_peer(f);
    std::vector<std::uint8_t> scope(f.table.size());
    for (std::size_t i = 0; i < scope.size(); ++i) scope[i] = i % 7 != 3;  // a scope that leaves rows out
    int filters_with_unknown = 0, compared = 0;
    for (int k = 0; k < 300; ++k) {
        const Generated g = random_filter(rng, 3);
        INFO("ours: " << g.ours << "\nsql: " << g.sql);
        FilteredRows ours;
        try {
            ours = apply_row_filter(RowFilter::parse(g.ours, "test"), f.table, scope, "test");
        } catch (const ConfigError& e) {
            // Only the refusal of a text value no row holds (O'Neil may be out of scope) is expected.
            CHECK(std::string(e.what()).find("which no row of its sources and categories holds") != std::string::npos);
            continue;
        }
        ++compared;
        const std::vector<int> truth = sqlite_truth(*peer, g.sql, f.table.size());
        std::uint64_t in_scope = 0, selected = 0, unknown = 0;
        for (std::size_t i = 0; i < scope.size(); ++i) {
            if (!scope[i]) {
                CHECK(ours.keep[i] == 0);
                continue;
            }
            ++in_scope;
            selected += truth[i] == 1;
            unknown += truth[i] == 2;
            CHECK(static_cast<int>(ours.keep[i]) == (truth[i] == 1 ? 1 : 0));
        }
        CHECK(ours.in_scope == in_scope);
        CHECK(ours.selected == selected);
        CHECK(ours.unknown == unknown);
        std::uint64_t by_reason = 0;
        for (const auto& u : ours.unknown_by_reason) by_reason += u.rows;
        CHECK(by_reason >= ours.unknown);  // a row undecided on two columns is under both
        filters_with_unknown += unknown > 0;
    }
    CHECK(compared > 250);
    CHECK(filters_with_unknown > 50);  // the random filters do reach SQL's NULL cases
}

TEST_CASE("where: numbers compare as numbers, text exactly, unknown rows counted with their reason", "[row_filter]") {
    SplitMix64 rng(7);
    Fixture f = make_fixture(0, rng);
    const std::vector<std::vector<std::string>> rows = {{"25.0", "knife", "007"}, {"", "Knife", "7"}, {"Unknown", "none", "A1"}, {"17", "", ""}};
    for (std::size_t r = 0; r < rows.size(); ++r) {
        f.table.x.push_back(0);
        f.table.file.push_back(0);
        f.table.line.push_back(static_cast<std::uint32_t>(r + 2));
        for (std::size_t c = 0; c < 3; ++c) f.table.kept[c].value.push_back(f.table.kept[c].values.intern(rows[r][c]));
    }
    const std::vector<std::uint8_t> all(rows.size(), 1);
    const auto keep = [&](const std::string& text) { return apply_row_filter(RowFilter::parse(text, "m"), f.table, all, "m").keep; };
    CHECK(keep("age = 25") == std::vector<std::uint8_t>{1, 0, 0, 0});
    CHECK(keep("age < 26") == std::vector<std::uint8_t>{1, 0, 0, 1});
    CHECK(keep("code = 7") == std::vector<std::uint8_t>{1, 1, 0, 0});
    CHECK(keep("code = '7'") == std::vector<std::uint8_t>{0, 1, 0, 0});
    CHECK(keep("weapon = knife") == std::vector<std::uint8_t>{1, 0, 0, 0});
    CHECK(keep("weapon in ('knife', 'Knife')") == std::vector<std::uint8_t>{1, 1, 0, 0});
    CHECK(keep("weapon is empty or age is empty") == std::vector<std::uint8_t>{0, 1, 0, 1});
    CHECK(keep("\"weapon\" != none and not code = 7") == std::vector<std::uint8_t>{0, 0, 0, 0});  // row 4: weapon empty -> unknown
    const FilteredRows r = apply_row_filter(RowFilter::parse("age < 26", "m"), f.table, all, "m");
    CHECK(r.selected == 2);
    CHECK(r.unknown == 2);
    REQUIRE(r.unknown_by_reason.size() == 2);
    CHECK(r.unknown_by_reason[0].column == "age");
    CHECK(r.unknown_by_reason[0].reason == "is empty");
    CHECK(r.unknown_by_reason[0].first == "synthetic.csv line 3: ''");
    CHECK(r.unknown_by_reason[1].reason == "is not a number");
    CHECK(r.unknown_by_reason[1].first == "synthetic.csv line 4: 'Unknown'");
    CHECK(r.summary() == "2 of 4 rows selected; 2 not counted because a value was missing or not a number: age is empty in 1 "
                         "(first synthetic.csv line 3: ''); age is not a number in 1 (first synthetic.csv line 4: 'Unknown') (a row may be in more than one of these)");
    CHECK(RowFilter::parse("a = 1 and (b = x or \"Last outcome\" in (1, 'y'))", "m").columns() ==
          std::vector<std::string>{"a", "b", "Last outcome"});
    CHECK(RowFilter::parse("w = 'O''Neil'", "m").text_values("w") == std::vector<std::string>{"O'Neil"});
    CHECK(RowFilter::parse("   ", "m").empty());
}

TEST_CASE("where refuses a malformed filter, naming the position and what was expected", "[row_filter]") {
    CHECK(parse_error("age < 26 and") == "measure 'M': where 'age < 26 and': at character 13 expected a column name (in double quotes if it holds "
                                         "spaces: \"Last outcome category\"), found the end of the filter (docs/config.md, \"Row filters\")");
    CHECK(parse_error("age < abc").find("< at character 5 compares numbers, and 'abc' is not a number") != std::string::npos);
    CHECK(parse_error("(age < 26").find("expected a closing bracket") != std::string::npos);
    CHECK(parse_error("weapon = 'knife").find("the quote at character 10 is not closed") != std::string::npos);
    CHECK(parse_error("weapon knife").find("expected an operator") != std::string::npos);
    CHECK(parse_error("weapon in knife").find("expected an opening bracket") != std::string::npos);
    CHECK(parse_error("age is null").find("expected empty (is empty, is not empty)") != std::string::npos);
    CHECK(parse_error("age = 2024-01").find("expected a number (text such as a date or a code goes in single quotes: '2024-01'), found '2024-01'") !=
          std::string::npos);
    CHECK(parse_error("age == 3").find("expected a value") != std::string::npos);
    CHECK(parse_error("age = 3 age = 4").find("expected and, or, or the end of the filter") != std::string::npos);
    CHECK(parse_error("age ; 3").find("expected a column, a value, an operator") != std::string::npos);
    CHECK(parse_error("Last outcome category = 'x'").find("(a column name with spaces goes in double quotes: \"Last outcome ...\")") != std::string::npos);
    CHECK(parse_error("weapon = \"knife\"").find("text goes in single quotes ('knife'); double quotes are for column names") != std::string::npos);
    CHECK(parse_error("weapon = '  '").find("the empty value '' is tested with is empty") != std::string::npos);
}

TEST_CASE("where refuses a column an input lacks, a text value no row holds, a number test on text", "[row_filter]") {
    SplitMix64 rng(3);
    Fixture f = make_fixture(50, rng);
    CHECK(apply_error("victim_age < 26", f) == "measure 'M': where names the column 'victim_age', which no input has (synthetic.csv's columns: "
                                               "age, weapon, code)");
    CHECK(apply_error("weapon = ''", f).find("the empty value '' is tested with is empty") != std::string::npos);
    CHECK(apply_error("weapon > 3", f).find("quote the value") == std::string::npos);  // no advice that changes the operator
    CHECK(apply_error("weapon = 3", f).find("(to compare text, quote the value: '3')") != std::string::npos);
    // One absent value of an in list is a warning (the others select); all absent is refused.
    CHECK(apply_error("weapon in ('knife', 'sword')", f).empty());
    CHECK(apply_row_filter(RowFilter::parse("weapon in ('knife', 'sword')", "m"), f.table, std::vector<std::uint8_t>(f.table.size(), 1), "m").warnings ==
          std::vector<std::string>{"the value 'sword' of 'weapon' occurs in no row of the sources and categories"});
    CHECK(apply_error("weapon in ('sword', 'axe')", f).find("with 'sword', which no row") != std::string::npos);
    // A value other rows hold, but none in the scope: said so, and not offered as its own closest.
    std::vector<std::uint8_t> none_knife(f.table.size());
    const KeptColumn& weapon = f.table.kept[1];
    for (std::size_t i = 0; i < none_knife.size(); ++i) none_knife[i] = weapon.values.at(weapon.value[i]) != "knife";
    std::string elsewhere;
    try {
        apply_row_filter(RowFilter::parse("weapon = knife", "m"), f.table, none_knife, "m");
    } catch (const ConfigError& e) {
        elsewhere = e.what();
    }
    CHECK(elsewhere.find("which no row of its sources and categories holds (other inputs' or categories' rows do)") != std::string::npos);
    CHECK(elsewhere.find("closest: 'Knife'") != std::string::npos);
    CHECK(elsewhere.find("'knife'", elsewhere.find("closest:")) == std::string::npos);  // not offered as its own closest
    CHECK(apply_error("weapon = KNIFE", f).find("where compares 'weapon' with 'KNIFE', which no row of its sources and categories holds; "
                                                "the values there are ") != std::string::npos);
    CHECK(apply_error("weapon = KNIFE", f).find("closest: 'Knife', 'knife'") != std::string::npos);
    INFO(apply_error("weapon > 3", f));
    CHECK(apply_error("weapon > 3", f).find("where compares 'weapon' with the number 3, but no row of its sources and categories holds a "
                                            "number there") != std::string::npos);
}

TEST_CASE("where: an empty scope selects nothing and checks nothing; a warning shows in the summary", "[row_filter]") {
    SplitMix64 rng(11);
    const Fixture f = make_fixture(30, rng);
    const FilteredRows none = apply_row_filter(RowFilter::parse("no_such_column = x", "m"), f.table, std::vector<std::uint8_t>(30, 0), "m");
    CHECK(none.in_scope == 0);
    CHECK(none.selected == 0);
    CHECK(none.summary() == "0 of 0 rows selected");
    const FilteredRows partial = apply_row_filter(RowFilter::parse("weapon in (knife, sword)", "m"), f.table, std::vector<std::uint8_t>(30, 1), "m");
    CHECK_THAT(partial.summary(), Catch::EndsWith("; the value 'sword' of 'weapon' occurs in no row of the sources and categories"));
}
