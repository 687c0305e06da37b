// The `where` grammar (base/row_filter.hpp): a recursive-descent parser into a small tree, and
// SQL's three-valued logic over it. Each test is decided once per distinct value of its column
// (the column is interned), so a filter costs a table lookup per row and test.
#include "hotspot/base/row_filter.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace hotspot {

enum class FilterOp { eq, ne, lt, le, gt, ge, in, not_in, is_empty, is_not_empty, and_, or_, not_ };

struct FilterLiteral {
    std::string text;
    std::optional<double> number;  // written as a number: compared numerically
};

struct RowFilterNode {
    FilterOp op = FilterOp::eq;
    std::string column;                  // tests
    std::vector<FilterLiteral> values;   // tests: one, or the in list
    std::unique_ptr<RowFilterNode> a, b; // and, or (a, b); not (a)

    std::unique_ptr<RowFilterNode> clone() const {
        auto n = std::make_unique<RowFilterNode>();
        n->op = op;
        n->column = column;
        n->values = values;
        if (a) n->a = a->clone();
        if (b) n->b = b->clone();
        return n;
    }
};

namespace {

enum class Token { end, name, quoted_name, text, number, op, open, close, comma };

struct Lexed {
    Token kind = Token::end;
    std::string text;
    std::size_t at = 0;  // 0-based offset in the filter text
};

class Parser {
public:
    Parser(const std::string& text, const std::string& owner) : text_(text), owner_(owner) { advance(); }

    std::unique_ptr<RowFilterNode> parse_all(std::vector<std::string>& columns) {
        columns_ = &columns;
        auto node = parse_or();
        if (token_.kind != Token::end) fail("and, or, or the end of the filter");
        return node;
    }

private:
    [[noreturn]] void fail(const std::string& expected) const {
        const std::string found = token_.kind == Token::end ? "the end of the filter" : quote_value(token_.text);
        throw ConfigError(owner_ + ": where " + quote_value(text_) + ": at character " + std::to_string(token_.at + 1) + " expected " +
                          expected + ", found " + found + " (docs/config.md, \"Row filters\")");
    }

    bool keyword(const char* word) const { return token_.kind == Token::name && lowercase(token_.text) == word; }

    void advance() {
        std::size_t i = pos_;
        while (i < text_.size() && std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
        token_ = Lexed{Token::end, "", i};
        if (i >= text_.size()) {
            pos_ = i;
            return;
        }
        const char c = text_[i];
        const auto is_name_char = [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; };
        if (c == '\'' || c == '"') {
            std::string value;
            std::size_t j = i + 1;
            for (;; ++j) {
                if (j >= text_.size()) {
                    token_.text = text_.substr(i);
                    throw ConfigError(owner_ + ": where " + quote_value(text_) + ": the quote at character " + std::to_string(i + 1) +
                                      " is not closed (a quote inside is written twice: 'O''Neil')");
                }
                if (text_[j] == c) {
                    if (j + 1 < text_.size() && text_[j + 1] == c) {
                        value += c;
                        ++j;
                        continue;
                    }
                    break;
                }
                value += text_[j];
            }
            token_ = Lexed{c == '\'' ? Token::text : Token::quoted_name, value, i};
            pos_ = j + 1;
            return;
        }
        if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.') {
            // Up to the next space, operator, bracket or comma, so 2024-01 is one (bad) number.
            std::size_t j = i + 1;
            while (j < text_.size() && !std::isspace(static_cast<unsigned char>(text_[j])) &&
                   std::string_view("=!<>(),'\"").find(text_[j]) == std::string_view::npos)
                ++j;
            token_ = Lexed{Token::number, text_.substr(i, j - i), i};
            pos_ = j;
            if (!parse_finite_double(token_.text))
                fail("a number (text such as a date or a code goes in single quotes: '" + token_.text + "')");
            return;
        }
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            std::size_t j = i + 1;
            while (j < text_.size() && is_name_char(text_[j])) ++j;
            token_ = Lexed{Token::name, text_.substr(i, j - i), i};
            pos_ = j;
            return;
        }
        for (const char* op : {"<=", ">=", "<>", "!=", "=", "<", ">"}) {
            const std::string_view o(op);
            if (text_.compare(i, o.size(), o) == 0) {
                token_ = Lexed{Token::op, std::string(o), i};
                pos_ = i + o.size();
                return;
            }
        }
        if (c == '(' || c == ')' || c == ',') {
            token_ = Lexed{c == '(' ? Token::open : c == ')' ? Token::close : Token::comma, std::string(1, c), i};
            pos_ = i + 1;
            return;
        }
        token_ = Lexed{Token::op, std::string(1, c), i};
        fail("a column, a value, an operator (= != <> < <= > >=), in, is, and, or, not, or brackets");
    }

