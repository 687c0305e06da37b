# shellcheck shell=bash
# Helpers for tools/bench-density (sourced after tools/bench/lib.sh, not run).
# The caller sets `set -euo pipefail`; everything here keeps to that.

DENSITY_CASE=""
TABLE=()      # "case|tool|wall|inner|inner label|peak MB|ratio wall|ratio inner"
DETAILS=()    # every run's wall and inner times
# shellcheck disable=SC2034  # filled and printed by tools/bench-density
AGREEMENT=()  # value checks
# shellcheck disable=SC2034
TARGETS=()    # the issue's targets, met or missed

# The tool's own timing of its work, from one run's output (a file).
density_inner_value() {  # KEY FILE
    case "$1" in
        qgis_seconds) sed -n 's/.* seconds=\([0-9.]*\).*/\1/p' "$2" | tail -1 ;;
        sklearn_seconds) awk '/^fit_seconds:/ { s += $2 } /^score_seconds:/ { s += $2 } END { printf "%.3f\n", s }' "$2" ;;
        *) bench_value "$2" "$1" ;;
    esac
}

# Runs a command REPEAT times under GNU time (bench_measure, one run at a time) and sets
#   D_WALL D_WALLS   median and every wall time (s)
#   D_INNER D_INNERS median and every value of the tool's own timing KEY (see density_inner_value)
#   D_RSS_MB         highest peak RSS (MB)
density_measure() {  # REPEAT KEY OUT command...
    local repeat=$1 key=$2 out=$3 i v
    shift 3
    local walls=() inners=() rss=0
    for ((i = 1; i <= repeat; i++)); do
        bench_measure 1 "$out" "$@"
        walls+=("$BENCH_WALL")
        v=$(density_inner_value "$key" "$out")
        [ -n "$v" ] || { cat "$out" >&2; bench_die "no $key in the output of: $*"; }
        inners+=("$v")
        [ "$BENCH_RSS_MB" -gt "$rss" ] && rss=$BENCH_RSS_MB
    done
    D_WALLS="${walls[*]}"
    D_INNERS="${inners[*]}"
    D_WALL=$(bench_median "${walls[@]}")
    D_INNER=$(bench_median "${inners[@]}")
    D_RSS_MB=$rss
}

density_ratio() {  # PEER OURS
    awk -v p="$1" -v o="$2" 'BEGIN { if (o > 0) printf "%.1fx", p / o; else print "-" }'
}

# "met" or "MISSED (...)" for "at least TARGET times faster".
density_target_ratio() {  # TARGET PEER OURS
    awk -v t="$1" -v p="$2" -v o="$3" 'BEGIN {
        r = p / o
        if (r >= t) printf "met (%.1fx)", r
        else printf "MISSED: %.1fx of %gx; would need %.2f s, %.1fx faster than now", r, t, p / t, o / (p / t) }'
}

# "met" or "MISSED (...)" for "under TARGET seconds".
density_target_seconds() {  # TARGET SECONDS
    awk -v t="$1" -v s="$2" 'BEGIN {
        if (s < t) printf "met"
        else printf "MISSED by %.1f s (%.2fx the target)", s - t, s / t }'
}

# Adds the last density_measure to the table; with PEER_WALL PEER_INNER, also the ratios.
density_row() {  # CASE TOOL INNER_LABEL [PEER_WALL PEER_INNER]
    local ratio_wall="" ratio_inner=""
    if [ $# -ge 5 ]; then
        ratio_wall=$(density_ratio "$4" "$D_WALL")
        ratio_inner=$(density_ratio "$5" "$D_INNER")
    fi
    TABLE+=("$1|$2|$D_WALL|$D_INNER|$3|$D_RSS_MB|$ratio_wall|$ratio_inner")
    [ -n "$1" ] && DENSITY_CASE=$1
    DETAILS+=("$DENSITY_CASE, $2: wall $D_WALLS; $3 $D_INNERS")
    echo "   $2: wall $D_WALL s, $3 $D_INNER s, peak $D_RSS_MB MB"
}

density_print_table() {
    local fmt='%-22s %-28s %9s %12s  %-20s %8s %10s %11s\n'
    # shellcheck disable=SC2059  # the format is ours
    printf "$fmt" case tool "wall s" "work s" "(work = ...)" "peak MB" "peer/wall" "peer/work"
    local row
    for row in "${TABLE[@]}"; do
        IFS='|' read -r c t w i l m rw ri <<<"$row"
        # shellcheck disable=SC2059
        printf "$fmt" "$c" "$t" "$w" "$i" "$l" "$m" "$rw" "$ri"
    done
}

# One extra run under perf; prints the symbols taking the most samples (both threads).
density_profile() {  # LABEL PREFIX command...
    local label=$1 prefix=$2
    shift 2
    echo "Profile: $label (perf record, one run; share of samples per symbol)"
    if ! perf record -q -F 999 -o "$prefix.data" "$@" >"$prefix.out" 2>"$prefix.err"; then
        sed 's/^/  /' "$prefix.err" | tail -5
        echo "  (perf record failed)"
        return 0
    fi
    # Symbols shortened: template arguments and parameter lists say nothing here.
    perf report -i "$prefix.data" --no-children --sort dso,symbol --stdio 2>/dev/null |
        grep -E '^ +[0-9.]+%' | awk 'NR <= 12' |
        sed -E 's/\(anonymous namespace\)/anon/g; :a; s/<[^<>]*>//g; s/\([^()]*\)//g; ta; s/ +$//' |
        cut -c1-150 | sed 's/^/  /; s/ *$//'
}
