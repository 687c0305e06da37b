#pragma once
// Where reading spends its time: CPU seconds per stage, summed over the reader threads, and the
// bytes each stage handled. Process-wide counters (atomics, a clock read per 1 MiB chunk or per
// file), printed by tools/bench-join's step breakdown; no result depends on them.
#include <cstdint>

namespace hotspot {

struct ReadProfile {
    double inflate_cpu_s = 0;           // gzip decompression (libdeflate or zlib)
    double content_checksum_cpu_s = 0;  // CRC-32 of each CSV file's (decompressed) content
    double file_checksum_cpu_s = 0;     // SHA-256 of each input file's bytes
    double file_cpu_s = 0;              // reading files whole (inflate + content checksum + parse + build)
    double merge_cpu_s = 0;             // appending each file's table to the result (calling thread)
    std::uint64_t compressed_bytes = 0;  // gzip bytes inflated
    std::uint64_t inflated_bytes = 0;    // bytes gzip decompression produced
    std::uint64_t text_bytes = 0;        // CSV bytes parsed (decompressed or plain)
    std::uint64_t whole_file_inflates = 0, streamed_inflates = 0;  // gzip files by path taken
    // parse + build: what a reader thread did with the text besides inflating and hashing it.
    double parse_cpu_s() const { return file_cpu_s - inflate_cpu_s - content_checksum_cpu_s; }
};

ReadProfile read_profile();
void reset_read_profile();

namespace detail {
double thread_cpu_seconds();  // CPU time of the calling thread
enum class ReadCounter { inflate_ns, content_checksum_ns, file_checksum_ns, file_ns, merge_ns, compressed_bytes, inflated_bytes,
                         text_bytes, whole_file_inflates, streamed_inflates };
void add_read_counter(ReadCounter counter, std::uint64_t amount);
// Adds the calling thread's CPU time since construction to a counter.
class CpuTimer {
public:
    explicit CpuTimer(ReadCounter counter) : counter_(counter), start_(thread_cpu_seconds()) {}
    ~CpuTimer() { add_read_counter(counter_, static_cast<std::uint64_t>((thread_cpu_seconds() - start_) * 1e9)); }
    CpuTimer(const CpuTimer&) = delete;
    CpuTimer& operator=(const CpuTimer&) = delete;

private:
    ReadCounter counter_;
    double start_;
};
}  // namespace detail

}  // namespace hotspot
