#include "hotspot/publish/output_set.hpp"

#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/areas_csv.hpp"
#include "hotspot/publish/emerging_output.hpp"
#include "hotspot/publish/evaluation_output.hpp"
#include "hotspot/publish/intervention_output.hpp"
#include "hotspot/publish/knox_output.hpp"
#include "hotspot/publish/placement_output.hpp"
#include "hotspot/publish/run_report_csv.hpp"
#include "hotspot/publish/trend_output.hpp"
#include "hotspot/read/inputs.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

namespace hotspot {

namespace fs = std::filesystem;

namespace {

// Every live OutputSet, so the signal thread can clean up after all of them.
std::mutex registry_mutex;
std::set<OutputSet*>& registry() {
    static std::set<OutputSet*> sets;
    return sets;
}

std::string quoted(const fs::path& p) { return quote_value(p.string()); }

std::string system_error_text(int err) { return std::strerror(err); }

// "." + name, appended piecewise: GCC 12 warns falsely (-Wrestrict) on "." + string.
std::string hidden(const std::string& name) {
    std::string out = ".";
    out += name;
    return out;
}

bool process_alive(long pid) { return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM; }

// The PID in "<prefix><digits><rest>" when rest satisfies `rest_ok`, or -1.
template <class RestOk>
long pid_in(const std::string& name, const std::string& prefix, RestOk rest_ok) {
    if (name.size() <= prefix.size() || !name.starts_with(prefix)) return -1;
    std::size_t end = prefix.size();
    while (end < name.size() && end - prefix.size() < 10 && name[end] >= '0' && name[end] <= '9') ++end;
    if (end == prefix.size() || !rest_ok(name.substr(end))) return -1;
    return std::stol(name.substr(prefix.size(), end - prefix.size()));
}

// The PID of a leftover of `target` in its folder ("-1" when `name` is not one): a temporary
// ".<stem>.tmp-PID<ext>" with what drivers make beside it (SQLite's -journal, the COG driver's
// .ovr.tmp), or a backup ".<name>.old-PID" or, as earlier versions named it, "<name>.old-PID".
long leftover_pid(const std::string& name, const fs::path& target) {
    const std::string stem = target.stem().string(), ext = target.extension().string(), file = target.filename().string();
    const long tmp = pid_in(name, hidden(stem) + ".tmp-", [&](const std::string& rest) {
        return rest == ext || (rest.size() > ext.size() && rest.compare(0, ext.size(), ext) == 0 &&
                               (rest[ext.size()] == '-' || rest[ext.size()] == '.'));
    });
    if (tmp >= 0) return tmp;
    const auto exact = [](const std::string& rest) { return rest.empty(); };
    const long backup = pid_in(name, hidden(file) + ".old-", exact);
    return backup >= 0 ? backup : pid_in(name, file + ".old-", exact);
}

void remove_quietly(const fs::path& p) {
    std::error_code ec;
    fs::remove_all(p, ec);
}

// The temporary and whatever a driver made beside it under a longer name (SQLite's -journal,
// -wal and -shm, the COG driver's .ovr.tmp): the PID in the name makes them ours.
void remove_temporary(const std::string& tmp) {
    remove_quietly(tmp);
    const fs::path p = fs::absolute(tmp);
    const std::string prefix = p.filename().string();
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(p.parent_path(), ec)) {
        const std::string name = item.path().filename().string();
        if (name.size() > prefix.size() && name.starts_with(prefix)) remove_quietly(item.path());
    }
}

// The first bytes of a file, to recognise its kind.
std::string file_head(const fs::path& p, std::size_t n) {
    std::ifstream in(p, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(in.gcount()));
    return head;
}

// The first columns of each table publish/priority_output writes (the rest name indicators).
bool is_priority_csv_head(std::string_view head) {
    for (const char* start : {"area_id,area_name,", "rank,area_id,area_name,", "area_id,indicator,period,", "measure,group,value,unit",
                              "indicator,area_id,why", "level,area_id,area_name,parent_id,", "top_id,top_name,level,", "zone,layer,area_id,"})
        if (head.starts_with(start)) return true;
    return false;
}

// A zip whose first entry is a .qgs file: how QGIS and hotspot write a .qgz.
bool is_qgz_head(std::string_view head) {
    if (head.size() < 30 || !head.starts_with(std::string_view("PK\3\4", 4))) return false;
    const std::size_t name_length = static_cast<unsigned char>(head[26]) | static_cast<std::size_t>(static_cast<unsigned char>(head[27])) << 8;
    if (name_length < 4 || head.size() < 30 + name_length) return false;
    return head.substr(30, name_length).ends_with(".qgs");
}

bool is_of_kind(const fs::path& p, OutputKind kind) {
    std::error_code ec;
    if (fs::file_size(p, ec) == 0 && !ec) return true;  // nothing to lose (e.g. left by a full disk)
    const std::string head = file_head(p, kind == OutputKind::qgis_project ? 4096 : 64);
    switch (kind) {
        case OutputKind::geopackage:
        case OutputKind::mbtiles: return head.starts_with(std::string_view("SQLite format 3\0", 16));
        case OutputKind::geotiff:
            return head.starts_with("II*") || head.starts_with("II+") || head.starts_with(std::string_view("MM\0*", 4)) ||
                   head.starts_with(std::string_view("MM\0+", 4));
        case OutputKind::qml: return head.starts_with("<!DOCTYPE qgis") || head.starts_with("<qgis");
        case OutputKind::csv:  // sites, areas, placement, knox, emerging
            return head.starts_with("rank,place") || head.starts_with(areas_csv_header_start) || head.starts_with(placement_csv_header_start) ||
                   head.starts_with(knox_csv_header_start) || head.starts_with(emerging_csv_header_start) ||
                   head.starts_with(emerging_cube_header_start) || head.starts_with(emerging_summary_header_start) ||
                   head.starts_with(emerging_area_csv_header_start) || head.starts_with(emerging_area_cube_header_start) ||
                   head.starts_with(run_report_csv_header_start);
        case OutputKind::table_csv: return head.starts_with("Area layer,Area code,");  // the performance table
        case OutputKind::priority_csv: return is_priority_csv_head(head);
        case OutputKind::evaluation:
            return head.starts_with(evaluation_summary_header_start) || head.starts_with(evaluation_chart_start.substr(0, 60));
        case OutputKind::trend:
            return head.starts_with(trend_csv_header_start) || head.starts_with(run_report_csv_header_start) ||
                   head.starts_with(trend_chart_start.substr(0, 60));
        case OutputKind::intervention: return head.starts_with(intervention_csv_header_start) || head.starts_with(intervention_report_start);
        case OutputKind::report:
            return head.starts_with(tasking_pack_html_start) ||
                   (head.starts_with("%PDF-") && file_head(p, 64u << 20).find(tasking_pack_marker) != std::string::npos);
        case OutputKind::tile_folder: return false;
        case OutputKind::pmtiles: return head.starts_with("PMTiles");
        case OutputKind::map_style: return head.starts_with("{\n  \"version\": 8,\n  \"name\": \"hotspot");
        case OutputKind::qgis_project: return is_qgz_head(head);
    }
    return false;
}

const char* kind_words(OutputKind kind) {
    switch (kind) {
        case OutputKind::geopackage: return "GeoPackage";
        case OutputKind::mbtiles: return "MBTiles file";
        case OutputKind::geotiff: return "GeoTIFF";
        case OutputKind::qml: return "QGIS style (.qml)";
        case OutputKind::csv: return "hotspot CSV table";
        case OutputKind::table_csv: return "performance table (CSV)";
        case OutputKind::priority_csv: return "priority table (CSV)";
        case OutputKind::evaluation: return "evaluation table (CSV) or chart (SVG)";
        case OutputKind::trend: return "trend table (CSV) or chart (SVG)";
        case OutputKind::intervention: return "intervention table (CSV) or report (Markdown)";
        case OutputKind::report: return "tasking pack (HTML or PDF)";
        case OutputKind::tile_folder: return "tile folder";
        case OutputKind::pmtiles: return "PMTiles file";
        case OutputKind::map_style: return "hotspot MapLibre style (JSON)";
        case OutputKind::qgis_project: return "QGIS project (.qgz)";
    }
    return "file";
}

// The identity of a path for comparisons: absolute, symlinks and ".." resolved as far as the
// path exists.
std::string path_key(const fs::path& p) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(p), ec);
    return ec ? fs::absolute(p).lexically_normal().string() : canonical.string();
}