    std::unique_ptr<RowFilterNode> joined(FilterOp op, std::unique_ptr<RowFilterNode> a, std::unique_ptr<RowFilterNode> b) {
        auto n = std::make_unique<RowFilterNode>();
        n->op = op;
        n->a = std::move(a);
        n->b = std::move(b);
        return n;
    }

    std::unique_ptr<RowFilterNode> parse_or() {
        auto node = parse_and();
        while (keyword("or")) {
            advance();
            node = joined(FilterOp::or_, std::move(node), parse_and());
        }
        return node;
    }

    std::unique_ptr<RowFilterNode> parse_and() {
        auto node = parse_unary();
        while (keyword("and")) {
            advance();
            node = joined(FilterOp::and_, std::move(node), parse_unary());
        }
        return node;
    }

    std::unique_ptr<RowFilterNode> parse_unary() {
        if (keyword("not")) {
            advance();
            return joined(FilterOp::not_, parse_unary(), nullptr);
        }
        if (token_.kind == Token::open) {
            advance();
            auto node = parse_or();
            if (token_.kind != Token::close) fail("a closing bracket");
            advance();
            return node;
        }
        return parse_test();
    }

    FilterLiteral literal() {
        FilterLiteral v;
        if (token_.kind == Token::number) v = {token_.text, parse_finite_double(token_.text)};
        else if (token_.kind == Token::text && trim(token_.text).empty())
            throw ConfigError(owner_ + ": where " + quote_value(text_) + ": at character " + std::to_string(token_.at + 1) +
                              " the empty value '' is tested with is empty (or is not empty)");
        else if (token_.kind == Token::text || (token_.kind == Token::name && !reserved())) v = {token_.text, std::nullopt};
        else if (token_.kind == Token::quoted_name) fail("a value: text goes in single quotes ('" + token_.text + "'); double quotes are for column names");
        else fail("a value: a number, 'text' or a word");
        advance();
        return v;
    }

    bool reserved() const {
        for (const char* w : {"and", "or", "not", "in", "is", "empty"})
            if (keyword(w)) return true;
        return false;
    }

