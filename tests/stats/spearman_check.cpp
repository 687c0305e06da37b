// For the scipy oracle (spearman_scipy.py): reads cases "x1 x2 ...|y1 y2 ..." one per line on
// stdin and prints "n rho t p" for each with 17 significant digits, or "error MESSAGE".
#include "hotspot/base/errors.hpp"
#include "hotspot/stats/rank_correlation.hpp"

#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {
std::vector<double> numbers(const std::string& text) {
    std::istringstream in(text);
    std::vector<double> v;
    for (double d; in >> d;) v.push_back(d);
    return v;
}
}  // namespace

int main() {
    for (std::string line; std::getline(std::cin, line);) {
        const auto bar = line.find('|');
        try {
            const auto s = hotspot::spearman(numbers(line.substr(0, bar)), numbers(line.substr(bar + 1)));
            std::printf("%zu %.17g %.17g %.17g\n", s.n, s.rho, s.t, s.p_two_sided);
        } catch (const hotspot::Error& e) {
            std::printf("error %s\n", e.what());
        }
    }
}
