"""Oracle: hotspot's Spearman rho and two-sided p equal scipy.stats.spearmanr's on seeded
samples (continuous, heavy ties, integer counts, large n, tiny n) to 1e-12 relative.
Usage: spearman_scipy.py SPEARMAN_CHECK_BINARY. Exit 77 (skip) when SciPy is absent."""
import subprocess
import sys

try:
    import numpy as np
    from scipy import stats
except ImportError:
    print("SKIP: spearman_scipy needs numpy and scipy (/usr/bin/python3 on Debian: python3-scipy)")
    sys.exit(77)

rng = np.random.default_rng(20261130)
cases = []
for n in (3, 4, 7, 30, 659, 5000):
    x = rng.normal(size=n)
    cases.append((x, 0.4 * x + rng.normal(size=n)))             # continuous, correlated
    cases.append((rng.integers(0, 4, n), rng.integers(0, 3, n)))  # heavy ties both sides
    cases.append((rng.poisson(3, n), rng.gamma(2.0, 10.0, n)))    # counts vs scores
cases.append((np.arange(10.0), np.arange(10.0) ** 3))             # perfect: p = 0
lines = "".join(" ".join(repr(float(v)) for v in x) + "|" + " ".join(repr(float(v)) for v in y) + "\n" for x, y in cases)
out = subprocess.run([sys.argv[1]], input=lines, capture_output=True, text=True, check=True).stdout.splitlines()
assert len(out) == len(cases), out
failed = 0
for (x, y), got in zip(cases, out):
    if got.startswith("error"):
        if np.all(x == x[0]) or np.all(y == y[0]):
            continue  # a constant side is refused by hotspot; scipy returns nan
        print("unexpected refusal:", got, "n =", len(x)); failed += 1; continue
    n, rho, t, p = got.split()
    ref = stats.spearmanr(x, y)
    close_p = abs(float(p) - ref.pvalue) <= 1e-12 * ref.pvalue
    if abs(ref.statistic) > 1 - 1e-12:  # perfect: scipy's rho is 1 - 1e-16, its p ~1e-64; ours exactly 1 and 0
        close_p = float(p) == 0 and ref.pvalue < 1e-50
    ok = int(n) == len(x) and abs(float(rho) - ref.statistic) <= 1e-12 * max(1, abs(ref.statistic)) and close_p
    print(("ok  " if ok else "FAIL"), "n=%d rho %s vs %.17g, p %s vs %.17g" % (len(x), rho, ref.statistic, p, ref.pvalue))
    failed += not ok
print(len(cases), "cases,", failed, "failed")
sys.exit(1 if failed else 0)
