#!/usr/bin/python3
"""Public outputs on real data: Merseyside police.uk street files (36 months) on Liverpool's LSOA11
polygons, written twice, for analysts and for the public. check-disclosure passes on the public
GeoPackage and fails on the analyst one; tests/report/disclosure_oracle.py checks the public LSOA
layer against the analyst one (shown values equal, every 1..9 hidden, derived measures blanked) and
audits 150 suppressed cells with GLPK; legend_bounds_oracle.py finds every class bound of the public
LSOA legend among the published values. Prints the cells suppressed (primary, secondary). The public
dashboard of the LSOAs passes check-disclosure and the analyst one fails, each small count it names
checked against the analyst GeoPackage.
Usage: disclosure_merseyside.py HOTSPOT WORKDIR. Skips (77) without ../shared/data.
"""
import os
import subprocess
import sys
import time

from merseyside_liverpool import paths

hotspot, work, data, folder, layer = paths()
oracle = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report", "disclosure_oracle.py")
area = f"lsoa={layer},id=LSOA11CD,name=LSOA11NM"
failures = []


def run(*args):
    t = time.time()
    p = subprocess.run([hotspot, *args], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr, time.time() - t


analyst, public = os.path.join(work, "analyst.gpkg"), os.path.join(work, "public.gpkg")
code, out, _ = run("run", "--police", folder, "--area", area, "-o", analyst, "--overwrite", "-q")
if code != 0:
    sys.exit("analyst run failed:\n" + out)
code, out, seconds = run("run", "--police", folder, "--area", area, "-o", public, "--overwrite", "--audience", "public")
if code != 0:
    sys.exit("public run failed:\n" + out)
print(next((l for l in out.splitlines() if l.startswith("disclosure:")), "no disclosure line"), f"({seconds:.1f} s)")
code, out, _ = run("check-disclosure", public)
print(out.strip().splitlines()[-1])
if code != 0:
    failures.append("check-disclosure fails on the public file:\n" + out[-2000:])
# The LSOA legend, independently of check-disclosure: every class bound is 0 or a published value.
legends = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "report", "legend_bounds_oracle.py")
p = subprocess.run(["/usr/bin/python3", legends, public, "lsoa"], capture_output=True, text=True)
print(p.stdout.strip())
if p.returncode != 0:
    failures.append("legend bounds oracle:\n" + p.stdout[-3000:] + p.stderr[-2000:])
code, out, _ = run("check-disclosure", analyst, "-q")
if code != 1 or "BREACH incidents geometry" not in out:
    failures.append(f"check-disclosure on the analyst file: exit {code}, expected 1 with the incidents layer named")
# Dashboards: the public one (from the public GeoPackage) passes check-disclosure; the analyst one fails,
# every small count it names being the GeoPackage's (tests/report/dashboard_breaches_oracle.py).
breaches_oracle = os.path.join(os.path.dirname(oracle), "dashboard_breaches_oracle.py")
for name, gpkg, extra, want in (("public", public, ["--audience", "public"], 0), ("analyst", analyst, [], 1)):
    site = os.path.join(work, f"dashboard_{name}")
    code, out, seconds = run("dashboard", gpkg, "--layers", "lsoa", "-o", site, "--overwrite", "-q", *extra)
    if code != 0:
        failures.append(f"{name} dashboard: exit {code}\n{out[-2000:]}")
        continue
    code, out, check_seconds = run("check-disclosure", site)
    print(f"{name} dashboard ({seconds:.1f} s): {out.strip().splitlines()[-1]} (checked in {check_seconds:.1f} s)")
    if code != want:
        failures.append(f"check-disclosure on the {name} dashboard: exit {code}, expected {want}:\n{out[-2000:]}")
    elif want == 1:
        listing = os.path.join(work, "dashboard_analyst.txt")
        open(listing, "w", encoding="utf-8").write(out)
        p = subprocess.run(["/usr/bin/python3", breaches_oracle, listing, analyst, site, "lsoa"], capture_output=True, text=True)
        print(p.stdout.strip())
        if p.returncode != 0:
            failures.append("dashboard breaches oracle:\n" + p.stdout[-3000:] + p.stderr[-2000:])
env = dict(os.environ, ORACLE_SAMPLE="150")
p = subprocess.run(["/usr/bin/python3", oracle, analyst, public, "10", "lsoa"], capture_output=True, text=True, env=env)
print(p.stdout.strip())
if p.returncode != 0:
    failures.append("oracle:\n" + p.stdout[-3000:] + p.stderr[-2000:])
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