void fsync_path(const fs::path& p, int flags, const std::string& target) {
    const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
    if (fd < 0) throw OutputError("cannot open " + quoted(p) + " to flush " + quote_value(target) + ": " + system_error_text(errno));
    const int failed = ::fsync(fd) != 0 ? errno : 0;
    ::close(fd);
    // Folders on some filesystems refuse fsync (EINVAL); only a file's data matters.
    if (failed && !(flags & O_DIRECTORY)) throw OutputError("cannot write " + quote_value(target) + " to disk: " + system_error_text(failed));
}

std::string make_run_id() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    return std::string(stamp) + "-" + std::to_string(::getpid());
}

}  // namespace

std::string temporary_name(const std::string& target) {
    const fs::path t(target);
    std::string name = hidden(t.stem().string());
    name += ".tmp-" + std::to_string(::getpid());
    name += t.extension().string();
    return (t.parent_path() / name).string();
}

OutputSet::OutputSet(bool overwrite, const std::vector<std::string>& inputs) : overwrite_(overwrite), run_id_(make_run_id()) {
    for (const auto& in : inputs) inputs_.push_back(path_key(in));
    std::lock_guard lock(registry_mutex);
    registry().insert(this);
}

OutputSet::~OutputSet() {
    std::lock_guard lock(registry_mutex);
    if (!published_) discard_locked();
    registry().erase(this);
}

