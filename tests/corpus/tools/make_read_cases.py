#!/usr/bin/env python3
"""Writes the READ-side cases of the malformed-input corpus (issue 9) into tests/corpus/cases/.

    tests/corpus/tools/make_read_cases.py

Every input starts from 20 good police.uk rows (those of stray_quote_costs_one_row with its
quote removed) or 20 fly-tipping rows inside the wards' extent (ogrinfo: 424555..445054 E,
283566..300367 N, plus the 1000 m margin), then breaks a known number of rows. The expected
figures below are reasoned from what each case breaks, never taken from the program's output;
`lines:` counts are computed by run_case.py itself. The files are committed; this script only
documents how they were made and can remake them.
"""
import gzip
import io
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "..", "cases")
REPO = os.path.join(HERE, "..", "..", "..")

POLICE_HEADER = ("Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
                 "Crime type,Last outcome category,Context")
FLY_HEADER = "reference,date_reported,easting,northing,waste_type,land_type"
FLY_ARGS = ("format=csv,s_srs=EPSG:27700,x=easting,y=northing,date=date_reported,date_format=DD/MM/YYYY,"
            "fixed_category=Fly-tipping,id=reference,location=land_type")


def police_rows():
    path = os.path.join(CASES, "stray_quote_costs_one_row", "street.csv")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0] == POLICE_HEADER
    return [line.replace('"On or near', "On or near") for line in lines[1:]]


def fly_rows():
    with gzip.open(os.path.join(REPO, "geodata", "flytipping", "brindleford_flytipping_2022-04_2025-03.csv.gz"), "rt") as f:
        lines = f.read().splitlines()
    assert lines[0] == FLY_HEADER
    rows = []
    for line in lines[1:]:
        ref, date, e, n, waste, land = line.split(",")
        if 423555 < float(e) < 446054 and 282566 < float(n) < 301366 and date.endswith("/2022"):
            rows.append(line)
        if len(rows) == 20:
            return rows
    raise SystemExit("not enough fly-tipping rows")


def field(row, k, value):
    f = row.split(",")
    f[k] = value
    return ",".join(f)


