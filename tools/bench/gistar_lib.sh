# shellcheck shell=bash
# Helpers for tools/bench-gistar (sourced after tools/bench/lib.sh, not run).
# The caller sets `set -euo pipefail`; everything here keeps to that.

declare -A GM       # median of each "key: value" the measured tool printed, by key
declare -A GV       # every run's value of each key, space separated
GM_WALL="" GM_WALLS="" GM_RSS_MB=0
ROWS=()             # "case|tool|wall|work|work label|peak MB" for the table
ROW_CASE=""         # the case of the last row that named one
DETAILS=()          # every run's wall and work times

# Runs a command REPEAT times under GNU time (bench_measure, one run at a time); sets GM_WALL
# (median wall), GM_WALLS, GM_RSS_MB (highest peak RSS) and GM[key] (median) for each KEY
# the command printed as "key: value". The last run's stdout stays in OUT.
gistar_measure() {  # REPEAT OUT KEY... -- command...
    local repeat=$1 out=$2 i k v
    shift 2
    local keys=()
    while [ "$1" != -- ]; do keys+=("$1"); shift; done
    shift
    local walls=() rss=0
    declare -A values=()
    for ((i = 1; i <= repeat; i++)); do
        bench_measure 1 "$out" "$@"
        walls+=("$BENCH_WALL")
        [ "$BENCH_RSS_MB" -gt "$rss" ] && rss=$BENCH_RSS_MB
        for k in "${keys[@]}"; do
            v=$(bench_value "$out" "$k")
            [ -n "$v" ] || { cat "$out" >&2; bench_die "no '$k:' line in the output of: $*"; }
            values[$k]+="$v "
        done
    done
    GM=()
    GV=()
    for k in "${keys[@]}"; do
        GV[$k]=${values[$k]% }
        # Differences: the worst run, as printed (a median at 3 decimals would show 1e-13 as 0).
        # shellcheck disable=SC2086  # the values are space-separated numbers
        case "$k" in max_*) GM[$k]=$(bench_max ${values[$k]}) ;; *) GM[$k]=$(bench_median ${values[$k]}) ;; esac
    done
    GM_WALLS="${walls[*]}"
    GM_WALL=$(bench_median "${walls[@]}")
    GM_RSS_MB=$rss
}

# Every "key: value" line's value (bench_value keeps the last only).
gistar_values() {  # FILE KEY
    sed -n "s/^$2: *//p" "$1"
}

# Adds the last gistar_measure to the table: WORK_KEY names the tool's own timing.
gistar_row() {  # CASE TOOL WORK_KEY WORK_LABEL
    ROWS+=("$1|$2|$GM_WALL|${GM[$3]}|$4|$GM_RSS_MB")
    [ -n "$1" ] && ROW_CASE=$1
    DETAILS+=("$ROW_CASE, $2: wall $GM_WALLS; $4 ${GV[$3]}")
    echo "   $2: wall $GM_WALL s, $4 ${GM[$3]} s, peak $GM_RSS_MB MB"
}

gistar_print_table() {
    local fmt='%-30s %-32s %8s %8s  %-40s %7s\n' row c t w i l m
    # shellcheck disable=SC2059  # the format is ours
    printf "$fmt" case tool "wall s" "work s" "(work = ...)" "peak MB"
    for row in "${ROWS[@]}"; do
        IFS='|' read -r c t w i l m <<<"$row"
        # shellcheck disable=SC2059
        printf "$fmt" "$c" "$t" "$w" "$i" "$l" "$m"
    done
}

gistar_ratio() {  # PEER OURS
    awk -v p="$1" -v o="$2" 'BEGIN { if (o > 0) printf "%.0fx", p / o; else print "- (ours took 0 s at this resolution)" }'
}

# "met (...)" or "MISSED (...)" for "at least TARGET times faster".
gistar_target_ratio() {  # TARGET PEER OURS
    awk -v t="$1" -v p="$2" -v o="$3" 'BEGIN {
        if (o <= 0) { print "met (ours below timer resolution)"; exit }
        r = p / o
        if (r >= t) printf "met (%.0fx)", r
        else printf "MISSED: %.0fx of %gx; would need %.3f s", r, t, p / t }'
}

# "met" or "MISSED (...)" for "under TARGET seconds".
gistar_target_seconds() {  # TARGET SECONDS
    awk -v t="$1" -v s="$2" 'BEGIN {
        if (s < t) printf "met (%s s)", s
        else printf "MISSED: %s s, %.2fx the target", s, s / t }'
}

# Agreement verdict for a max |z difference| (a number, or NA when nothing was compared).
gistar_z_verdict() {  # MAX_DIFF LIMIT [WHAT]
    awk -v d="$1" -v l="$2" -v what="${3:-max |dz|}" 'BEGIN {
        if (d == "NA" || d == "") { print "NOT COMPARED (no values on either side)"; exit }
        if (d + 0 < l + 0) printf "identical within %g (%s %s)", l, what, d
        else printf "!!! DIFFERENT: %s %s >= %g: the timings compare different answers !!!", what, d, l }'
}