    std::unique_ptr<RowFilterNode> parse_test() {
        if (!(token_.kind == Token::quoted_name || (token_.kind == Token::name && !reserved())))
            fail("a column name (in double quotes if it holds spaces: \"Last outcome category\")");
        auto n = std::make_unique<RowFilterNode>();
        n->column = token_.text;
        if (std::find(columns_->begin(), columns_->end(), n->column) == columns_->end()) columns_->push_back(n->column);
        advance();
        if (keyword("is")) {
            advance();
            n->op = FilterOp::is_empty;
            if (keyword("not")) {
                advance();
                n->op = FilterOp::is_not_empty;
            }
            if (!keyword("empty")) fail("empty (is empty, is not empty)");
            advance();
            return n;
        }
        bool negated = false;
        if (keyword("not")) {
            advance();
            negated = true;
            if (!keyword("in")) fail("in (not in (...))");
        }
        if (keyword("in")) {
            advance();
            n->op = negated ? FilterOp::not_in : FilterOp::in;
            if (token_.kind != Token::open) fail("an opening bracket: in ('a', 'b')");
            advance();
            n->values.push_back(literal());
            while (token_.kind == Token::comma) {
                advance();
                n->values.push_back(literal());
            }
            if (token_.kind != Token::close) fail("a comma or a closing bracket");
            advance();
            return n;
        }
        if (token_.kind != Token::op)
            fail(token_.kind == Token::name && !reserved()
                     ? "an operator (= != <> < <= > >=), in, not in or is (a column name with spaces goes in double quotes: \"" + n->column + " " +
                           token_.text + " ...\")"
                     : "an operator (= != <> < <= > >=), in, not in or is");
        const std::string op = token_.text;
        const std::size_t op_at = token_.at;
        n->op = op == "=" ? FilterOp::eq : op == "!=" || op == "<>" ? FilterOp::ne : op == "<" ? FilterOp::lt
              : op == "<=" ? FilterOp::le : op == ">" ? FilterOp::gt : FilterOp::ge;
        advance();
        n->values.push_back(literal());
        const bool ordering = n->op == FilterOp::lt || n->op == FilterOp::le || n->op == FilterOp::gt || n->op == FilterOp::ge;
        if (ordering && !n->values.front().number)
            throw ConfigError(owner_ + ": where " + quote_value(text_) + ": " + op + " at character " + std::to_string(op_at + 1) +
                              " compares numbers, and " + quote_value(n->values.front().text) + " is not a number");
        return n;
    }

    const std::string& text_;
    const std::string& owner_;
    std::size_t pos_ = 0;
    Lexed token_;
    std::vector<std::string>* columns_ = nullptr;
};

// Three-valued logic: SQL's true, false and unknown (NULL).
enum Truth : std::uint8_t { no = 0, yes = 1, unknown = 2 };

Truth truth_not(Truth a) { return a == unknown ? unknown : a == yes ? no : yes; }
Truth truth_and(Truth a, Truth b) { return a == no || b == no ? no : a == yes && b == yes ? yes : unknown; }
Truth truth_or(Truth a, Truth b) { return a == yes || b == yes ? yes : a == no && b == no ? no : unknown; }

// Why a test could not be decided on a value: 0 decided, 1 empty, 2 not a number.
struct Decision {
    Truth truth;
    std::uint8_t why_unknown;
};

bool equal_to(const FilterLiteral& v, std::string_view cell, std::optional<double> cell_number) {
    return v.number ? *cell_number == *v.number : cell == v.text;
}

Decision decide(const RowFilterNode& n, std::string_view cell) {
    if (n.op == FilterOp::is_empty) return {cell.empty() ? yes : no, 0};
    if (n.op == FilterOp::is_not_empty) return {cell.empty() ? no : yes, 0};
    if (cell.empty()) return {unknown, 1};
    const std::optional<double> number = parse_finite_double(cell);
    const bool numeric = std::any_of(n.values.begin(), n.values.end(), [](const FilterLiteral& v) { return v.number.has_value(); });
    if (numeric && !number) return {unknown, 2};
    const auto any_equal = [&] {
        return std::any_of(n.values.begin(), n.values.end(), [&](const FilterLiteral& v) { return equal_to(v, cell, number); });
    };
    switch (n.op) {
    case FilterOp::eq: case FilterOp::in: return {any_equal() ? yes : no, 0};
    case FilterOp::ne: case FilterOp::not_in: return {any_equal() ? no : yes, 0};
    case FilterOp::lt: return {*number < *n.values[0].number ? yes : no, 0};
    case FilterOp::le: return {*number <= *n.values[0].number ? yes : no, 0};
    case FilterOp::gt: return {*number > *n.values[0].number ? yes : no, 0};
    case FilterOp::ge: return {*number >= *n.values[0].number ? yes : no, 0};
    default: return {unknown, 0};
    }
}

