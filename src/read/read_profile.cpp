#include "hotspot/read/read_profile.hpp"

#include <array>
#include <atomic>
#include <ctime>

namespace hotspot {

namespace {
constexpr std::size_t counter_count = 10;
std::array<std::atomic<std::uint64_t>, counter_count> counters{};

std::uint64_t get(detail::ReadCounter c) { return counters[static_cast<std::size_t>(c)].load(std::memory_order_relaxed); }
double seconds(detail::ReadCounter c) { return static_cast<double>(get(c)) * 1e-9; }
}  // namespace

namespace detail {
double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
void add_read_counter(ReadCounter counter, std::uint64_t amount) {
    counters[static_cast<std::size_t>(counter)].fetch_add(amount, std::memory_order_relaxed);
}
}  // namespace detail

ReadProfile read_profile() {
    using C = detail::ReadCounter;
    ReadProfile p;
    p.inflate_cpu_s = seconds(C::inflate_ns);
    p.content_checksum_cpu_s = seconds(C::content_checksum_ns);
    p.file_checksum_cpu_s = seconds(C::file_checksum_ns);
    p.file_cpu_s = seconds(C::file_ns);
    p.merge_cpu_s = seconds(C::merge_ns);
    p.compressed_bytes = get(C::compressed_bytes);
    p.inflated_bytes = get(C::inflated_bytes);
    p.text_bytes = get(C::text_bytes);
    p.whole_file_inflates = get(C::whole_file_inflates);
    p.streamed_inflates = get(C::streamed_inflates);
    return p;
}

void reset_read_profile() {
    for (auto& c : counters) c.store(0, std::memory_order_relaxed);
}

}  // namespace hotspot
