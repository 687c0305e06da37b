"""Runs a tile plan (`hotspot plan`) on a Dask distributed cluster.

Each step of the plan becomes Dask tasks: per tile `moments` (Gi* only), one `reduce` (Gi*
only), per tile `surface`, then one `assemble`. A task calls the engine (hotspot.plan_task),
which writes its tile once: if Dask runs a task again because its worker died, the rerun
finds the tile in place and writes nothing; a tile is never half-written (a private temporary
linked into place). Every worker must see the plan's folder at the same path (a shared
filesystem) and have `import hotspot` (docs/distributed.md).

    python3 -m hotspot.dask_driver --plan WORK/plan.json --local 3      # a LocalCluster of 3 processes
    python3 -m hotspot.dask_driver --plan WORK/plan.json --scheduler tcp://host:8786
"""
import argparse
import os
import sys
import time

from . import _hotspot


def _task(plan, step, tile, threads, *after):
    """One tile step in a worker; `after` only orders it behind earlier steps (Dask passes their results)."""
    return (step, tile, _hotspot.plan_task(plan, step, tile, threads), os.getpid())


def _reduce(plan, *after):
    return ("reduce", "all", _hotspot.plan_task(plan, "reduce"), os.getpid())


def _assemble(plan, overwrite, *after):
    return _hotspot.plan_assemble(plan, overwrite)


def submit_plan(client, plan, threads=1, overwrite=False, retries=2):
    """Submits every step of `plan` and returns (assemble future, tile futures). Keys name the step
    and tile, so the dashboard and logs say which tile a task is."""
    surface, tiles, _ = _hotspot.plan_tiles(plan)
    after = []
    futures = []
    if surface == "gistar":
        moments = [client.submit(_task, plan, "moments", t, threads, key=f"moments-{t}", pure=False, retries=retries) for t in tiles]
        after = [client.submit(_reduce, plan, *moments, key="reduce", pure=False, retries=retries)]
        futures += moments + after
    surfaces = [client.submit(_task, plan, "surface", t, threads, *after, key=f"surface-{t}", pure=False, retries=retries) for t in tiles]
    futures += surfaces
    assembled = client.submit(_assemble, plan, overwrite, *surfaces, key="assemble", pure=False, retries=retries)
    return assembled, futures


def run_plan(client, plan, threads=1, overwrite=False, retries=2):
    """Runs `plan` on the cluster behind `client`; returns a dict: output, tiles, leftovers_removed
    (temporaries of tasks that died mid-write), written and already_there (task outcomes) and
    worker_pids (the processes that ran them)."""
    assembled, futures = submit_plan(client, plan, threads, overwrite, retries)
    output, tiles, leftovers = assembled.result()
    results = [f.result() for f in futures]
    outcomes = [r[2] for r in results]
    return {
        "output": output,
        "tiles": tiles,
        "leftovers_removed": leftovers,
        "written": sum(o == "written" for o in outcomes),
        "already_there": sum(o == "already there" for o in outcomes),
        "worker_pids": sorted({r[3] for r in results}),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m hotspot.dask_driver", description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", required=True, help="the plan.json hotspot plan wrote")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--scheduler", help="address of a running `dask scheduler`, e.g. tcp://10.0.0.5:8786")
    where.add_argument("--local", type=int, metavar="N", help="start a LocalCluster of N worker processes here")
    parser.add_argument("--threads", type=int, default=1, help="threads per tile task (default 1: one task per worker thread)")
    parser.add_argument("--overwrite", action="store_true", help="replace the plan's output if it exists")
    args = parser.parse_args(argv)

    from dask.distributed import Client, LocalCluster

    try:
        _hotspot.plan_tiles(args.plan)  # a bad plan is refused here, not in every worker
    except _hotspot.Error as e:
        print(f"hotspot: error: {e}", file=sys.stderr)
        return 2
    start = time.monotonic()
    if args.local:
        cluster = LocalCluster(n_workers=args.local, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster = None
        client = Client(args.scheduler)
    try:
        result = run_plan(client, args.plan, args.threads, args.overwrite)
    except _hotspot.Error as e:
        print(f"hotspot: error: {e}", file=sys.stderr)
        return 1
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(f"output:  {result['output']} (+ .qml), {result['tiles']} tiles in {time.monotonic() - start:.1f} s")
    print(f"tasks:   {result['written']} written, {result['already_there']} found already done")
    if result["leftovers_removed"]:
        print(f"removed {result['leftovers_removed']} temporaries of tasks that died mid-write")
    return 0


if __name__ == "__main__":
    sys.exit(main())
