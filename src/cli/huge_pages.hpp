#pragma once
// Large arrays on transparent huge pages. National runs allocate gigabytes of columns, and first
// touching them 4 KiB at a time cost a third of the wall time on our VMs (docs/decisions.md).
// glibc backs its heap with huge pages only when GLIBC_TUNABLES says so at start-up, so the
// small `hotspot` launcher (cli/launcher.cpp) sets it and starts hotspot-engine: one start-up of
// the engine and its ~120 libraries (~80 ms here), not two.

namespace hotspot::cli {

// The launcher: execs `engine` with `argv` and glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES,
// unless the caller already chose a hugetlb setting, set HOTSPOT_HUGE_PAGES=0, or asks only for
// help or the version (then the environment is passed on as it is). Returns only if exec failed.
void exec_engine(const char* engine, char** argv);

// The engine, first thing: puts the caller's GLIBC_TUNABLES back (glibc has read ours), so
// programs it starts see the environment they were given.
void restore_caller_tunables();

// The engine: freed blocks under 32 MiB stay in the heap for the next file's tables instead of
// going back to the kernel (each page given back is a fault and a zeroing when taken again):
// Merseyside's join 0.53 -> 0.45 s; larger blocks are mapped and unmapped as before.
void keep_freed_memory();

}  // namespace hotspot::cli
