#include "hotspot/workflow/tile_points.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>

namespace hotspot {

namespace {

constexpr char magic[16] = {'H', 'O', 'T', 'S', 'P', 'O', 'T', '-', 'P', 'O', 'I', 'N', 'T', 'S', '1', '\n'};
constexpr std::size_t header_bytes = sizeof magic + sizeof(std::uint64_t);

class ReadOnlyFile {
public:
    explicit ReadOnlyFile(const std::string& path) : path_(path), fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (fd_ < 0) throw InputError("cannot open the points file " + quote_value(path) + ": " + std::strerror(errno));
    }
    ~ReadOnlyFile() { ::close(fd_); }
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;
    void read_at(void* into, std::size_t bytes, std::uint64_t offset) const {
        auto* p = static_cast<char*>(into);
        while (bytes > 0) {
            const ssize_t got = ::pread(fd_, p, bytes, static_cast<off_t>(offset));
            if (got <= 0) throw InputError("the points file " + quote_value(path_) + " is truncated (hotspot plan writes it again)");
            p += got, bytes -= static_cast<std::size_t>(got), offset += static_cast<std::uint64_t>(got);
        }
    }

private:
    std::string path_;
    int fd_;
};

}  // namespace

std::string write_tile_points(const std::string& path, std::span<const double> x, std::span<const double> y, std::span<const double> w) {
    const std::size_t n = x.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return y[a] > y[b] || (y[a] == y[b] && x[a] < x[b]); });
    const std::string tmp = path + ".part" + std::to_string(::getpid());
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) throw OutputError("cannot write " + quote_value(tmp) + ": " + std::strerror(errno));
        out.write(magic, sizeof magic);
        const std::uint64_t count = n;
        out.write(reinterpret_cast<const char*>(&count), sizeof count);
        std::vector<double> column(n);
        for (const std::span<const double> v : {x, y, w}) {
            for (std::size_t i = 0; i < n; ++i) column[i] = v.empty() ? 1.0 : v[order[i]];
            out.write(reinterpret_cast<const char*>(column.data()), static_cast<std::streamsize>(n * sizeof(double)));
        }
        out.flush();
        if (!out) throw OutputError("cannot write " + quote_value(tmp) + " (disk full?)");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw OutputError("cannot move " + quote_value(tmp) + " to " + quote_value(path) + ": " + ec.message());
    return sha256_file(path);
}

namespace {

// What the file system says of a file: rewriting it changes at least one of these.
struct FileStamp {
    dev_t dev = 0;
    ino_t ino = 0;
    off_t size = 0;
    std::int64_t mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stamp_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileStamp{st.st_dev, st.st_ino, st.st_size, static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

// The points file's SHA-256, computed once per process while the file stays as it was: one
// process running every task of a plan (plan --run, a Dask worker) would otherwise hash the
// whole file (1.4 GB at 60M rows) for each tile.
std::string points_sha256(const std::string& path) {
    static std::mutex lock;
    static std::map<std::string, std::pair<FileStamp, std::string>> known;
    const std::lock_guard<std::mutex> guard(lock);
    const auto before = stamp_of(path);
    if (const auto it = known.find(path); before && it != known.end() && it->second.first == *before) return it->second.second;
    std::string sha = sha256_file(path);
    // Remembered only when the file was unchanged while read and last written over 2 s ago: a
    // write within the file system's timestamp tick could otherwise leave the stamp as it was.
    const auto now_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (const auto after = stamp_of(path); before && after && *before == *after && now_ns - after->mtime_ns > 2'000'000'000)
        known[path] = {*after, sha};
    return sha;
}

}  // namespace

PointSlice read_tile_points(const std::string& path, double y_min, double y_max, const std::string& sha256) {
    if (!sha256.empty() && points_sha256(path) != sha256)
        throw InputError("the points file " + quote_value(path) + " is not the one the plan was made with (SHA-256 differs): make the plan again");
    const ReadOnlyFile f(path);
    char head[sizeof magic];
    f.read_at(head, sizeof head, 0);
    if (std::memcmp(head, magic, sizeof magic) != 0) throw InputError(quote_value(path) + " is not a hotspot points file");
    std::uint64_t n = 0;
    f.read_at(&n, sizeof n, sizeof magic);
    const std::uint64_t xs = header_bytes, ys = xs + n * sizeof(double), ws = ys + n * sizeof(double);
    const auto y_at = [&](std::uint64_t i) {
        double v;
        f.read_at(&v, sizeof v, ys + i * sizeof(double));
        return v;
    };
    // y descends: [first, last) are the rows with y_min <= y <= y_max.
    std::uint64_t lo = 0, hi = n;
    while (lo < hi) {  // first with y <= y_max
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (y_at(mid) > y_max) lo = mid + 1;
        else hi = mid;
    }
    const std::uint64_t first = lo;
    hi = n;
    while (lo < hi) {  // first with y < y_min
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (y_at(mid) >= y_min) lo = mid + 1;
        else hi = mid;
    }
    const std::uint64_t count = lo - first;
    PointSlice s;
    s.x.resize(count), s.y.resize(count), s.w.resize(count);
    f.read_at(s.x.data(), count * sizeof(double), xs + first * sizeof(double));
    f.read_at(s.y.data(), count * sizeof(double), ys + first * sizeof(double));
    f.read_at(s.w.data(), count * sizeof(double), ws + first * sizeof(double));
    return s;
}

}  // namespace hotspot
