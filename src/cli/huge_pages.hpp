#pragma once

namespace hotspot::cli {

// Restarts hotspot once with glibc's malloc backing large arrays with transparent huge pages
// (GLIBC_TUNABLES=glibc.malloc.hugetlb=1), unless the caller already chose a hugetlb setting or
// set HOTSPOT_HUGE_PAGES=0. Why: national runs allocate gigabytes of columns, and first touching
// them 4 KiB at a time cost a third of the wall time on our VMs (see docs/decisions.md). The
// restarted process, on its own call, puts the caller's GLIBC_TUNABLES back, so programs it
// starts see the environment they were given. Returns only if there is nothing to do, the restart
// failed, or this is the restarted process.
void restart_with_huge_pages(char** argv);

}  // namespace hotspot::cli
