#!/usr/bin/env bash
# expect.sh EXIT_CODE REGEX COMMAND [ARGS...]: runs the command, passes when it exits
# with EXIT_CODE and its stdout+stderr match REGEX (grep -E).
set -uo pipefail
want_code="$1"; pattern="$2"; shift 2
output="$("$@" 2>&1)"
code=$?
if [ "$code" -ne "$want_code" ]; then
    echo "FAIL: exit code $code, expected $want_code"; echo "$output"; exit 1
fi
if ! grep -qE -- "$pattern" <<<"$output"; then
    echo "FAIL: output does not match /$pattern/"; echo "$output"; exit 1
fi
echo "ok: exit $code, output matches /$pattern/"
