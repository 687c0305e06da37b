# spdep parity for Empirical Bayes on real areas (case e_eb): R reads the same polygons, counts
# and populations itself, rebuilds queen neighbours with poly2nb and recomputes EBest and
# EBlocal (spdep 1.2) and the over-representation figures (qchisq / Byar / ppois), then compares
# them with eb_table's CSV (our eb_global / eb_local with our queen_contiguity, over_representation).
#
#   Rscript eb_parity.R OURS.csv POLYGONS.gpkg ID_FIELD FILTER_FIELD FILTER_VALUE COUNTS.csv KEY COLUMN POPULATION.csv KEY COLUMN
#
# Tolerance 1e-9, relative where |spdep| > 1. Prints PASS / FAIL / INFO lines; exit 1 on a failure.
suppressPackageStartupMessages({
    library(sf)
    library(spdep)
})
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 11) stop("usage: Rscript eb_parity.R OURS.csv POLYGONS ID_FIELD FILTER_FIELD FILTER_VALUE COUNTS KEY COLUMN POPULATION KEY COLUMN")
TOL <- 1e-9
MONTHS <- 25  # the counts' period (lsoa_ranking.csv: 2024-04..2026-04), for the per-year rate shown
failures <- 0
report <- function(ok, text) {
    if (!isTRUE(ok)) failures <<- failures + 1
    cat(sprintf("  %s %s\n", if (isTRUE(ok)) "PASS" else "FAIL", text))
}
check <- function(label, ours, ref, ids) {
    d <- abs(ours - ref) / pmax(1, abs(ref))
    w <- which.max(d)
    report(length(ours) == length(ref) && all(is.finite(d)) && max(d) <= TOL,
           sprintf("%s: %d areas, max abs/rel diff %.3g (area %s: ours %.17g, R %.17g)", label, length(ours), max(d),
                   ids[w], ours[w], ref[w]))
}

ours <- read.csv(args[1], stringsAsFactors = FALSE, colClasses = c(id = "character", neighbours = "character"))
polys <- st_read(args[2], quiet = TRUE)
polys <- polys[polys[[args[4]]] == args[5], ]
ids <- as.character(polys[[args[3]]])
counts <- read.csv(args[6], stringsAsFactors = FALSE)
pop <- read.csv(gzfile(args[9]), stringsAsFactors = FALSE, check.names = FALSE)
n <- counts[[args[8]]][match(ids, counts[[args[7]]])]
x <- pop[[args[11]]][match(ids, pop[[args[10]]])]
report(!anyNA(n) && !anyNA(x), sprintf("%d areas where %s = %s, every one with a count and a population", length(ids), args[4], args[5]))
report(identical(sort(ours$id), sort(ids)), sprintf("the same %d area ids in ours", nrow(ours)))
ours <- ours[match(ids, ours$id), ]
report(isTRUE(all.equal(ours$events, n, tolerance = 0)) && isTRUE(all.equal(ours$population, x, tolerance = 0)),
       sprintf("counts (sum %s) and populations (sum %s) read the same", format(sum(n), big.mark = ","), format(sum(x), big.mark = ",")))

nb <- poly2nb(polys, queen = TRUE)
ours_nb <- lapply(strsplit(ours$neighbours, ";", fixed = TRUE), function(v) sort(match(v, ids)))
spdep_nb <- lapply(seq_along(nb), function(i) if (nb[[i]][1] == 0) integer(0) else sort(as.integer(nb[[i]])))
differ <- which(!mapply(identical, ours_nb, spdep_nb))
report(length(differ) == 0, sprintf("queen neighbours equal poly2nb's (%d links, mean %.2f)%s", sum(card(nb)), mean(card(nb)),
                                    if (length(differ)) paste0("; differ at ", paste(head(ids[differ], 10), collapse = ", ")) else ""))

g <- EBest(n, x)
pg <- attr(g, "parameters")
cat(sprintf("  INFO EBest a = %.15g, b = %.15g (rate per resident over the counts' period)\n", pg$a, pg$b))
check("EBest a", ours$ebest_a[1], pg$a, ids[1])
check("EBest b", ours$ebest_b[1], pg$b, ids[1])
check("raw rate n/x", ours$raw, g$raw, ids)
check("EBest estmm", ours$ebest, g$estmm, ids)

l <- EBlocal(n, x, nb)
check("EBlocal est", ours$eblocal, l$est, ids)
check("EBlocal a (clamped at 0)", ours$eblocal_a, attr(l, "parameters")$a, ids)
cat(sprintf("  INFO EBlocal: %d area(s) with a = 0\n", sum(attr(l, "parameters")$a == 0)))

# Over-representation (PHE 95 %: exact below 10 events, Byar from 10), written out here.
E <- x * sum(n) / sum(x)
z <- qnorm(0.975)
L <- ifelse(n < 10, ifelse(n == 0, 0, qchisq(0.025, 2 * n) / 2), n * (1 - 1 / (9 * n) - z / (3 * sqrt(n)))^3)
U <- ifelse(n < 10, qchisq(0.975, 2 * n + 2) / 2, (n + 1) * (1 - 1 / (9 * (n + 1)) + z / (3 * sqrt(n + 1)))^3)
check("expected E = population x city rate", ours$expected, E, ids)
check("SIR O/E", ours$sir, n / E, ids)
check("SIR lower L/E", ours$sir_lower, L / E, ids)
check("SIR upper U/E", ours$sir_upper, U / E, ids)
check("upper-tail p = 1 - ppois(O - 1, E)", ours$p_upper, 1 - ppois(n - 1, E), ids)
report(all(ours$rule == ifelse(n < 10, "exact", "byar")), sprintf("rule: %d exact (O < 10), %d Byar", sum(n < 10), sum(n >= 10)))
flag <- ifelse(L / E > 1, 1, ifelse(U / E < 1, -1, 0))
report(all(ours$flag == flag), sprintf("flags: %d above 1, %d below 1, %d neither", sum(flag == 1), sum(flag == -1), sum(flag == 0)))
cat(sprintf("  INFO city rate %.9g per 1,000 residents per year over %d months\n", 1000 * sum(n) / sum(x) * 12 / MONTHS, MONTHS))
top <- order(-n / E)[1:3]
cat(sprintf("  INFO top SIR: %s\n", paste(sprintf("%s %.3f", ids[top], (n / E)[top]), collapse = ", ")))

for (id in intersect(c("E01033620", "E01009239"), ids)) {
    i <- match(id, ids)
    cat(sprintf("  INFO %s raw %.15g EBest %.15g EBlocal %.15g\n", id, g$raw[i], g$estmm[i], l$est[i]))
}
quit(status = if (failures == 0) 0 else 1)
