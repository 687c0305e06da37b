#include "hotspot/read/inputs.hpp"

#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/read/csv.hpp"
#include "hotspot/read/read_profile.hpp"

#include <glob.h>

#include <map>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <exception>
#include <filesystem>
#include <thread>

namespace hotspot {

namespace fs = std::filesystem;

std::string to_string(InputFormat f) {
    switch (f) {
        case InputFormat::police_uk: return "police.uk";
        case InputFormat::csv: return "csv";
        case InputFormat::ogr: return "ogr";
    }
    return "?";
}

InputFormat parse_input_format(const std::string& text) {
    const std::string t = lowercase(text);
    if (t == "police.uk" || t == "police" || t == "policeuk") return InputFormat::police_uk;
    if (t == "csv") return InputFormat::csv;
    if (t == "ogr" || t == "vector") return InputFormat::ogr;
    throw ConfigError("input format " + quote_value(text) + " is not one of police.uk, csv, ogr");
}

namespace {

bool is_csv_name(const std::string& name) {
    const std::string n = lowercase(name);
    const auto ends = [&](std::string_view s) { return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0; };
    return ends(".csv") || ends(".csv.gz");
}

// Why a police.uk download that is not street-level crime is not read, or "" for other files.
std::string not_street_file(const std::string& path) {
    std::string n = lowercase(fs::path(path).filename().string());
    for (const std::string_view ext : {".csv.gz", ".csv"})
        if (n.size() > ext.size() && n.compare(n.size() - ext.size(), ext.size(), ext) == 0) {
            n.resize(n.size() - ext.size());
            break;
        }
    const auto ends = [&](std::string_view s) { return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0; };
    if (ends("-outcomes")) return "a police.uk outcomes file, not street-level crime";
    if (ends("-stop-and-search")) return "a police.uk stop-and-search file, not street-level crime";
    return "";
}

// Refusing is the safe choice: which copy the user meant to drop cannot be known, and a
// config that names the same data twice is a mistake worth seeing.
ConfigError same_data_twice(const InputSpec& a, const std::string& path_a, const InputSpec& b, const std::string& path_b,
                            const std::string& relation) {
    return ConfigError("input " + quote_value(b.name) + " file " + quote_value(without_password(path_b)) + " " + relation + " input " +
                       quote_value(a.name) + " file " + quote_value(without_password(path_a)) +
                       ": its rows would be counted twice; give each file once (check repeated --police/--input, "
                       "overlapping patterns, and folders holding one month as both .csv and .csv.gz)");
}

}  // namespace

std::vector<std::string> expand_input_paths(const std::vector<std::string>& patterns, InputFormat format,
                                            std::vector<SkippedFile>* skipped) {
    std::vector<std::string> out;
    for (const auto& pattern : patterns) {
        if (is_connection_string(pattern)) {  // a database: one table (layer = schema.table), read through OGR
            if (format != InputFormat::ogr)
                throw ConfigError("input " + quote_value(without_password(pattern)) + " is a database: read it with format = ogr and layer = SCHEMA.TABLE");
            out.push_back(pattern);
            continue;
        }
        std::vector<std::string> found;
        const bool named_itself = fs::is_regular_file(pattern);
        if (fs::is_directory(pattern)) {
            for (const auto& entry : fs::directory_iterator(pattern))
                if (entry.is_regular_file() && (format == InputFormat::ogr || is_csv_name(entry.path().filename().string())))
                    found.push_back(entry.path().string());
        } else if (fs::is_regular_file(pattern)) {
            found.push_back(pattern);
        } else {
            glob_t g{};
            if (glob(pattern.c_str(), 0, nullptr, &g) == 0)
                for (std::size_t i = 0; i < g.gl_pathc; ++i)
                    if (fs::is_regular_file(g.gl_pathv[i])) found.emplace_back(g.gl_pathv[i]);
            globfree(&g);
        }
        if (found.empty()) throw ConfigError("input " + quote_value(pattern) + " matches no file");
        std::sort(found.begin(), found.end());
        if (skipped && format == InputFormat::police_uk && !named_itself) {
            std::vector<std::string> street;
            std::string names;
            for (auto& path : found) {
                if (std::string why = not_street_file(path); !why.empty()) {
                    names += (names.empty() ? "" : ", ") + quote_value(path);
                    skipped->push_back(SkippedFile{path, "", std::move(why)});
                } else {
                    street.push_back(std::move(path));
                }
            }
            if (street.empty())
                throw ConfigError("input " + quote_value(pattern) + " holds no police.uk street-level file, only outcomes or "
                                  "stop-and-search files (" + names + ")");
            found = std::move(street);
        }
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

ReadResult read_inputs(const std::vector<InputSpec>& inputs, unsigned threads, const std::atomic<bool>* cancel) {
    struct Job {
        const InputSpec* spec;
        std::string path;
        ReadResult result;
        std::exception_ptr error;
        bool done = false;
    };
    std::vector<Job> jobs;
    std::map<std::string, std::size_t> by_file;  // canonical path -> first job reading it
    std::vector<SkippedFile> skipped;
    for (const auto& spec : inputs) {
        const std::size_t first_skipped = skipped.size();
        std::vector<std::string> paths = expand_input_paths(spec.paths, spec.format, &skipped);
        for (std::size_t k = first_skipped; k < skipped.size(); ++k) skipped[k].source = spec.name;
        for (auto& path : paths) {
            // A database is the same data only as the same table.
            const std::string key = is_connection_string(path) ? path + " layer " + spec.layer : fs::weakly_canonical(path).string();
            const auto [first, fresh] = by_file.emplace(key, jobs.size());
            if (!fresh) throw same_data_twice(*jobs[first->second].spec, jobs[first->second].path, spec, path, "is the same file as");
            jobs.push_back(Job{&spec, path, {}, nullptr});
        }
    }

    // Workers read files; this thread merges them in input order as each becomes ready, so
    // only a few per-file parts (each with its own dictionaries) are alive at once.
    std::mutex mutex;
    std::condition_variable ready;
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> next{0};
    const unsigned spare_threads = jobs.size() == 1 ? threads : 1;  // one big file gets them all
    const auto work = [&] {
        for (std::size_t j = next++; j < jobs.size() && !stop; j = next++) {
            Job& job = jobs[j];
            ReadResult result;
            std::exception_ptr error;
            try {
                // The checksum is taken while the file is read (the cores are otherwise idle
                // when one big file is read).
                auto checksum = std::async(std::launch::async, [&job] {  // a database table has no file to checksum
                    const detail::CpuTimer timer(detail::ReadCounter::file_checksum_ns);
                    return is_connection_string(job.path) ? std::string() : sha256_file(job.path);
                });
                const detail::CpuTimer timer(detail::ReadCounter::file_ns);
                switch (job.spec->format) {
                    case InputFormat::police_uk: result = read_police_uk_file(job.path, *job.spec); break;
                    case InputFormat::csv: result = read_csv_file(job.path, *job.spec); break;
                    case InputFormat::ogr: result = read_ogr_points(job.path, *job.spec, spare_threads); break;
                }
                result.incidents.files.front().sha256 = checksum.get();
            } catch (...) {
                error = std::current_exception();
            }
            {
                const std::lock_guard<std::mutex> lock(mutex);
                job.result = std::move(result);
                job.error = error;
                job.done = true;
            }
            ready.notify_all();
        }
    };
    const unsigned n_threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(jobs.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < n_threads; ++t) pool.emplace_back(work);

    ReadResult all;
    std::uintmax_t total_bytes = 0;
    for (const auto& job : jobs)
        if (!is_connection_string(job.path)) total_bytes += fs::file_size(job.path);
    std::exception_ptr failure;
    // Content fingerprint (CSV) or file SHA-256 (other formats) -> the jobs that have it.
    std::map<std::string, std::vector<std::size_t>> by_content;
    for (std::size_t j = 0; j < jobs.size() && !failure; ++j) {
        std::unique_lock<std::mutex> lock(mutex);
        const auto cancelled = [&] { return cancel && cancel->load(); };
        // The canceller cannot notify `ready`: look at its flag every 20 ms.
        while (!ready.wait_for(lock, std::chrono::milliseconds(20), [&] { return jobs[j].done || cancelled(); })) {
        }
        if (!jobs[j].done) {
            failure = std::make_exception_ptr(ReadCancelled());
            break;
        }
        ReadResult part = std::move(jobs[j].result);
        failure = jobs[j].error;
        lock.unlock();
        if (failure) break;
        if (j == 0 && part.incidents.size() > 0) {
            // Reserve from the first file's rows per byte (reserving only claims address space).
            const double rows_per_byte = static_cast<double>(part.incidents.size()) / static_cast<double>(std::max<std::uintmax_t>(1, part.incidents.files.front().bytes));
            const auto estimate = static_cast<std::size_t>(1.1 * rows_per_byte * static_cast<double>(total_bytes)) + 1024;
            const double id_bytes_per_row = static_cast<double>(part.incidents.crime_id.byte_size()) / static_cast<double>(part.incidents.size());
            all.incidents.reserve(estimate);
            all.incidents.crime_id.reserve(estimate, static_cast<std::size_t>(1.1 * id_bytes_per_row * static_cast<double>(estimate)));
        }
        // Same content under two names (a month as .csv and .csv.gz, a copy): counted twice
        // otherwise. Files without rows cannot double count (police.uk months with no crime
        // are identical header-only files). A CSV file's fingerprint only finds candidates:
        // the SHA-256 of both contents decides.
        const SourceFile& file = part.incidents.files.front();
        if (file.rows_read > 0 && (file.content || !file.sha256.empty())) {
            const std::string key = file.content ? "crc32 " + std::to_string(file.content->crc32) + " bytes " + std::to_string(file.content->bytes)
                                                 : "sha256 " + file.sha256;
            std::vector<std::size_t>& same = by_content[key];
            std::string sha;  // this file's content SHA-256, read once if a candidate needs it
            const auto twin = std::find_if(same.begin(), same.end(), [&](std::size_t k) {
                if (!file.content) return true;
                if (sha.empty()) sha = content_sha256(jobs[j].path);
                return content_sha256(jobs[k].path) == sha;
            });
            if (twin != same.end()) {
                failure = std::make_exception_ptr(same_data_twice(*jobs[*twin].spec, jobs[*twin].path, *jobs[j].spec, jobs[j].path,
                                                                  "has the same content (SHA-256) as"));
                break;
            }
            same.push_back(j);
        }
        const detail::CpuTimer timer(detail::ReadCounter::merge_ns);
        all.append(std::move(part));
    }
    stop = static_cast<bool>(failure);
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
    all.skipped = std::move(skipped);
    return all;
}

}  // namespace hotspot
