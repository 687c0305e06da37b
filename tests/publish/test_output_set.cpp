// The output set: which targets may be written, publishing all or none, and cleaning up
// temporaries and the leftovers of killed runs.
#include "hotspot/base/errors.hpp"
#include "hotspot/publish/output_set.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace hotspot;
namespace fs = std::filesystem;

namespace {

fs::path fresh(const std::string& name) {
    const fs::path d = fs::temp_directory_path() / ("hotspot_output_set_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

std::string content(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string sqlite_header("SQLite format 3\0", 16);

// Files in a folder whose name holds ".tmp-" or ".old-".
std::size_t temporaries_in(const fs::path& dir) {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        n += name.find(".tmp-") != std::string::npos || name.find(".old-") != std::string::npos;
    }
    return n;
}

// A PID that is certainly dead: a child that has exited and been reaped.
pid_t dead_pid() {
    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    int status = 0;
    ::waitpid(child, &status, 0);
    return child;
}

std::string error_of(OutputSet& set, const fs::path& target, OutputKind kind) {
    try {
        set.claim(target.string(), kind);
    } catch (const OutputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("outputs are checked before anything is written", "[output_set]") {
    const fs::path dir = fresh("claim");
    const fs::path input = dir / "boundaries.gpkg";
    std::ofstream(input) << sqlite_header;
    fs::create_directories(dir / "results");
    std::ofstream(dir / "results" / "keep.txt") << "precious";
    std::ofstream(dir / "old.gpkg") << sqlite_header << "old";
    std::ofstream(dir / "notes.gpkg") << "not a GeoPackage";
    OutputSet set(false, {input.string()});

    CHECK_THAT(error_of(set, dir / "results", OutputKind::geopackage), Catch::Contains("is a folder: outputs never replace a folder"));
    CHECK_THAT(error_of(set, dir / "results", OutputKind::tile_folder), Catch::Contains("did not write as tiles"));
    CHECK_THAT(error_of(set, input, OutputKind::geopackage), Catch::Contains("is an input of this run"));
    CHECK_THAT(error_of(set, dir / "." / "x" / ".." / "boundaries.gpkg", OutputKind::geopackage), Catch::Contains("is an input"));
    CHECK_THAT(error_of(set, "/dev/null", OutputKind::csv), Catch::Contains("not a regular file"));
    CHECK_THAT(error_of(set, dir / "old.gpkg", OutputKind::geopackage), Catch::Contains("pass --overwrite"));
    CHECK_THAT(error_of(set, dir / "notes.gpkg", OutputKind::geopackage), Catch::Contains("is not a GeoPackage"));
    fs::create_symlink(dir / "old.gpkg", dir / "link.gpkg");
    CHECK_THAT(error_of(set, dir / "link.gpkg", OutputKind::geopackage), Catch::Contains("symbolic link"));
    std::ofstream(dir / "a_file") << "x";
    CHECK_THAT(error_of(set, dir / "a_file" / "out.gpkg", OutputKind::geopackage), Catch::Contains("cannot create the folder"));

    CHECK(error_of(set, dir / "new" / "out.gpkg", OutputKind::geopackage).empty());
    CHECK(fs::is_directory(dir / "new"));
    // The same file twice, once relative to another spelling of the folder.
    CHECK_THAT(error_of(set, dir / "new" / ".." / "new" / "out.gpkg", OutputKind::mbtiles), Catch::Contains("named twice"));

    CHECK(content(dir / "results" / "keep.txt") == "precious");
    CHECK(content(dir / "old.gpkg") == sqlite_header + "old");
    CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("with overwrite, files of the same kind and tile folders hotspot wrote are replaced", "[output_set]") {
    const fs::path dir = fresh("overwrite");
    std::ofstream(dir / "out.gpkg") << sqlite_header << "old";
    fs::create_directories(dir / "tiles" / "9");
    std::ofstream(dir / "tiles" / tile_folder_marker) << "run 1";
    {
        OutputSet set(true, {});
        set.claim((dir / "out.gpkg").string(), OutputKind::geopackage);
        set.claim((dir / "tiles").string(), OutputKind::tile_folder);
        std::ofstream(set.temporary((dir / "out.gpkg").string())) << sqlite_header << "new";
        fs::create_directories(set.temporary((dir / "tiles").string()));
        std::ofstream(fs::path(set.temporary((dir / "tiles").string())) / tile_folder_marker) << "run 2";
        set.publish();
    }
    CHECK(content(dir / "out.gpkg") == sqlite_header + "new");
    CHECK(content(dir / "tiles" / tile_folder_marker) == "run 2");
    CHECK_FALSE(fs::exists(dir / "tiles" / "9"));
    CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a folder that appears at a target during the run is never replaced", "[output_set]") {
    const fs::path dir = fresh("appeared");
    {
        OutputSet set(true, {});
        set.claim((dir / "a.gpkg").string(), OutputKind::geopackage);
        std::ofstream(set.temporary((dir / "a.gpkg").string())) << sqlite_header << "new a";
        fs::create_directories(dir / "a.gpkg" / "x");
        CHECK_THROWS_WITH(set.publish(), Catch::Contains("replaced by something else"));
    }
    CHECK(fs::is_directory(dir / "a.gpkg" / "x"));
    CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a set that is not published leaves the old outputs and no temporaries", "[output_set]") {
    const fs::path dir = fresh("discard");
    std::ofstream(dir / "a.gpkg") << sqlite_header << "old a";
    {
        OutputSet set(true, {});
        set.claim((dir / "a.gpkg").string(), OutputKind::geopackage);
        set.claim((dir / "b.csv").string(), OutputKind::csv);
        std::ofstream(set.temporary((dir / "a.gpkg").string())) << sqlite_header << "new a";
        // b.csv is never written (its writer failed): nothing may be published
        CHECK_THROWS_WITH(set.publish(), Catch::Contains("was not written"));
    }
    CHECK(content(dir / "a.gpkg") == sqlite_header + "old a");
    CHECK_FALSE(fs::exists(dir / "b.csv"));
    CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("a failure while publishing puts every replaced output back", "[output_set]") {
    const fs::path dir = fresh("rollback");
    std::ofstream(dir / "a.gpkg") << sqlite_header << "old a";
    fs::create_directories(dir / "b");
    std::ofstream(dir / "b" / "c.gpkg") << sqlite_header << "old c";
    {
        OutputSet set(true, {});
        set.claim((dir / "a.gpkg").string(), OutputKind::geopackage);
        set.claim((dir / "b" / "c.gpkg").string(), OutputKind::geopackage);
        std::ofstream(set.temporary((dir / "a.gpkg").string())) << sqlite_header << "new a";
        // c's temporary is a folder: renaming it over the file c.gpkg fails after a.gpkg was replaced
        fs::create_directories(set.temporary((dir / "b" / "c.gpkg").string()));
        CHECK_THROWS_AS(set.publish(), OutputError);
    }
    CHECK(content(dir / "a.gpkg") == sqlite_header + "old a");
    CHECK(content(dir / "b" / "c.gpkg") == sqlite_header + "old c");
    CHECK(temporaries_in(dir) == 0);
    CHECK(temporaries_in(dir / "b") == 0);
}

TEST_CASE("leftovers of dead runs are removed, those of live ones kept", "[output_set]") {
    const fs::path dir = fresh("leftovers");
    const std::string dead = std::to_string(dead_pid()), live = std::to_string(::getppid());
    for (const std::string& name : {".out.tmp-" + dead + ".gpkg", ".out.tmp-" + dead + ".gpkg-journal", ".out.gpkg.old-" + dead,
                                    ".out.tmp-" + live + ".gpkg", ".other.tmp-" + dead + ".gpkg", ".out.tmp-" + dead + ".gpkgx"})
        std::ofstream(dir / name) << "x";
    fs::create_directories(dir / ("tiles.old-" + dead) / "9");  // as versions before the output set named them
    OutputSet set(false, {});
    set.claim((dir / "out.gpkg").string(), OutputKind::geopackage);
    set.claim((dir / "tiles").string(), OutputKind::tile_folder);
    CHECK(set.removed_leftovers().size() == 4);
    CHECK_FALSE(fs::exists(dir / (".out.tmp-" + dead + ".gpkg")));
    CHECK_FALSE(fs::exists(dir / ("tiles.old-" + dead)));
    CHECK(fs::exists(dir / (".out.tmp-" + live + ".gpkg")));   // a run still going
    CHECK(fs::exists(dir / (".other.tmp-" + dead + ".gpkg")));  // not a leftover of these targets
    CHECK(fs::exists(dir / (".out.tmp-" + dead + ".gpkgx")));
}

TEST_CASE("text files are written whole or not at all", "[output_set]") {
    const fs::path dir = fresh("text");
    write_text_file((dir / "a.qml").string(), "<qgis/>");
    CHECK(content(dir / "a.qml") == "<qgis/>");
    CHECK_THROWS_WITH(write_text_file("/dev/full", "x"), Catch::Contains("No space left on device"));
    CHECK_THROWS_AS(write_text_file((dir / "no" / "such" / "a.qml").string(), "x"), OutputError);
}

TEST_CASE("a run id names the time and the process", "[output_set]") {
    OutputSet set(false, {});
    CHECK_THAT(set.run_id(), Catch::Matches("[0-9]{8}T[0-9]{6}Z-" + std::to_string(::getpid())));
}

TEST_CASE("a released target is not published and leaves no temporary", "[output_set]") {
    const fs::path dir = fresh("release");
    OutputSet set(false, {});
    set.claim((dir / "a.csv").string(), OutputKind::csv);
    set.claim((dir / "b.csv").string(), OutputKind::csv);
    std::ofstream(set.temporary((dir / "a.csv").string())) << "x\n1\n";
    std::ofstream(set.temporary((dir / "b.csv").string())) << "half written";
    set.release((dir / "b.csv").string());  // the run had nothing for it
    CHECK_THROWS_WITH(set.temporary((dir / "b.csv").string()), Catch::Contains("was not claimed"));
    set.publish();
    CHECK(content(dir / "a.csv") == "x\n1\n");
    CHECK_FALSE(fs::exists(dir / "b.csv"));
    CHECK(temporaries_in(dir) == 0);
}

TEST_CASE("overwrite replaces the priority tables it wrote, never another CSV of that name", "[output_set]") {
    const fs::path dir = fresh("priority_csv");
    // The first columns of each priority table (publish/priority_output), as a run writes them.
    const std::vector<std::pair<std::string, std::string>> tables = {
        {"priority_areas.csv", "area_id,area_name,index,rank,decile,top\n"},
        {"priority_top.csv", "rank,area_id,area_name,index,top\n"},
        {"indicators_long.csv", "area_id,indicator,period,value,unit\n"},
        {"deprivation_profile.csv", "measure,group,value,unit\n"},
        {"missing_values.csv", "indicator,area_id,why\n"},
        {"hierarchy_rollup.csv", "level,area_id,area_name,parent_id,indicator\n"},
        {"dashboard.csv", "top_id,top_name,level,area_id\n"},
        {"zone_area_shares.csv", "zone,layer,area_id,area_name\n"}};
    for (const auto& [name, head] : tables) std::ofstream(dir / name) << head;
    std::ofstream(dir / "budget.csv") << "Ward,Budget\nNechells,100\n";
    OutputSet set(true, {});
    for (const auto& [name, head] : tables) CHECK_NOTHROW(set.claim((dir / name).string(), OutputKind::priority_csv));
    CHECK_THAT(error_of(set, dir / "budget.csv", OutputKind::priority_csv), Catch::Contains("is not a priority table (CSV)"));
}
