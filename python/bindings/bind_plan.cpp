// A tile plan's steps for the Dask driver (python/hotspot/dask_driver.py): the same functions
// `hotspot task` and `hotspot assemble` call, with the GIL released while a tile computes so a
// worker's other threads (its heartbeat to the scheduler) keep running.
#include "bindings.hpp"

#include "hotspot/publish/tile_job.hpp"
#include "hotspot/workflow/tile_plan.hpp"

#include <pybind11/stl.h>

namespace hotspot::python {

void bind_plan(py::module_& m) {
    m.def(
        "plan_tiles",
        [](const std::string& plan_path) {
            const TilePlan plan = read_tile_plan(plan_path);
            std::vector<std::string> ids;
            for (const PlanTile& t : plan.tiles) ids.push_back(t.id);
            return py::make_tuple(std::string(to_string(plan.surface)), ids, plan.output);
        },
        py::arg("plan"), "(surface, tile ids, output) of a plan `hotspot plan` wrote");
    m.def(
        "plan_task",
        [](const std::string& plan_path, const std::string& step, const std::string& tile, unsigned threads) {
            py::gil_scoped_release unlocked;
            const TilePlan plan = read_tile_plan(plan_path);
            const TaskOutcome o = step == "reduce" ? reduce_tile_moments(plan) : run_tile_task(plan, step, tile, threads);
            return std::string(to_string(o));
        },
        py::arg("plan"), py::arg("step"), py::arg("tile") = "", py::arg("threads") = 1,
        "Runs one step (moments, reduce or surface) of a tile; 'written' or 'already there' (a rerun writes nothing)");
    m.def(
        "plan_assemble",
        [](const std::string& plan_path, bool overwrite) {
            AssembleReport a;
            {
                py::gil_scoped_release unlocked;  // the tuple below needs the GIL back
                a = assemble_tiles(read_tile_plan(plan_path), overwrite);
            }
            return py::make_tuple(a.output, a.tiles, a.leftovers_removed);
        },
        py::arg("plan"), py::arg("overwrite") = false, "Joins the tiles into the plan's COG: (output, tiles, temporaries of dead tasks removed)");
}

}  // namespace hotspot::python
