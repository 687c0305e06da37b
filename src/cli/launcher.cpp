// `hotspot`: starts hotspot-engine, the program itself, from the same folder, with glibc told to
// back large arrays with huge pages (cli/huge_pages.hpp). It links nothing but the C++ runtime, so
// it starts in about a millisecond where the engine takes ~80 ms.
#include "cli/huge_pages.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <unistd.h>

int main(int, char** argv) {
    std::string self(4096, '\0');
    const ssize_t n = readlink("/proc/self/exe", self.data(), self.size() - 1);
    if (n > 0) self.resize(static_cast<std::size_t>(n));
    else self = argv[0] ? argv[0] : "";  // no /proc: the path we were started by
    const std::string engine = self.substr(0, self.find_last_of('/') + 1) + "hotspot-engine";
    hotspot::cli::exec_engine(engine.c_str(), argv);
    std::fprintf(stderr, "hotspot: cannot start %s: %s (it is built and installed beside the hotspot launcher)\n", engine.c_str(),
                 std::strerror(errno));
    return 1;
}
