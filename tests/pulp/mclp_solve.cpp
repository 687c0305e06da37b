// Solves one MCLP instance written by tests/pulp/mclp_parity.py and prints our answer on one line:
//   status=optimal objective=875247 bound=875247 sites=1,3,6,9 uncovered=21
// Instance file: "matrix D C p r" then D lines "weight d_0 .. d_{C-1}"; or "points D C p r" then
// D lines "x y weight" and C lines "x y". Usage: mclp_solve FILE [cbc|greedy] [gap] [seconds].
// Exit 2 with the message on a refused instance (e.g. p > candidates).
#include "hotspot/base/errors.hpp"
#include "hotspot/decide/placement.hpp"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <string>

using namespace hotspot;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: mclp_solve FILE [cbc|greedy] [gap] [seconds]\n";
        return 1;
    }
    std::ifstream in(argv[1]);
    std::string kind;
    std::size_t demand = 0, candidates = 0, p = 0;
    double radius = 0.0;
    if (!(in >> kind >> demand >> candidates >> p >> radius)) {
        std::cerr << "mclp_solve: cannot read the header of " << argv[1] << "\n";
        return 1;
    }
    try {
        CoverageModel model;
        if (kind == "matrix") {
            std::vector<double> weight(demand), distance(demand * candidates);
            for (std::size_t i = 0; i < demand; ++i) {
                in >> weight[i];
                for (std::size_t j = 0; j < candidates; ++j) in >> distance[i * candidates + j];
            }
            model = coverage_from_distances(weight, candidates, distance, radius);
        } else {
            std::vector<double> dx(demand), dy(demand), w(demand), cx(candidates), cy(candidates);
            for (std::size_t i = 0; i < demand; ++i) in >> dx[i] >> dy[i] >> w[i];
            for (std::size_t j = 0; j < candidates; ++j) in >> cx[j] >> cy[j];
            model = coverage_from_points(dx, dy, w, cx, cy, radius);
        }
        if (!in) {
            std::cerr << "mclp_solve: " << argv[1] << " is shorter than its header says\n";
            return 1;
        }
        PlacementOptions options;
        options.count = p;
        options.solver = argc > 2 && std::string(argv[2]) == "greedy" ? PlacementSolver::greedy : PlacementSolver::cbc;
        if (argc > 3) options.relative_gap = std::stod(argv[3]);
        if (argc > 4) options.time_limit_s = std::stod(argv[4]);
        const PlacementResult r = place_sites(model, options);
        std::cout << std::setprecision(17) << "status=" << status_name(r.status) << " objective=" << r.objective
                  << " bound=" << r.bound << " sites=";
        for (std::size_t k = 0; k < r.sites.size(); ++k) std::cout << (k ? "," : "") << r.sites[k];
        std::cout << " uncovered=" << r.demand_points - r.covered_points << "\n";
    } catch (const Error& e) {
        std::cerr << e.what() << "\n";
        return e.exit_code();
    }
    return 0;
}