// A test decided for every distinct value of its column.
struct DecidedTest {
    const RowFilterNode* node;
    const KeptColumn* column;
    std::vector<Decision> by_value;
};

void collect_tests(const RowFilterNode& n, std::vector<const RowFilterNode*>& out) {
    if (n.op == FilterOp::and_ || n.op == FilterOp::or_ || n.op == FilterOp::not_) {
        collect_tests(*n.a, out);
        if (n.b) collect_tests(*n.b, out);
    } else {
        out.push_back(&n);
    }
}

void collect_text_values(const RowFilterNode& n, const std::string& column, std::vector<std::string>& out) {
    if (n.a) collect_text_values(*n.a, column, out);
    if (n.b) collect_text_values(*n.b, column, out);
    if (n.column != column) return;
    for (const auto& v : n.values)
        if (!v.number && std::find(out.begin(), out.end(), v.text) == out.end()) out.push_back(v.text);
}

struct RowEvaluator {
    const std::vector<DecidedTest>& tests;
    const std::vector<const RowFilterNode*>& test_nodes;
    std::size_t row;

    Truth operator()(const RowFilterNode& n) const {
        switch (n.op) {
        case FilterOp::and_: {
            const Truth a = (*this)(*n.a);
            return a == no ? no : truth_and(a, (*this)(*n.b));
        }
        case FilterOp::or_: {
            const Truth a = (*this)(*n.a);
            return a == yes ? yes : truth_or(a, (*this)(*n.b));
        }
        case FilterOp::not_: return truth_not((*this)(*n.a));
        default: {
            const std::size_t k = static_cast<std::size_t>(std::find(test_nodes.begin(), test_nodes.end(), &n) - test_nodes.begin());
            return tests[k].by_value[tests[k].column->value[row]].truth;
        }
        }
    }
};

std::string thousands(std::uint64_t n) {
    const std::string digits = std::to_string(n);
    std::string s;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) s += ',';
        s += digits[i];
    }
    return s;
}

// "'Highway' (1,217), 'Footpath' (408), ..., and 3 more": the values rows hold, most frequent first.
std::string listed_values(const KeptColumn& column, const std::vector<std::uint64_t>& rows_with) {
    std::vector<std::size_t> order;
    for (std::size_t v = 0; v < rows_with.size(); ++v)
        if (rows_with[v] > 0) order.push_back(v);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rows_with[a] > rows_with[b]; });
    std::string listed;
    for (std::size_t k = 0; k < order.size() && k < 20; ++k)
        listed += (listed.empty() ? "" : ", ") + quote_value(column.values.at(static_cast<std::uint32_t>(order[k]))) + " (" +
                  thousands(rows_with[order[k]]) + ")";
    if (order.size() > 20) listed += ", and " + std::to_string(order.size() - 20) + " more";
    return listed.empty() ? std::string("none") : listed;
}

std::string row_place(const IncidentTable& t, std::size_t row) {
    return t.files[t.file[row]].path + " line " + std::to_string(t.line[row]);
}

}  // namespace

RowFilter::RowFilter() = default;
RowFilter::~RowFilter() = default;
RowFilter::RowFilter(RowFilter&&) noexcept = default;
RowFilter& RowFilter::operator=(RowFilter&&) noexcept = default;
RowFilter::RowFilter(const RowFilter& other) : text_(other.text_), columns_(other.columns_), root_(other.root_ ? other.root_->clone() : nullptr) {}
RowFilter& RowFilter::operator=(const RowFilter& other) {
    if (this != &other) *this = RowFilter(other);
    return *this;
}

RowFilter RowFilter::parse(const std::string& text, const std::string& owner) {
    RowFilter f;
    f.text_ = std::string(trim(text));
    if (f.text_.empty()) return f;
    Parser parser(f.text_, owner);
    f.root_ = parser.parse_all(f.columns_);
    return f;
}

std::vector<std::string> RowFilter::text_values(const std::string& column) const {
    std::vector<std::string> out;
    if (root_) collect_text_values(*root_, column, out);
    return out;
}

