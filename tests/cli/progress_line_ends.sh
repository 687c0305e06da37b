#!/usr/bin/env bash
# The progress line ("0...10...") must end before a message on stderr, so an error or a
# warning never reads "0..hotspot: ...". Progress goes to stdout whether or not it is a
# terminal (GDALTermProgress does not ask; -q turns it off), so stdout and stderr captured
# into one pipe show the same interleaving as a terminal.
#   progress_line_ends.sh HOTSPOT GEODATA_DIR CORPUS_CASES_DIR WORK_DIR
set -uo pipefail
hotspot=$1 geo=$2 corpus=$3 work=$4
rm -rf "$work" && mkdir -p "$work/police" || exit 1
failures=0

# expect NAME CODE MESSAGE_REGEX COMMAND...: exit code, progress shown, the message on a line of
# its own (starting "hotspot: "), and no progress mark followed by "hotspot:" on one line.
expect() {
    local name=$1 want=$2 message=$3
    shift 3
    local output code
    output=$("$@" 2>&1)
    code=$?
    local why=""
    [ "$code" -eq "$want" ] || why="exit code $code, expected $want"
    grep -qE '^0(\.|$)' <<<"$output" || why="${why:+$why; }no progress line was printed (the case tests nothing)"
    grep -qE "^hotspot: .*$message" <<<"$output" || why="${why:+$why; }no line starts with 'hotspot: ...$message'"
    grep -qE '[0-9.]hotspot:' <<<"$output" && why="${why:+$why; }a message follows the progress marks on the same line"
    if [ -n "$why" ]; then
        echo "FAIL $name: $why"; sed 's/^/    | /' <<<"$output"; failures=$((failures + 1))
    else
        echo "ok $name"
    fi
}

# An error: the embedded city's months, then a truncated download read after the areas.
ln -s "$geo"/police/*.csv.gz "$work/police/" &&
    cp "$corpus/gzip_truncated/street.csv.gz" "$work/police/2099-01-brindleford-street.csv.gz" || exit 1
expect error_after_progress 3 "truncated" \
    "$hotspot" join --police "$work/police" --area "wards=$geo/boundaries.gpkg,layer=wards" -of none
# A warning: a bandwidth wider than the data (printed after the bar is done today; kept so a
# warning moved before the end of the bar stays on its own line).
expect warning_after_progress 0 "warning: the bandwidth" \
    "$hotspot" density --overwrite -c "$geo/hotspot.ini" --bandwidth 60000 --cell 2000 -o "$work/wide.tif"
[ "$failures" -eq 0 ]
