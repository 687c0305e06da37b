#pragma once
// Shared by the libFuzzer targets (tools/fuzz). The readers take paths, so each input is
// written to one scratch file per process; hotspot::Error is a clean refusal, anything
// else escaping a target (another exception, a failed check) is a finding.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/incidents.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

namespace hotspot::fuzz {

// The scratch file for this process, named with its pid so parallel jobs do not collide.
inline std::string write_input(const std::uint8_t* data, std::size_t size, const std::string& suffix) {
    static const std::string stem =
        (std::filesystem::temp_directory_path() / ("hotspot-fuzz-" + std::to_string(getpid()))).string();
    const std::string path = stem + suffix;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    if (!out.flush()) std::abort();  // a full /tmp would otherwise look like an empty input
    return path;
}

// Aborts (a libFuzzer crash with this message) when an invariant of the code under test fails.
inline void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "hotspot fuzz check failed: %s\n", what);
    std::abort();
}

// A reader's promise for one file: every data row read is accepted or rejected, once.
inline void check_rows_accounted(const hotspot::ReadResult& r) {
    check(r.incidents.files.size() == 1, "one source file");
    check(r.incidents.size() + r.rejects.size() == r.incidents.files[0].rows_read, "rows read = accepted + rejected");
}

// Line breaks in text, counted as the issue defines them: LF, CRLF and a lone CR are one each.
inline std::uint64_t line_breaks(std::string_view text) {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'))) ++n;
    return n;
}

// Runs body; a hotspot::Error is an accepted outcome for any input.
template <class Body>
void refusals_allowed(Body&& body) {
    try {
        body();
    } catch (const hotspot::Error&) {
    }
}

}  // namespace hotspot::fuzz