std::string FilteredRows::summary() const {
    std::string s = thousands(selected) + " of " + thousands(in_scope) + " rows selected";
    if (unknown > 0) {
        s += "; " + thousands(unknown) + " not counted because a value was missing or not a number:";
        for (const auto& u : unknown_by_reason)
            s += " " + u.column + " " + u.reason + " in " + thousands(u.rows) + " (first " + u.first + ");";
        s.pop_back();
        if (unknown_by_reason.size() > 1) s += " (a row may be in more than one of these)";
    }
    for (const auto& w : warnings) s += "; " + w;
    return s;
}

FilteredRows apply_row_filter(const RowFilter& filter, const IncidentTable& t, const std::vector<std::uint8_t>& scope,
                              const std::string& owner) {
    FilteredRows out;
    out.keep.assign(t.size(), 0);
    for (std::size_t i = 0; i < t.size(); ++i) out.in_scope += scope[i] != 0;
    if (filter.empty()) {
        out.keep = scope;
        out.selected = out.in_scope;
        return out;
    }
    if (out.in_scope == 0) return out;  // nothing to check or select (the caller says the measure counts no row)
    // Every column must exist in every file of the scope: a missing column is a definition error.
    std::vector<std::uint8_t> file_in_scope(t.files.size(), 0);
    for (std::size_t i = 0; i < t.size(); ++i)
        if (scope[i]) file_in_scope[t.file[i]] = 1;
    std::vector<const RowFilterNode*> nodes;
    collect_tests(*filter.root(), nodes);
    std::vector<DecidedTest> tests;
    for (const RowFilterNode* n : nodes) {
        const KeptColumn* column = t.kept_column(n->column);
        for (std::size_t f = 0; f < t.files.size(); ++f) {
            if (!file_in_scope[f]) continue;
            const auto& cols = t.files[f].columns;
            if (column && std::find(cols.begin(), cols.end(), n->column) != cols.end()) continue;
            // The inputs that have the column, as a list: the message names them and their number.
            std::vector<std::string> having, every_column;
            std::string listed;
            for (const auto& c : cols) listed += (listed.empty() ? "" : ", ") + c;
            for (const auto& other : t.files) {
                const bool has = std::find(other.columns.begin(), other.columns.end(), n->column) != other.columns.end();
                if (has && std::find(having.begin(), having.end(), other.source) == having.end()) having.push_back(other.source);
                every_column.insert(every_column.end(), other.columns.begin(), other.columns.end());
            }
            if (having.empty())
                throw ConfigError(owner + ": where names the column " + quote_value(n->column) + ", which no input has (" + t.files[f].path +
                                  "'s columns: " + listed + ")" + closest_suffix(closest_names(n->column, every_column)));
            if (std::find(having.begin(), having.end(), t.files[f].source) != having.end())  // another file of the same input has it
                throw ConfigError(owner + ": where names the column " + quote_value(n->column) + ", which input " + quote_value(t.files[f].source) +
                                  " does not have in every file (" + t.files[f].path + "; its columns: " + listed + ")");
            std::string named;
            for (const auto& h : having) named += (named.empty() ? "" : ", ") + quote_value(h);
            const bool one = having.size() == 1;
            throw ConfigError(owner + ": where names the column " + quote_value(n->column) + ", which input " + quote_value(t.files[f].source) +
                              " does not have (" + t.files[f].path + "; its columns: " + listed + "); only " + named + (one ? " has" : " have") +
                              " it: name " + (one ? "it" : "them") + " in sources = ...");
        }
        if (!column) throw ConfigError("internal error: the column " + quote_value(n->column) + " of a where filter was not kept when reading");
        DecidedTest d{n, column, {}};
        for (const auto& v : column->values.values()) d.by_value.push_back(decide(*n, v));
        tests.push_back(std::move(d));
    }
    // A text value that no row of the scope holds is most likely misspelt (or in another case);
    // a number test on a column that holds no number there can select nothing.
    for (const auto& name : filter.columns()) {
        const KeptColumn* column = t.kept_column(name);
        std::vector<std::uint64_t> rows_with(column->values.size(), 0);
        for (std::size_t i = 0; i < t.size(); ++i)
            if (scope[i]) ++rows_with[column->value[i]];
        const auto& values = column->values.values();
        const auto occurs = [&](const std::string& text) {
            const auto at = std::find(values.begin(), values.end(), text);
            return at != values.end() && rows_with[static_cast<std::size_t>(at - values.begin())] > 0;
        };
        for (const auto& d : tests) {
            if (d.column != column) continue;
            std::vector<std::string> absent;
            std::size_t texts = 0;
            for (const auto& v : d.node->values) {
                if (v.number) continue;
                ++texts;
                if (!occurs(v.text)) absent.push_back(v.text);
            }
            if (absent.empty()) continue;
            const std::string& text = absent.front();
            if (absent.size() < texts) {  // in ('a', 'b') with one of them absent: the others still select
                for (const auto& a : absent)
                    out.warnings.push_back("the value " + quote_value(a) + " of " + quote_value(name) + " occurs in no row of the sources and categories");
                continue;
            }
            const bool elsewhere = std::find(values.begin(), values.end(), text) != values.end();
            std::vector<std::string> near;
            for (const auto& c : closest_names(text, values, 4))
                if (c != text) near.push_back(c);
            throw ConfigError(owner + ": where compares " + quote_value(name) + " with " + quote_value(text) + ", which no row of its sources and categories holds" +
                              (elsewhere ? " (other inputs' or categories' rows do)" : "") + "; the values there are " + listed_values(*column, rows_with) +
                              closest_suffix(near) + " (text is compared exactly, case included)");
        }
        for (const auto& d : tests) {
            if (d.column != column || d.node->values.empty() || !d.node->values.front().number) continue;
            bool any_number = false;
            for (std::size_t v = 0; v < values.size() && !any_number; ++v) any_number = rows_with[v] > 0 && d.by_value[v].truth != unknown;
            if (!any_number)
                throw ConfigError(owner + ": where compares " + quote_value(name) + " with the number " + d.node->values.front().text +
                                  ", but no row of its sources and categories holds a number there; the values are " +
                                  listed_values(*column, rows_with) +
                                  (d.node->op == FilterOp::eq || d.node->op == FilterOp::ne || d.node->op == FilterOp::in || d.node->op == FilterOp::not_in
                                       ? " (to compare text, quote the value: '" + d.node->values.front().text + "')"
                                       : ""));
        }
    }
    std::map<std::pair<std::string, std::uint8_t>, std::size_t> reason_at;
    const RowEvaluator base{tests, nodes, 0};
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!scope[i]) continue;
        RowEvaluator eval = base;
        eval.row = i;
        const Truth result = eval(*filter.root());
        if (result == yes) {
            out.keep[i] = 1;
            ++out.selected;
            continue;
        }
        if (result == no) continue;
        ++out.unknown;
        // Under every column and reason that left a test undecided on this row (once each).
        std::vector<std::size_t> counted;
        for (const auto& d : tests) {
            const Decision why = d.by_value[d.column->value[i]];
            if (why.truth != unknown) continue;
            const auto key = std::pair{d.node->column, why.why_unknown};
            auto [at, added] = reason_at.emplace(key, out.unknown_by_reason.size());
            if (added)
                out.unknown_by_reason.push_back({d.node->column, why.why_unknown == 1 ? "is empty" : "is not a number", 0,
                                                 row_place(t, i) + ": " + quote_value(d.column->values.at(d.column->value[i]))});
            if (std::find(counted.begin(), counted.end(), at->second) != counted.end()) continue;
            counted.push_back(at->second);
            ++out.unknown_by_reason[at->second].rows;
        }
    }
    return out;
}

}  // namespace hotspot
