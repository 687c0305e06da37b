// gzip files are inflated whole by libdeflate when they are regular files (src/read/gzip_reader.cpp)
// and streamed through zlib otherwise. Oracles: the planted text for good files, and for damaged
// ones zlib's streaming path itself, reached by handing the same bytes over a FIFO (not a regular
// file, so never inflated whole): both paths must give the same bytes or the same message.
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

using namespace hotspot;

namespace {

struct Lcg {  // explicit seed: the same cases on every run
    std::uint64_t s;
    std::uint32_t next() {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<std::uint32_t>(s >> 33);
    }
};

// One gzip member of text at the given level (zlib's deflate with a gzip wrapper).
std::string gzip_member(const std::string& text, int level) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, level, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::string out(deflateBound(&zs, static_cast<uLong>(text.size())) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

// Police.uk-like rows with quotes, CRLF, empty fields and long runs (so some files pass 1 MiB).
std::string random_text(Lcg& rng, std::size_t rows) {
    std::string t = "Crime ID,Month,Longitude,Latitude,Location\n";
    for (std::size_t i = 0; i < rows; ++i) {
        t += std::to_string(rng.next()) + ",2024-0" + std::to_string(1 + rng.next() % 9) + ",-2.9" + std::to_string(rng.next() % 10000) +
             "," + (rng.next() % 7 == 0 ? "" : "53.4" + std::to_string(rng.next() % 1000)) + "," +
             (rng.next() % 5 == 0 ? "\"On or near \"\"A\"\", B\"" : "On or near Park Road");
        t += rng.next() % 4 == 0 ? "\r\n" : "\n";
    }
    return t;
}

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("hotspot_test_gzpaths_" + std::to_string(getpid()) + "_" + name)).string();
}

// Every byte a ByteReader gives, or "error: <message>".
std::string read_bytes(const std::string& path) {
    try {
        ByteReader reader(path);
        std::string out, chunk(1 << 16, '\0');
        while (const std::size_t got = reader.read(chunk.data(), chunk.size())) out.append(chunk.data(), got);
        return out;
    } catch (const InputError& e) {
        return std::string("error: ") + e.what();
    }
}

// The same through CsvReader (which takes a whole-file content in one piece): the records' raw
// text joined with "\n", or "error: <message>".
std::string read_records(const std::string& path) {
    try {
        CsvReader reader(path, ',', RecordSpan::line);
        CsvRecord r;
        std::string out;
        while (reader.next(r)) out.append(r.raw).append("\n");
        return out;
    } catch (const InputError& e) {
        return std::string("error: ") + e.what();
    }
}

// The bytes read from a FIFO at `path` (zlib's streaming path), written by a thread.
std::string read_through_fifo(const std::string& path, const std::string& bytes, bool records) {
    std::filesystem::remove(path);
    REQUIRE(mkfifo(path.c_str(), 0600) == 0);
    std::signal(SIGPIPE, SIG_IGN);  // the reader may stop early on damaged data
    std::thread writer([&] {
        std::FILE* f = std::fopen(path.c_str(), "wb");
        if (!f) return;
        std::fwrite(bytes.data(), 1, bytes.size(), f);
        std::fclose(f);
    });
    // A reader that stops early closes the FIFO: the blocked writer then gets EPIPE and ends.
    std::string got = records ? read_records(path) : read_bytes(path);
    writer.join();
    std::filesystem::remove(path);
    return got;
}

// The same with the bytes in a regular file (inflated whole when libdeflate can).
std::string read_regular(const std::string& path, const std::string& bytes, bool records) {
    std::ofstream(path, std::ios::binary) << bytes;
    std::string got = records ? read_records(path) : read_bytes(path);
    std::filesystem::remove(path);
    return got;
}

std::string path_free(std::string message, const std::string& path) {  // the two paths differ in name only
    for (std::size_t at = message.find(path); at != std::string::npos; at = message.find(path)) message.replace(at, path.size(), "FILE");
    return message;
}

}  // namespace

TEST_CASE("gzip: whole-file inflation and zlib's stream give the planted text, in one or several members", "[csv][gzip]") {
    Lcg rng{20261202};
    for (int trial = 0; trial < 24; ++trial) {
        const std::size_t rows = trial < 4 ? static_cast<std::size_t>(trial) : 1 + rng.next() % (trial % 6 == 0 ? 40000 : 2000);
        const std::string text = random_text(rng, rows);
        std::string gz;
        const int members = 1 + static_cast<int>(rng.next() % 3);
        for (int m = 0, at = 0; m < members; ++m) {  // split the text over the members
            const std::size_t end = m + 1 == members ? text.size() : std::min(text.size(), static_cast<std::size_t>(at) + rng.next() % (text.size() + 1));
            gz += gzip_member(text.substr(static_cast<std::size_t>(at), end - static_cast<std::size_t>(at)), static_cast<int>(rng.next() % 10));
            at = static_cast<int>(end);
        }
        const std::string name = "good" + std::to_string(trial) + ".csv.gz";
        CHECK(read_regular(temp_path(name), gz, false) == text);
        CHECK(read_through_fifo(temp_path(name), gz, false) == text);
        const std::string records = read_regular(temp_path(name), gz, true);
        CHECK(records == read_through_fifo(temp_path(name), gz, true));
        CHECK(records.rfind("error:", 0) == std::string::npos);
    }
}

TEST_CASE("gzip: truncated, corrupt or appended-to files fail alike on both paths, with zlib's messages", "[csv][gzip]") {
    Lcg rng{42};
    const std::string text = random_text(rng, 3000);
    const std::string good = gzip_member(text, 6) + gzip_member(text.substr(0, 500), 1);
    int errors = 0;
    for (int trial = 0; trial < 60; ++trial) {
        std::string bad = good;
        switch (trial % 4) {
            case 0: bad.resize(rng.next() % good.size()); break;                                   // truncated
            case 1: bad[rng.next() % bad.size()] ^= static_cast<char>(1 + rng.next() % 255); break;  // one byte changed
            case 2: bad += trial % 8 == 2 ? std::string("x,y\n") : std::string(1 + rng.next() % 3, '\0'); break;  // appended
            case 3: bad.resize(good.size() - 1 - rng.next() % 8); break;                           // cut in a trailer
        }
        const std::string name = "bad" + std::to_string(trial) + ".csv.gz";
        const std::string whole = path_free(read_regular(temp_path(name), bad, true), temp_path(name));
        const std::string streamed = path_free(read_through_fifo(temp_path(name), bad, true), temp_path(name));
        INFO("trial " << trial);
        CHECK(whole == streamed);
        errors += whole.rfind("error:", 0) == 0 ? 1 : 0;
    }
    CHECK(errors >= 45);  // nearly every damage is caught (a changed byte in the header's name or time may not be)
}
