// Headless Chromium prints the pack (see pdf_print.hpp).
#include "hotspot/report/pdf_print.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

extern char** environ;

namespace hotspot::report {

namespace fs = std::filesystem;

std::string find_chromium() {
    const char* env = std::getenv("HOTSPOT_CHROMIUM");
    const std::string path = env && *env ? env : "/usr/bin/chromium";
    return ::access(path.c_str(), X_OK) == 0 ? path : "";
}

void require_chromium() {
    if (find_chromium().empty())
        throw ConfigError("--pdf needs headless Chromium, and none was found at " +
                          quote_value(std::getenv("HOTSPOT_CHROMIUM") ? std::getenv("HOTSPOT_CHROMIUM") : "/usr/bin/chromium") +
                          " (install the chromium package, or set HOTSPOT_CHROMIUM); the HTML pack alone needs no browser");
}

void print_pdf(const std::string& html_path, const std::string& pdf_path) {
    require_chromium();
    const std::string chromium = find_chromium();
    char profile_template[] = "/tmp/hotspot-pdf-XXXXXX";
    if (!::mkdtemp(profile_template)) throw OutputError("cannot create a temporary Chromium profile folder in /tmp for " + quote_value(pdf_path));
    const std::string profile = profile_template, log = profile + "/chromium.log";
    std::vector<std::string> args{chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                                  "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--no-pdf-header-footer",
                                  "--print-to-pdf=" + pdf_path, "file://" + fs::absolute(html_path).string()};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    bool timed_out = false;
    if (spawned == 0) {  // a hung browser must not hang the command: 5 minutes, then it is killed
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
        while (::waitpid(pid, &status, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                ::kill(pid, SIGKILL);
                ::waitpid(pid, &status, 0);
                timed_out = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
    std::string said;
    {
        std::ifstream in(log);
        std::string line;
        while (std::getline(in, line)) said = line;  // the last line says what went wrong
    }
    std::error_code ec;
    fs::remove_all(profile, ec);
    if (spawned != 0) throw OutputError("cannot start " + quote_value(chromium) + " to print " + quote_value(pdf_path));
    if (timed_out) throw OutputError("Chromium did not print " + quote_value(pdf_path) + " within 5 minutes and was stopped");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(pdf_path) || fs::file_size(pdf_path) == 0)
        throw OutputError("Chromium did not print " + quote_value(pdf_path) + (said.empty() ? "" : ": " + said));
}

}  // namespace hotspot::report
