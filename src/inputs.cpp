#include "hotspot/inputs.hpp"

#include "hotspot/errors.hpp"
#include "hotspot/text.hpp"

#include <glob.h>

#include <algorithm>
#include <atomic>
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

}  // namespace

std::vector<std::string> expand_input_paths(const std::vector<std::string>& patterns, InputFormat format) {
    std::vector<std::string> out;
    for (const auto& pattern : patterns) {
        std::vector<std::string> found;
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
        out.insert(out.end(), found.begin(), found.end());
    }
    return out;
}

ReadResult read_inputs(const std::vector<InputSpec>& inputs, unsigned threads) {
    struct Job {
        const InputSpec* spec;
        std::string path;
        ReadResult result;
        std::exception_ptr error;
    };
    std::vector<Job> jobs;
    for (const auto& spec : inputs)
        for (auto& path : expand_input_paths(spec.paths, spec.format)) jobs.push_back(Job{&spec, path, {}, nullptr});

    std::atomic<std::size_t> next{0};
    const auto work = [&] {
        for (std::size_t j = next++; j < jobs.size(); j = next++) {
            Job& job = jobs[j];
            try {
                switch (job.spec->format) {
                    case InputFormat::police_uk: job.result = read_police_uk_file(job.path, *job.spec); break;
                    case InputFormat::csv: job.result = read_csv_file(job.path, *job.spec); break;
                    case InputFormat::ogr: job.result = read_ogr_points(job.path, *job.spec); break;
                }
                job.result.incidents.files.front().sha256 = sha256_file(job.path);
            } catch (...) {
                job.error = std::current_exception();
            }
        }
    };
    const unsigned n_threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(jobs.size())));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n_threads; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();

    ReadResult all;
    std::size_t total_rows = 0, id_bytes = 0;
    for (auto& job : jobs) {
        if (job.error) std::rethrow_exception(job.error);
        total_rows += job.result.incidents.size();
        id_bytes += job.result.incidents.crime_id.byte_size();
    }
    // Reserved, not touched: memory becomes resident as parts are moved in and freed.
    all.incidents.reserve(total_rows);
    all.incidents.crime_id.reserve(total_rows, id_bytes);
    for (auto& job : jobs) {
        all.append(std::move(job.result));
        job.result = ReadResult{};  // free each part as soon as it is merged
    }
    return all;
}

}  // namespace hotspot