void OutputSet::claim(const std::string& target, OutputKind kind) {
    if (target.empty()) return;
    std::error_code ec;
    const fs::path abs = fs::absolute(target, ec);
    if (ec) throw OutputError("cannot use the output path " + quote_value(target) + ": " + ec.message());
    const std::string key = path_key(abs);
    const std::string what = quote_value(target);
    for (const Entry& e : entries_)
        if (e.key == key)
            throw OutputError(what + " is named twice among this run's outputs (also as " + quote_value(e.target) +
                              "): give each output its own name");
    for (const auto& in : inputs_)
        if (in == key || fs::equivalent(abs, in, ec))
            throw OutputError(what + " is an input of this run: writing it would destroy the input; choose another output name");

    const fs::file_status st = fs::symlink_status(abs, ec);
    if (fs::is_symlink(st))
        throw OutputError(what + " is a symbolic link: hotspot replaces only regular files; remove the link or choose another name");
    if (fs::is_directory(st)) {
        if (kind != OutputKind::tile_folder)
            throw OutputError(what + " is a folder: outputs never replace a folder; name a file, e.g. " +
                              quoted(abs / ("out" + std::string(kind == OutputKind::geotiff ? ".tif" : kind == OutputKind::csv || kind == OutputKind::table_csv || kind == OutputKind::priority_csv ? ".csv" : ".gpkg"))));
        if (!fs::exists(abs / tile_folder_marker, ec))
            throw OutputError(what + " is a folder that hotspot did not write as tiles (no " + std::string(tile_folder_marker) +
                              " in it): it is never replaced; name a new folder");
        if (!overwrite_) throw OutputError(what + " already holds tiles: pass --overwrite to replace them, or name a new folder");
    } else if (fs::exists(st)) {
        if (!fs::is_regular_file(st))
            throw OutputError(what + " is not a regular file (a device, pipe or socket): outputs are written only as regular files");
        if (kind == OutputKind::tile_folder)
            throw OutputError(what + " is a file, not a tile folder: it is never replaced; name a new folder for the tiles");
        if (!is_of_kind(abs, kind))
            throw OutputError(what + " exists and is not a " + kind_words(kind) + ": it is never replaced, even with --overwrite; choose another name");
        if (!overwrite_) throw OutputError(what + " already exists: pass --overwrite to replace it, or choose another name");
    }

    const fs::path parent = abs.parent_path();
    fs::create_directories(parent, ec);
    if (ec) throw OutputError("cannot create the folder " + quoted(parent) + " for " + what + ": " + ec.message());
    for (const auto& item : fs::directory_iterator(parent, ec)) {
        const std::string name = item.path().filename().string();
        const long pid = leftover_pid(name, abs);
        if (pid < 0 || pid == ::getpid() || process_alive(pid)) continue;
        std::error_code rm;
        fs::remove_all(item.path(), rm);
        if (!rm) removed_.push_back(item.path().string() + " (process " + std::to_string(pid) + ")");
    }

    const std::string tmp = temporary_name(abs.string());
    remove_temporary(tmp);
    // A probe, so a read-only folder (or one where root is refused, as on a read-only mount)
    // fails now rather than after the computation.
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw OutputError("cannot write " + what + ": cannot create a file in " + quoted(parent) + ": " + system_error_text(errno));
    ::close(fd);
    ::unlink(tmp.c_str());

    std::lock_guard lock(registry_mutex);
    entries_.push_back({target, key, tmp, "", kind});
}

