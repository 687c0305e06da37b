#include "cli/huge_pages.hpp"

#include <cstdlib>
#include <string>
#include <string_view>

#include <unistd.h>

namespace hotspot::cli {

namespace {

constexpr const char* saved_name = "HOTSPOT_CALLER_GLIBC_TUNABLES";
constexpr const char* unset_marker = "\x01unset";  // the caller had no GLIBC_TUNABLES

bool sanitized_build() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return true;  // the sanitizers bring their own allocator
#else
    return false;
#endif
}

// The caller's GLIBC_TUNABLES back (in the restarted process glibc has read ours at start-up).
void restore_caller_tunables(const char* saved) {
    if (std::string(saved) == unset_marker) unsetenv("GLIBC_TUNABLES");
    else setenv("GLIBC_TUNABLES", saved, 1);
    unsetenv(saved_name);  // a hotspot this one starts makes its own restart
}

}  // namespace

void restart_with_huge_pages(char** argv) {
#if defined(__GLIBC__) && defined(__linux__)
    if (const char* saved = std::getenv(saved_name)) return restore_caller_tunables(saved);  // this is the restarted process
    // Help and versions allocate nothing worth a second start-up (~90 ms of dynamic linking).
    if (!argv[0] || !argv[1]) return;
    for (char** a = argv + 1; *a; ++a)
        if (std::string_view(*a) == "--help" || std::string_view(*a) == "-h" || std::string_view(*a) == "--version") return;
    if (std::string_view(argv[1]) == "help") return;
    if (sanitized_build()) return;
    if (const char* off = std::getenv("HOTSPOT_HUGE_PAGES"); off && std::string(off) == "0") return;
    const char* caller = std::getenv("GLIBC_TUNABLES");
    const std::string tunables = caller ? caller : "";
    if (tunables.find("glibc.malloc.hugetlb") != std::string::npos) return;  // the caller's choice stands
    const std::string with_huge = tunables.empty() ? "glibc.malloc.hugetlb=1" : tunables + ":glibc.malloc.hugetlb=1";
    if (setenv(saved_name, caller ? caller : unset_marker, 1) != 0 || setenv("GLIBC_TUNABLES", with_huge.c_str(), 1) != 0) return;
    execv("/proc/self/exe", argv);
    // No /proc, or exec refused: carry on as we are, with the caller's environment (glibc's
    // setenv keeps old values alive, so `caller` still points at the caller's text).
    restore_caller_tunables(caller ? caller : unset_marker);
#else
    (void)argv;
#endif
}

}  // namespace hotspot::cli
