# shellcheck shell=bash
# Shared helpers for tools/bench-join and tools/bench-csv-reader (sourced, not run).
# The callers set `set -euo pipefail`; everything here keeps to that.
# The BENCH_* results and bench_build_packages are read by the callers:
# shellcheck disable=SC2034

bench_die() {
    echo "bench: $*" >&2
    exit 1
}

# Installs Debian packages that are missing (checked with dpkg-query first, so a machine
# that has them never calls apt). Needs root or sudo only when something is missing.
bench_ensure_packages() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "bench: installing ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || bench_die "run as root, or install: ${missing[*]}"
        sudo=(sudo)
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# What building hotspot and the bench tools needs (the same list as tools/install-deps build).
bench_build_packages=(g++ cmake make pkg-config zlib1g-dev libdeflate-dev libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin
                      libnanoflann-dev libboost-program-options-dev)

# Configures and builds hotspot (Release) in the bench's own build folder, so a benchmark
# never measures someone's Debug or sanitizer build.
bench_build_hotspot() {  # ROOT BUILD_DIR
    local root=$1 build=$2 log=$2/bench-build.log
    mkdir -p "$build"
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1 ||
        { cat "$log" >&2; bench_die "cmake configure failed (log above)"; }
    cmake --build "$build" -j"$(nproc)" --target "${3:-hotspot}" >>"$log" 2>&1 ||
        { tail -40 "$log" >&2; bench_die "build failed (log above; another edit in progress? retry in a minute)"; }
}

# Median of numbers (one per argument); the mean of the two middle values for an even count.
bench_median() {
    printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) exit 1
        if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_max() {
    printf '%s\n' "$@" | sort -g | tail -1
}

# Runs a command REPEAT times under GNU time. Sets:
#   BENCH_WALL    median wall seconds          BENCH_RSS_MB  highest peak RSS of the runs, MB
#   BENCH_WALLS   every wall time              BENCH_OUT     stdout of the last run (a file)
# A failing run aborts the benchmark with its stderr: a crashed tool has no timing.
bench_measure() {  # REPEAT OUT_FILE command...
    local repeat=$1 out=$2 i
    shift 2
    local walls=() rss=()
    for ((i = 1; i <= repeat; i++)); do
        if ! /usr/bin/time -o "$out.time" -f "%e %M" "$@" >"$out" 2>"$out.err"; then
            cat "$out.err" >&2
            bench_die "failed: $*"
        fi
        # GNU time writes "Command exited with non-zero status" lines first on failure;
        # on success the last line is "wall kilobytes".
        read -r w k < <(tail -1 "$out.time")
        walls+=("$w")
        rss+=("$k")
    done
    BENCH_WALLS="${walls[*]}"
    BENCH_WALL=$(bench_median "${walls[@]}")
    BENCH_RSS_MB=$(($(bench_max "${rss[@]}") / 1024))
    BENCH_OUT=$out
}

# "key: value" lookup in a tool's output.
bench_value() {  # FILE KEY
    sed -n "s/^$2: *//p" "$1" | tail -1
}

# Thousands separators for row counts, plain awk (no locale dependence).
bench_thousands() {
    awk -v n="$1" 'BEGIN { s = sprintf("%d", n); out = ""
        while (length(s) > 3) { out = "," substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
        print s out }'
}

# Reports what else is running: the figures are only meaningful on a quiet machine.
bench_machine_note() {
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM," \
         "load average $(cut -d' ' -f1-3 /proc/loadavg) (figures are noisy if this is well above 0)"
}
