"""Our count intervals (interval_table's CSV) against SciPy: chi2.ppf for the exact limits and
poisson.sf(O - 1, E) / gammainc(O, E) for the upper-tail p. Exit 0 pass, 1 fail, 77 when SciPy
is absent.

    /usr/bin/python3 interval_oracle.py TABLE.csv
"""
import csv
import sys

try:
    from scipy.special import gammainc
    from scipy.stats import chi2, poisson
except ImportError:
    print("SKIP: SciPy not installed (apt-get install python3-scipy)")
    sys.exit(77)

rows = list(csv.DictReader(open(sys.argv[1])))
failures = 0


def check(label, pairs, tol=1e-9):
    global failures
    worst = max((abs(o - r) / max(1.0, abs(r)), o, r) for o, r in pairs)
    ok = len(pairs) > 0 and worst[0] <= tol
    failures += not ok
    print(f"  {'PASS' if ok else 'FAIL'} {label}: {len(pairs)} values, max abs/rel diff {worst[0]:.3g} (ours {worst[1]!r}, scipy {worst[2]!r})")


exact = [r for r in rows if r["method"] == "exact"]
check("exact lower = chi2.ppf(0.025, 2O)/2",
      [(float(r["lower"]), 0.0 if float(r["observed"]) == 0 else chi2.ppf(0.025, 2 * float(r["observed"])) / 2) for r in exact])
check("exact upper = chi2.ppf(0.975, 2O+2)/2",
      [(float(r["upper"]), chi2.ppf(0.975, 2 * float(r["observed"]) + 2) / 2) for r in exact])


def p_ref(o, e):
    if o <= 0:
        return 1.0
    return poisson.sf(o - 1, e) if o == int(o) else gammainc(o, e)


check("upper-tail p = poisson.sf(O-1, E), gammainc(O, E) for weighted O",
      [(float(r["p_upper"]), p_ref(float(r["observed"]), float(r["expected"]))) for r in rows], 1e-12)
sys.exit(1 if failures else 0)