void OutputSet::release(const std::string& target) {
    std::lock_guard lock(registry_mutex);
    for (auto e = entries_.begin(); e != entries_.end(); ++e)
        if (e->target == target) {
            remove_temporary(e->tmp);
            entries_.erase(e);
            return;
        }
}

bool OutputSet::claimed(const std::string& target) const {
    return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.target == target; });
}

const std::string& OutputSet::temporary(const std::string& target) const {
    for (const Entry& e : entries_)
        if (e.target == target) return e.tmp;
    throw OutputError("internal: " + quote_value(target) + " was not claimed as an output");
}

void OutputSet::publish() {
    std::lock_guard lock(registry_mutex);  // a signal now waits until the set is in place
    for (const Entry& e : entries_) {
        std::error_code ec;
        const fs::file_status st = fs::symlink_status(e.tmp, ec);
        if (!fs::exists(st)) throw OutputError("internal: " + quote_value(e.target) + " was not written");
        // Checked again: something may have appeared at the target while the run computed.
        const fs::file_status now = fs::symlink_status(e.target, ec);
        const bool replaceable = e.kind == OutputKind::tile_folder ? fs::is_directory(now) && fs::exists(fs::path(e.target) / tile_folder_marker, ec)
                                                                   : fs::is_regular_file(now);
        if (fs::exists(now) && !replaceable)
            throw OutputError(quote_value(e.target) + " was replaced by something else during the run: it is left as it is; run again");
        if (e.kind != OutputKind::tile_folder) fsync_path(e.tmp, O_RDONLY, e.target);
    }
    std::size_t done = 0;
    try {
        for (; done < entries_.size(); ++done) {
            Entry& e = entries_[done];
            std::error_code ec;
            if (fs::exists(fs::symlink_status(e.target, ec))) {
                const fs::path t(e.target);
                e.backup = (t.parent_path() / (hidden(t.filename().string()) + ".old-" + std::to_string(::getpid()))).string();
                remove_quietly(e.backup);
                // A file keeps its name throughout (hard link as backup, then an atomic rename
                // over it); a folder cannot be renamed over, so it is moved aside first.
                if (e.kind == OutputKind::tile_folder || ::link(e.target.c_str(), e.backup.c_str()) != 0) fs::rename(e.target, e.backup, ec);
                if (ec) throw OutputError("cannot move the previous " + quote_value(e.target) + " aside: " + ec.message());
            }
            fs::rename(e.tmp, e.target, ec);
            if (ec) throw OutputError("cannot move the new " + quote_value(e.target) + " into place: " + ec.message());
        }
    } catch (...) {
        // Put back what was replaced, newest first; the temporaries go in discard_locked().
        for (std::size_t k = std::min(done + 1, entries_.size()); k-- > 0;) {
            Entry& e = entries_[k];
            const bool swapped = k < done;
            std::error_code ec;
            if (swapped && (e.backup.empty() || e.kind == OutputKind::tile_folder)) fs::remove_all(e.target, ec);
            if (e.backup.empty()) continue;
            if (swapped || !fs::exists(fs::symlink_status(e.target, ec))) fs::rename(e.backup, e.target, ec);
            else remove_quietly(e.backup);  // only hard-linked: the target is still the old one
            e.backup.clear();
        }
        throw;
    }
    std::set<std::string> folders;
    for (const Entry& e : entries_) folders.insert(fs::absolute(e.target).parent_path().string());
    for (const auto& f : folders) fsync_path(f, O_RDONLY | O_DIRECTORY, f);  // the renames themselves
    for (Entry& e : entries_) {
        if (!e.backup.empty()) remove_quietly(e.backup);
        e.backup.clear();
    }
    published_ = true;
}

