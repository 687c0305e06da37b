#pragma once
// Running a tile plan's steps (workflow/tile_plan.hpp): each task computes its tile
// (workflow/tile_compute.hpp) and writes it once. A task may run twice (Dask reschedules the
// tasks of a worker that died), so a tile is written to a private temporary and linked into
// place only if no copy is there yet: never written twice, never half-written. Each first
// write appends a line to the plan's ledger, after the link (a task killed in between leaves its
// tile in place without a line; its rerun finds it there). The assembled COG goes through OutputSet
// (atomic, --overwrite as GDAL).
#include "hotspot/workflow/tile_plan.hpp"

#include <string>

namespace hotspot {

enum class TaskOutcome { written, already_there };
const char* to_string(TaskOutcome o);

// Step "moments" or "surface" of one tile (by id). "surface" of a Gi* plan reads the reduced moments.
TaskOutcome run_tile_task(const TilePlan& plan, const std::string& step, const std::string& tile_id, unsigned threads);

// Step "reduce" (Gi*): every tile's moments combined in plan order into moments.json.
TaskOutcome reduce_tile_moments(const TilePlan& plan);

struct AssembleReport {
    std::string output;
    std::size_t tiles = 0;
    std::size_t leftovers_removed = 0;  // temporaries of tasks that died mid-write
};
// Step "assemble": every tile into one tiled COG at plan.output (refuses a missing tile, naming it),
// with a QGIS style beside it; an existing output is replaced only with `overwrite` or a plan made
// with --overwrite.
AssembleReport assemble_tiles(const TilePlan& plan, bool overwrite);

// Every step on this machine, in order (the one-machine run the Dask driver is compared with).
AssembleReport run_plan_here(const TilePlan& plan, bool overwrite, unsigned threads);

}  // namespace hotspot
