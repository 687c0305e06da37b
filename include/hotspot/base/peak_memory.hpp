#pragma once
// The process's peak memory, for the timings commands print (`run --timings`) and the
// run report's "<step>_peak_rss_mib" entries.
#include <cstdint>

namespace hotspot {

// The process's peak resident set size so far (getrusage; Linux's VmHWM), in MiB.
std::uint64_t peak_rss_mib();

}  // namespace hotspot