void OutputSet::discard_locked() noexcept {
    for (Entry& e : entries_) {
        remove_temporary(e.tmp);
        if (e.backup.empty()) continue;
        std::error_code ec;
        if (!fs::exists(fs::symlink_status(e.target, ec))) fs::rename(e.backup, e.target, ec);  // killed mid-swap
        else remove_quietly(e.backup);
        e.backup.clear();
    }
}

std::vector<std::string> input_files(const AnalysisConfig& config) {
    std::vector<std::string> files;
    for (const auto& in : config.inputs) {
        const auto expanded = expand_input_paths(in.paths, in.format);
        for (const auto& f : expanded)
            if (!is_connection_string(f)) files.push_back(f);
    }
    for (const auto& a : config.areas)
        if (!is_connection_string(a.path)) files.push_back(a.path);  // a database table is no file an output could be
    for (const auto& t : config.attributes) files.push_back(t.path);
    if (!config.harm.table.empty()) files.push_back(config.harm.table);
    for (const auto& h : config.priority.hierarchy)
        if (!h.lookup.empty()) files.push_back(h.lookup);
    if (!config.source_file.empty()) files.push_back(config.source_file);
    return files;
}

void write_text_file(const std::string& path, const std::string& text, const std::string& target) {
    const std::string what = quote_value(target.empty() ? path : target);
    // O_NOFOLLOW: a link planted at a temporary's name is not followed.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0) throw OutputError("cannot create " + what + ": " + system_error_text(errno));
    std::size_t written = 0;
    int failed = 0;
    while (written < text.size() && !failed) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) failed = n < 0 ? errno : ENOSPC;
        else written += static_cast<std::size_t>(n);
    }
    if (!failed && ::fsync(fd) != 0) failed = errno;
    if (::close(fd) != 0 && !failed) failed = errno;
    if (failed) throw OutputError("cannot write " + what + ": " + system_error_text(failed));
}

void remove_temporaries_on_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, s);
    // Blocked here, so every thread started later (ours, GDAL's, the thread pool) inherits it
    // and only the waiting thread below receives them: it may take locks and free memory,
    // which a signal handler may not.
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::thread([signals] {
        int sig = 0;
        if (sigwait(&signals, &sig) != 0) return;
        {
            std::lock_guard lock(registry_mutex);
            for (OutputSet* set : registry()) set->discard_locked();
        }
        ::signal(sig, SIG_DFL);
        sigset_t one;
        sigemptyset(&one);
        sigaddset(&one, sig);
        pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
        ::raise(sig);  // dies of the signal, as the caller expects
    }).detach();
}

}  // namespace hotspot
