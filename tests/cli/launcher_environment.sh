#!/usr/bin/env bash
# The `hotspot` launcher (src/cli/launcher.cpp) starts hotspot-engine from its own folder, as the
# same process, with glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES, unless the caller chose a
# hugetlb value or set HOTSPOT_HUGE_PAGES=0. Oracle: the kernel's record of the running engine
# (/proc/PID/exe and the environment it was started with), caught while it waits to open a FIFO
# given as its configuration file.
#   launcher_environment.sh HOTSPOT WORK_DIR
set -uo pipefail
hotspot=$1 work=$2
rm -rf "$work" && mkdir -p "$work" || exit 1
engine="$(cd "$(dirname "$hotspot")" && pwd)/hotspot-engine"
failures=0

# started ENV-ARGS... (options of env first, then NAME=VALUE): runs `hotspot run -c FIFO` with ENV, prints the engine's exe and its
# GLIBC_TUNABLES / HOTSPOT_CALLER_GLIBC_TUNABLES as started, then lets it finish.
started() {
    local fifo=$work/hotspot.ini
    rm -f "$fifo" && mkfifo "$fifo"
    env "$@" "$hotspot" run -c "$fifo" -q 2>/dev/null &
    local pid=$!
    for _ in $(seq 100); do
        [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$engine" ] && break
        sleep 0.05
    done
    echo "exe=$(readlink "/proc/$pid/exe")"
    echo "env=$(tr '\0' '\n' <"/proc/$pid/environ" | grep -E '^(GLIBC_TUNABLES|HOTSPOT_CALLER_GLIBC_TUNABLES)=' | sort | tr '\n' ' ')"
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    rm -f "$fifo"
}

check() {  # NAME EXPECTED ACTUAL
    if [ "$2" = "$3" ]; then
        echo "ok $1"
    else
        echo "FAIL $1: expected [$2], got [$3]"
        failures=$((failures + 1))
    fi
}

out=$(started -u GLIBC_TUNABLES -u HOTSPOT_HUGE_PAGES)
check "the engine runs, as the same process" "exe=$engine" "$(head -1 <<<"$out")"
check "huge pages added; the caller had no GLIBC_TUNABLES" \
    "env=GLIBC_TUNABLES=glibc.malloc.hugetlb=1 HOTSPOT_CALLER_GLIBC_TUNABLES=$(printf '\001')unset " "$(tail -1 <<<"$out")"
# With tunables of the caller's, only the saved copy is checked: Debian 12's loader rewrites the
# GLIBC_TUNABLES text in place as it parses it (seen: "a=2:glibc.malloc.hugetlb=1" handed to
# execve reads back as "a=2", while the engine's heap does get huge pages).
out=$(started -u HOTSPOT_HUGE_PAGES GLIBC_TUNABLES=glibc.malloc.arena_max=2)
check "huge pages added to the caller's tunables, which are kept for restoring" \
    "HOTSPOT_CALLER_GLIBC_TUNABLES=glibc.malloc.arena_max=2" "$(tail -1 <<<"$out" | grep -o 'HOTSPOT_CALLER_GLIBC_TUNABLES=[^ ]*')"
out=$(started -u HOTSPOT_HUGE_PAGES GLIBC_TUNABLES=glibc.malloc.hugetlb=0)
check "the caller's hugetlb choice stands" "env=GLIBC_TUNABLES=glibc.malloc.hugetlb=0 " "$(tail -1 <<<"$out")"
out=$(started -u GLIBC_TUNABLES HOTSPOT_HUGE_PAGES=0)
check "HOTSPOT_HUGE_PAGES=0: nothing added" "env=" "$(tail -1 <<<"$out")"

"$hotspot" --version >"$work/version.out" 2>&1
check "--version passes through the launcher" "0" "$?"
grep -q '^hotspot ' "$work/version.out" || { echo "FAIL --version printed: $(cat "$work/version.out")"; failures=$((failures + 1)); }

mkdir -p "$work/alone" && cp "$hotspot" "$work/alone/hotspot"
"$work/alone/hotspot" --version >"$work/alone.out" 2>&1
code=$?
check "a launcher without its engine exits 1" "1" "$code"
grep -q "cannot start $work/alone/hotspot-engine" "$work/alone.out" || { echo "FAIL no message naming the engine: $(cat "$work/alone.out")"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "all launcher checks passed"
