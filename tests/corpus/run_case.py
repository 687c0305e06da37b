#!/usr/bin/env python3
"""Runs one case of the malformed-input corpus (tests/corpus/cases/NAME/case.txt).

    run_case.py HOTSPOT_BINARY CASE_DIR OUT_DIR GEODATA

A case file holds one `key: value` per line (# starts a comment); keys may repeat where noted:

    run:      the hotspot arguments. {case} is the case folder, {out} an empty folder for this
              run, {geodata} the embedded city, {wards} its ward layer as an --area argument,
              {hotspot} the binary (also in setup: and check: lines).
    wrap:     a command line that runs hotspot: "$0" and "$@" in it are the binary and its
              arguments, e.g. bash -c 'trap "" XFSZ; ulimit -f 64; exec "$0" "$@"' for a
              full disk, or setpriv --reuid=65534 ... for a user who is not root.
    exit:     the expected exit code.
    message:  a regular expression that stdout+stderr must match (repeatable).
    absent:   a regular expression that stdout+stderr must NOT match (repeatable).
    rows:     read=N accepted=N rejected=N (any of them), checked against the run_report of
              the GeoPackage named by `report:` (default {out}/o.gpkg).
    rejected: REASON=N, the run report's count of rejects for one reason (repeatable).
    lines:    FILE=N: the test's own count of physical lines in FILE (in the case folder;
              gunzipped when it ends in .gz), so the expected figures rest on an independent
              count, not on the reader's (repeatable).
    setup:    a shell command run first, in OUT_DIR (repeatable).
    check:    a shell command that must succeed afterwards, in OUT_DIR (repeatable).

Prints what it checked; exits 0 when every expectation holds, 1 otherwise.
"""
import gzip
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys


def parse_case(path):
    case = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key, sep, value = line.partition(":")
            if not sep:
                raise SystemExit(f"{path}:{number}: expected 'key: value', got {line!r}")
            case.setdefault(key.strip(), []).append(value.strip())
    for key in case:
        if key not in {"run", "wrap", "exit", "message", "absent", "rows", "rejected", "lines", "setup", "check", "report"}:
            raise SystemExit(f"{path}: unknown key {key!r}")
    if "run" not in case or "exit" not in case:
        raise SystemExit(f"{path}: a case needs run: and exit:")
    return case


def physical_lines(path):
    """Lines as a person counts them: \\n, \\r\\n and a lone \\r each end one."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    if not data:
        return 0
    count = data.count(b"\r\n")
    count += data.count(b"\n") - data.count(b"\r\n")
    count += data.count(b"\r") - data.count(b"\r\n")
    if not data.endswith((b"\n", b"\r")):
        count += 1
    return count


def report_counters(gpkg):
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    try:
        rows = con.execute("SELECT key, value FROM run_report WHERE section = 'counter'").fetchall()
    finally:
        con.close()
    return dict(rows)


def main():
    binary, case_dir, out, geodata = sys.argv[1:5]
    case = parse_case(os.path.join(case_dir, "case.txt"))
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    subst = {"{hotspot}": binary, "{case}": case_dir, "{out}": out, "{geodata}": geodata,
             "{wards}": f"wards={geodata}/boundaries.gpkg,layer=wards,id=ward_code,name=ward_name"}

    def fill(text):
        for k, v in subst.items():
            text = text.replace(k, v)
        return text

    failures = []
    for command in case.get("setup", []):
        subprocess.run(fill(command), shell=True, cwd=out, check=True)

    args = [binary] + shlex.split(fill(case["run"][0]))
    if "wrap" in case:
        args = shlex.split(fill(case["wrap"][0])) + args
    proc = subprocess.run(args, cwd=out, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    output = proc.stdout.decode("utf-8", "replace")
    print("$", " ".join(shlex.quote(a) for a in args))
    print(output.rstrip())

    want = int(case["exit"][0])
    if proc.returncode != want:
        failures.append(f"exit code {proc.returncode}, expected {want}")
    for pattern in case.get("message", []):
        if not re.search(pattern, output, re.M):
            failures.append(f"output does not match /{pattern}/")
    for pattern in case.get("absent", []):
        if re.search(pattern, output, re.M):
            failures.append(f"output matches /{pattern}/, which it must not")

    for spec in case.get("lines", []):
        name, _, n = spec.partition("=")
        got = physical_lines(os.path.join(case_dir, name.strip()))
        if got != int(n):
            failures.append(f"{name.strip()} has {got} physical lines, the case says {n}")

    if "rows" in case or "rejected" in case:
        gpkg = fill(case.get("report", ["{out}/o.gpkg"])[0])
        if not os.path.exists(gpkg):
            failures.append(f"no report to check rows in: {gpkg} was not written")
        else:
            counters = report_counters(gpkg)
            names = {"read": "rows_read", "accepted": "accepted", "rejected": "rejected"}
            for spec in case.get("rows", []):
                for item in spec.split():
                    key, _, n = item.partition("=")
                    got = counters.get(names[key])
                    if got is None or int(got) != int(n):
                        failures.append(f"run report: {names[key]} = {got}, expected {n}")
            for spec in case.get("rejected", []):
                reason, _, n = spec.partition("=")
                got = counters.get("rejected " + reason.strip(), "0")
                if int(got) != int(n):
                    failures.append(f"run report: rejected {reason.strip()} = {got}, expected {n}")

    for command in case.get("check", []):
        if subprocess.run(fill(command), shell=True, cwd=out).returncode != 0:
            failures.append(f"check failed: {command}")

    for f in failures:
        print("FAIL:", f)
    if not failures:
        print("ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
