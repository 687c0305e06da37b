#include "cli/huge_pages.hpp"

#include <cstdlib>
#include <string>
#include <string_view>

#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

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

bool wants_huge_pages(char** argv) {
#if defined(__GLIBC__) && defined(__linux__)
    if (!argv[0] || !argv[1] || std::string_view(argv[1]) == "help") return false;  // help allocates nothing
    for (char** a = argv + 1; *a; ++a)
        if (std::string_view(*a) == "--help" || std::string_view(*a) == "-h" || std::string_view(*a) == "--version") return false;
    if (sanitized_build()) return false;
    if (const char* off = std::getenv("HOTSPOT_HUGE_PAGES"); off && std::string(off) == "0") return false;
    const char* caller = std::getenv("GLIBC_TUNABLES");
    return !caller || std::string(caller).find("glibc.malloc.hugetlb") == std::string::npos;  // the caller's choice stands
#else
    (void)argv;
    return false;
#endif
}

}  // namespace

void exec_engine(const char* engine, char** argv) {
    if (wants_huge_pages(argv)) {
        const char* caller = std::getenv("GLIBC_TUNABLES");
        const std::string with_huge = caller && *caller ? std::string(caller) + ":glibc.malloc.hugetlb=1" : "glibc.malloc.hugetlb=1";
        if (setenv(saved_name, caller ? caller : unset_marker, 1) == 0) setenv("GLIBC_TUNABLES", with_huge.c_str(), 1);
    }
    execv(engine, argv);
}

void restore_caller_tunables() {
    const char* saved = std::getenv(saved_name);
    if (!saved) return;
    if (std::string(saved) == unset_marker) unsetenv("GLIBC_TUNABLES");
    else setenv("GLIBC_TUNABLES", saved, 1);
    unsetenv(saved_name);  // a hotspot this one starts decides again
}

void keep_freed_memory() {
#if defined(__GLIBC__)
    if (sanitized_build()) return;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest; also stops the threshold moving
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
}

}  // namespace hotspot::cli