def write_case(name, files, case_lines):
    d = os.path.join(CASES, name)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for fname, data in files.items():
        if isinstance(data, str):
            data = data.encode("utf-8")
        with open(os.path.join(d, fname), "wb") as f:
            f.write(data)
    with open(os.path.join(d, "case.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(case_lines).strip() + "\n")


def broken(rows, column, changes):
    """A copy of rows with changes {row index: new value of column}."""
    out = list(rows)
    for k, value in changes.items():
        out[k] = field(out[k], column, value)
    return out


def counted_case(name, comment, files, run, accepted, read=20, lines=None, **rejected):
    """A case that exits 0 with read = accepted + the rejects given by reason."""
    spec = ["# " + comment, "run: " + run, "exit: 0"]
    spec += ["lines: %s=%d" % (name_, n) for name_, n in (lines or {}).items()]
    spec.append("rows: read=%d accepted=%d rejected=%d" % (read, accepted, sum(rejected.values())))
    spec += ["rejected: %s=%d" % (reason, n) for reason, n in rejected.items()]
    write_case(name, files, spec)


def refused_case(name, comment, files, run, exit_code, messages, checks=()):
    """A case that ends with exit_code and messages matching the given patterns."""
    spec = (["# " + comment] if comment else []) + ["run: " + run, "exit: %d" % exit_code]
    write_case(name, files, spec + ["message: " + m for m in messages] + ["check: " + c for c in checks])


def text(header, rows, eol="\n", final=True):
    body = eol.join([header] + rows)
    return body + (eol if final else "")


def gz(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as g:
        g.write(data)
    return buf.getvalue()


JOIN = "join --police {case}/street.csv --area {wards} -o {out}/o.gpkg"
JOIN_FLY = "join --input fly={case}/fly.csv," + FLY_ARGS + " --area {wards} -o {out}/o.gpkg"


def main():
    P = police_rows()
    F = fly_rows()
    assert len(P) == 20 and len(F) == 20
    LOC, TYPE, LON, LAT, MONTH, OUTCOME = 6, 9, 4, 5, 1, 10

    write_case("police_clean_control", {"street.csv": text(POLICE_HEADER, P)}, [
        "# The 20 rows every police.uk case breaks, unbroken: all accepted.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=20 rejected=0"])

    L21 = {"street.csv": 21}
    counted_case("police_quote_inside_unquoted_field",
                 "A quote inside an unquoted Location (On or near 5\" Lane) costs that row only.",
                 {"street.csv": text(POLICE_HEADER, broken(P, LOC, {7: 'On or near 5" Lane'}))}, JOIN, 19, lines=L21,
                 malformed_csv=1)
    counted_case("police_two_unclosed_quotes",
                 "Two quotes never closed, rows 3 and 12: police.uk rows never span lines, so 2 rows are lost, not 18.",
                 {"street.csv": text(POLICE_HEADER, broken(P, LOC, {2: '"On or near Brook Way', 11: '"On or near Mill Lane'}))},
                 JOIN, 18, lines=L21, malformed_csv=2)
    counted_case("police_unclosed_quote_last_line_no_newline",
                 "The last row opens a quote and the file has no final newline.",
                 {"street.csv": text(POLICE_HEADER, broken(P, LOC, {19: '"On or near Brook Way'}), final=False)}, JOIN, 19,
                 lines=L21, malformed_csv=1)
    counted_case("police_quote_and_wrong_count",
                 "A row with an unclosed quote and a 13th field: one reject, malformed_csv (quoting is checked first).",
                 {"street.csv": text(POLICE_HEADER, broken(P, LOC, {3: '"On or near Brook Way,extra'}))}, JOIN, 19,
                 lines=L21, malformed_csv=1)

    rows = list(P)
    rows[9] = ",".join(rows[9].split(",")[:11])
    write_case("police_wrong_column_count", {"street.csv": text(POLICE_HEADER, rows)}, [
        "# Row 10 has 11 fields, the header 12.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=19 rejected=1",
        "rejected: wrong_column_count=1"])

    # Line endings.
    write_case("lone_cr_line_endings", {"street.csv": text(POLICE_HEADER, P, eol="\r")}, [
        "# Classic Mac line endings: a lone CR ends a line, 20 rows, not one.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=20 rejected=0"])
    write_case("crlf_line_endings", {"street.csv": text(POLICE_HEADER, P, eol="\r\n")}, [
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=20 rejected=0"])
    mixed = POLICE_HEADER + "\r\n" + "".join(r + ("\n", "\r\n", "\r")[k % 3] for k, r in enumerate(P))
    write_case("mixed_line_endings", {"street.csv": mixed}, [
        "# LF, CRLF and lone CR in turn.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=20 rejected=0"])
    write_case("bom_crlf", {"street.csv": "\ufeff" + text(POLICE_HEADER, P, eol="\r\n")}, [
        "# A UTF-8 BOM (Excel) before the header and CRLF endings.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=20 rejected=0"])
    blank = POLICE_HEADER + "\n" + "\n".join(P[:5]) + "\n\n\r\n" + "\n".join(P[5:]) + "\n\n"
    write_case("blank_lines", {"street.csv": blank}, [
        "# Three blank lines (LF, CRLF, and one at the end) are skipped and counted, not rows.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=24", "rows: read=20 accepted=20 rejected=0"])

    # gzip faults.
    whole = gz(text(POLICE_HEADER, P))
    write_case("gzip_truncated", {"street.csv.gz": whole[: len(whole) // 2]}, [
        "# A download cut in half: an error naming the file, not a shorter file.",
        "run: join --police {case}/street.csv.gz --area {wards} -o {out}/o.gpkg", "exit: 3",
        "message: street\\.csv\\.gz", "message: truncated", "check: test ! -e o.gpkg"])
    write_case("gzip_trailer_cut", {"street.csv.gz": whole[:-4]}, [
        "# Only the last 4 bytes (of the CRC and length trailer) are missing: still truncated.",
        "run: join --police {case}/street.csv.gz --area {wards} -o {out}/o.gpkg", "exit: 3",
        "message: street\\.csv\\.gz.*truncated"])
    write_case("gzip_trailing_text", {"street.csv.gz": whole + (P[0] + "\n").encode()}, [
        "# A row appended as plain text after the gzip stream: refused, not half read.",
        "run: join --police {case}/street.csv.gz --area {wards} -o {out}/o.gpkg", "exit: 3",
        "message: street\\.csv\\.gz", "message: not gzip follows the end of the gzip stream"])
    write_case("gzip_zero_bytes", {"street.csv.gz": b""}, [
        "run: join --police {case}/street.csv.gz --area {wards} -o {out}/o.gpkg", "exit: 3",
        "message: street\\.csv\\.gz: the file is empty"])
    write_case("gzip_of_nothing", {"street.csv.gz": gz(b"")}, [
        "# A valid gzip stream of zero bytes.",
        "run: join --police {case}/street.csv.gz --area {wards} -o {out}/o.gpkg", "exit: 3",
        "message: street\\.csv\\.gz: the file is empty"])
    write_case("gzip_two_members", {"street.csv.gz": gz(text(POLICE_HEADER, P[:10])) + gz(text("", P[10:])[1:])}, [
        "# Two gzip members (cat a.gz b.gz) are one stream, as gzip -d reads them.",
        "run: join --police {case}/street.csv.gz --area {wards} -o {out}/o.gpkg", "exit: 0",
        "lines: street.csv.gz=21", "rows: read=20 accepted=20 rejected=0"])

    # Headers.
    write_case("header_duplicate_longitude", {"street.csv": text(POLICE_HEADER + ",Longitude", [r + ",-1.5" for r in P])}, [
        "# A second Longitude column: refused, naming the file and the column, not every row outside the area.",
        "run: " + JOIN, "exit: 3", "message: street\\.csv line 1", "message: 'Longitude' twice \\(fields 5 and 13\\)"])
    write_case("header_missing_crime_type", {"street.csv": text(POLICE_HEADER.replace(",Crime type", ""),
                                                                 [",".join(r.split(",")[:9] + r.split(",")[10:]) for r in P])}, [
        "run: " + JOIN, "exit: 3", "message: street\\.csv line 1: not a police\\.uk street-level file: no column 'Crime type'"])
    order = [9, 1, 0, 2, 3, 5, 4, 6, 7, 8, 10, 11]
    reorder = lambda line: ",".join(line.split(",")[k] for k in order)
    write_case("header_reordered", {"street.csv": text(reorder(POLICE_HEADER), [reorder(r) for r in P])}, [
        "# Columns found by name: a reordered file reads the same.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=20 rejected=0"])
    write_case("header_only", {"street.csv": POLICE_HEADER + "\n"}, [
        "# A month without crime: no rows, no error.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=1", "rows: read=0 accepted=0 rejected=0"])
    write_case("empty_file", {"street.csv": b""}, [
        "run: " + JOIN, "exit: 3", "message: street\\.csv: the file is empty"])
    write_case("not_police_header", {"street.csv": "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,"
                                                   "LSOA code,LSOA name,Outcome type\n,2022-04,B,B,-1.45,52.59,X,E0,L,Y\n"}, [
        "# An outcomes file given as street crime.",
        "run: " + JOIN, "exit: 3", "message: not a police\\.uk street-level file: no column 'Crime type'"])
    binary = b"SQLite format 3\x00\x10\x00\x01\x01\x00@  \x00\x00\x00\x02\n\x89PNG\r\n\x1a\n\x00\x00"
    write_case("binary_file", {"street.csv": binary}, [
        "# A binary file (a GeoPackage's first bytes) given as CSV: refused as not text.",
        "run: " + JOIN, "exit: 3", "message: street\\.csv line 1: the header is not UTF-8 text"])

    # Text that no output can hold.
    rows = list(P)
    rows[4] = field(rows[4], TYPE, "Bur\x00glary")
    write_case("nul_in_category", {"street.csv": text(POLICE_HEADER, rows)}, [
        "# A NUL in Crime type: one invalid_text reject, stored escaped; the GeoPackage is written (not exit 6).",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=19 rejected=1",
        "rejected: invalid_text=1",
        "check: python3 -c \"import sqlite3,sys; r=sqlite3.connect('o.gpkg').execute(\\\"SELECT raw FROM rejects\\\").fetchone()[0]; sys.exit(0 if 'Bur\\\\\\\\x00glary' in r else 1)\""])
    rows = list(P)
    rows[6] = field(rows[6], LOC, "On or near Caf\xe9 Street")
    write_case("latin1_location", {"street.csv": text(POLICE_HEADER, rows).encode("utf-8").replace(
        "Caf\xe9".encode("utf-8"), b"Caf\xe9")}, [
        "# A Latin-1 byte (0xE9) in Location: not UTF-8, one invalid_text reject.",
        "run: " + JOIN, "exit: 0", "lines: street.csv=21", "rows: read=20 accepted=19 rejected=1",
        "rejected: invalid_text=1"])
    rows = list(P)
    rows[8] = field(rows[8], OUTCOME, "Under\x00investigation")
    write_case("nul_in_unused_field", {"street.csv": text(POLICE_HEADER, rows)}, [
        "# A NUL in Last outcome category, which is not stored: the row is kept.",
        "run: " + JOIN, "exit: 0", "rows: read=20 accepted=20 rejected=0"])
    rows = list(P)
    rows[2] = field(rows[2], LOC, "\"On or near Caf\xe9")
    write_case("invalid_utf8_in_malformed_row", {"street.csv": text(POLICE_HEADER, rows).encode("utf-8").replace(
        "Caf\xe9".encode("utf-8"), b"Caf\xe9")}, [
        "# A malformed row holding a Latin-1 byte: its raw text is stored escaped, so the writer succeeds.",
        "run: " + JOIN, "exit: 0", "rows: read=20 accepted=19 rejected=1", "rejected: malformed_csv=1"])

    # Numbers.
    rows = list(P)
    rows[1] = field(rows[1], LON, "1e999")
    rows[2] = field(rows[2], LAT, "nan")
    rows[3] = field(rows[3], LON, "-inf")
    rows[4] = field(rows[4], LON, '"' + rows[4].split(",")[LON].replace(".", ",") + '"')
    rows[5] = field(rows[5], LON, "  " + rows[5].split(",")[LON] + " ")
    write_case("numbers_not_finite_or_comma", {"street.csv": text(POLICE_HEADER, rows)}, [
        "# 1e999, nan, -inf and a quoted decimal comma are rejected with the reason; spaces around a number are not a problem.",
        "run: " + JOIN, "exit: 0", "rows: read=20 accepted=16 rejected=4", "rejected: bad_coordinate=4",
        "check: python3 -c \"import sqlite3,sys; d=' '.join(r[0] for r in sqlite3.connect('o.gpkg').execute('SELECT detail FROM rejects')); sys.exit(0 if all(s in d for s in ('out of range','not a finite number','decimal comma')) else 1)\""])
    semicolon_rows = []
    for k, r in enumerate(F):
        f = r.split(",")
        if k in (3, 11):
            f[2] = f[2].replace(".", ",") if "." in f[2] else f[2] + ",5"
        semicolon_rows.append(";".join(f))
    write_case("semicolon_csv_decimal_comma", {"fly.csv": text(FLY_HEADER.replace(",", ";"), semicolon_rows)}, [
        "# A semicolon-separated export with decimal commas in two eastings: two bad_coordinate rejects saying why.",
        "run: join --input fly={case}/fly.csv," + FLY_ARGS + ",separator=; --area {wards} -o {out}/o.gpkg",
        "exit: 0", "lines: fly.csv=21", "rows: read=20 accepted=18 rejected=2", "rejected: bad_coordinate=2",
        "check: python3 -c \"import sqlite3,sys; n=sqlite3.connect('o.gpkg').execute(\\\"SELECT COUNT(*) FROM rejects WHERE detail LIKE '%decimal comma%'\\\").fetchone()[0]; sys.exit(0 if n==2 else 1)\""])

    # Generic CSV quoting: multi-line fields are legitimate there.
    write_case("generic_clean_control", {"fly.csv": text(FLY_HEADER, F)}, [
        "# The 20 fly-tipping rows every generic case breaks, unbroken: all accepted.",
        "run: " + JOIN_FLY, "exit: 0", "lines: fly.csv=21", "rows: read=20 accepted=20 rejected=0"])
    rows = list(F)
    rows[4] = field(rows[4], 5, '"Back\nalleyway"')
    write_case("generic_multiline_field_accepted", {"fly.csv": text(FLY_HEADER, rows)}, [
        "# A quoted land_type holding a line break: one record over two lines, accepted.",
        "run: " + JOIN_FLY, "exit: 0", "lines: fly.csv=22", "rows: read=20 accepted=20 rejected=0"])
    rows = list(F)
    rows[4] = field(rows[4], 5, '"Back alleyway')
    write_case("generic_unclosed_quote", {"fly.csv": text(FLY_HEADER, rows)}, [
        "# A quote never closed in row 5: it runs to the end of the file, so only row 5 is lost.",
        "run: " + JOIN_FLY, "exit: 0", "lines: fly.csv=21", "rows: read=20 accepted=19 rejected=1",
        "rejected: malformed_csv=1"])
    rows = list(F)
    rows[4] = field(rows[4], 5, '"Back alleyway')
    rows[9] = field(rows[9], 4, 'Tyres"')
    write_case("generic_quotes_balance_later", {"fly.csv": text(FLY_HEADER, rows)}, [
        "# An opening quote in row 5 and a stray one in row 10 balance, but rows 5-10 joined have 7 fields, not 6:",
        "# row 5 alone is rejected, rows 6-9 read again, and row 10 (its quote now unbalanced) is rejected too.",
        "run: " + JOIN_FLY, "exit: 0", "lines: fly.csv=21", "rows: read=20 accepted=18 rejected=2",
        "rejected: malformed_csv=2"])
    rows = list(F)
    rows[2] = field(rows[2], 1, "31/02/2022")
    write_case("generic_impossible_date", {"fly.csv": text(FLY_HEADER, rows)}, [
        "run: " + JOIN_FLY, "exit: 0", "rows: read=20 accepted=19 rejected=1", "rejected: bad_date=1"])

    # Months.
    rows = list(P)
    rows[0] = field(rows[0], MONTH, "0000-01")
    write_case("month_0000", {"street.csv": text(POLICE_HEADER, rows)}, [
        "# Year 0: a counted reject, not 14 million period rows; the period table covers 2022-04 only.",
        "run: run --police {case}/street.csv --area {wards} -o {out}/o.gpkg", "exit: 0",
        "rows: read=20 accepted=19 rejected=1", "rejected: month_out_of_range=1",
        "check: python3 -c \"import sqlite3,sys; n=sqlite3.connect('o.gpkg').execute(\\\"SELECT COUNT(DISTINCT period) FROM wards_periods WHERE period_type='month'\\\").fetchone()[0]; sys.exit(0 if n==1 else 1)\""])
    rows = list(P)
    rows[19] = field(rows[19], MONTH, "9999-12")
    write_case("month_9999", {"street.csv": text(POLICE_HEADER, rows)}, [
        "# Year 9999: a counted reject, not bad_alloc.",
        "run: run --police {case}/street.csv --area {wards} -o {out}/o.gpkg", "exit: 0",
        "rows: read=20 accepted=19 rejected=1", "rejected: month_out_of_range=1"])
    rows = list(P)
    for k in (0, 5, 10, 15, 19):
        rows[k] = field(rows[k], MONTH, "2021-12")
    write_case("month_range_configured", {"street.csv": text(POLICE_HEADER, rows)}, [
        "# analysis.min_month = 2022-01 rejects the 5 rows of 2021-12.",
        "run: join --police {case}/street.csv --area {wards} --set analysis.min_month=2022-01 -o {out}/o.gpkg",
        "exit: 0", "rows: read=20 accepted=15 rejected=5", "rejected: month_out_of_range=5"])
    STREET = {"street.csv": text(POLICE_HEADER, P)}
    refused_case("month_range_inverted", "", STREET,
                 "join --police {case}/street.csv --area {wards} --set analysis.min_month=2023-01 --set analysis.max_month=2022-12 -o {out}/o.gpkg",
                 2, ["analysis\\.min_month 2023-01 is after analysis\\.max_month 2022-12"])
    refused_case("month_range_wide_bounded",
                 "A range widened to 1800 lets a 1800-01 row in; the period table would span 2668 months: a clear error.",
                 {"street.csv": text(POLICE_HEADER, [field(P[0], MONTH, "1800-01")] + P[1:])},
                 "run --police {case}/street.csv --area {wards} --set analysis.min_month=1800-01 -o {out}/o.gpkg",
                 2, ["period tables cover at most 1200 months"], ["test ! -e o.gpkg"])

    # The same data twice.
    refused_case("same_file_twice", "--police f.csv repeated: refused, not 40 rows.", STREET,
                 "join --police {case}/street.csv --police {case}/street.csv --area {wards} -o {out}/o.gpkg",
                 2, ["is the same file as"], ["test ! -e o.gpkg"])
    refused_case("same_file_other_spelling", "", STREET,
                 "join --police {case}/street.csv --police {case}/./street.csv --area {wards} -o {out}/o.gpkg",
                 2, ["is the same file as"])
    write_case("same_month_csv_and_gz", {"2022-04-street.csv": text(POLICE_HEADER, P),
                                         "2022-04-street.csv.gz": gz(text(POLICE_HEADER, P))}, [
        "# A folder holding one month as .csv and .csv.gz: the same content (decompressed), refused.",
        "run: join --police {case} --area {wards} -o {out}/o.gpkg",
        "exit: 2", "message: has the same content \\(SHA-256\\) as", "message: 2022-04-street\\.csv"])
    write_case("overlapping_globs", {"a-street.csv": text(POLICE_HEADER, P[:10]), "b-street.csv": text(POLICE_HEADER, P[10:])}, [
        "run: join --police '{case}/*.csv' --police '{case}/a*.csv' --area {wards} -o {out}/o.gpkg",
        "exit: 2", "message: a-street\\.csv' is the same file as"])
    write_case("header_only_months_alike", {"2022-02-street.csv": POLICE_HEADER + "\n", "2022-03-street.csv": POLICE_HEADER + "\n",
                                            "2022-04-street.csv": text(POLICE_HEADER, P)}, [
        "# Two months without crime are identical header-only files: nothing to double count, so accepted.",
        "run: join --police {case} --area {wards} -o {out}/o.gpkg", "exit: 0",
        "rows: read=20 accepted=20 rejected=0"])

    # OGR point layers.
    feats = []
    for k, r in enumerate(F[:5]):
        ref, date, e, n, waste, land = r.split(",")
        geom = "null" if k == 2 else '{"type":"Point","coordinates":[%s,%s]}' % (e, n)
        feats.append('{"type":"Feature","properties":{"ref":"%s","date":"%s"},"geometry":%s}' % (ref, date, geom))
    geojson = ('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},'
               '"features":[' + ",".join(feats) + "]}\n")
    write_case("ogr_null_geometry", {"fly.geojson": geojson}, [
        "# A GeoJSON feature with a null geometry: a no_location reject, the other 4 accepted.",
        "run: join --input fly={case}/fly.geojson,format=ogr,date=date,date_format=DD/MM/YYYY,fixed_category=Fly-tipping,id=ref --area {wards} -o {out}/o.gpkg",
        "exit: 0", "rows: read=5 accepted=4 rejected=1", "rejected: no_location=1"])


if __name__ == "__main__":
    main()
