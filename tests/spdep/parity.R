# spdep parity for one `hotspot stats` GeoPackage: R rebuilds the neighbours from the output's
# own unit centres (or polygons, for queen) and recomputes Gi*, Local Moran's I and global
# Moran's I with spdep, then compares them with the gistar / lisa layers and
# statistics_summary.
#
#   Rscript parity.R OUT.gpkg band:M|knn:K|queen [POPULATION.csv KEY COLUMN]
#
# When the units were analysed as rates (value_measure rate_per_1000), value must equal
# incidents * 1000 / population, with the population read here from POPULATION.csv (KEY
# matched to unit_id) when given, else from the output's population field.
#
# Prints one line per check ("  PASS ..." / "  FAIL ..." / "  INFO ..."); exit status 0 when
# every check passed, 1 otherwise.
#
# Tolerances (METHODS.md, issue 4): 1e-9. Gi* z, Local Moran z and p, global Moran z: absolute.
# Ii, E.Ii, Var.Ii and global I / E / Var: absolute 1e-9, relative 1e-9 where |spdep| > 1 (the
# moments of a strong outlier reach the hundreds, where absolute 1e-9 is ~1e-12 relative).
suppressPackageStartupMessages({
    library(sf)
    library(spdep)
})

args <- commandArgs(trailingOnly = TRUE)
if (!(length(args) %in% c(2, 5))) stop("usage: Rscript parity.R OUT.gpkg band:M|knn:K|queen [POPULATION.csv KEY COLUMN]")
gpkg <- args[1]
spec <- strsplit(args[2], ":", fixed = TRUE)[[1]]
kind <- spec[1]
TOL <- 1e-9

failures <- 0
report <- function(ok, text) {
    ok <- isTRUE(ok)
    if (!ok) failures <<- failures + 1
    cat(sprintf("  %s %s\n", if (ok) "PASS" else "FAIL", text))
}
info <- function(text) cat(sprintf("  INFO %s\n", text))
fmt <- function(v) if (is.finite(v)) sprintf("%.3g", v) else as.character(v)

# Largest difference, absolute or (where |ref| > 1) relative; NA pairs must match exactly.
# Returns the worst difference and the units it happens at, for the message.
compare <- function(ours, ref, ids, relative) {
    na_ours <- is.na(ours)
    na_ref <- !is.finite(ref)
    d <- abs(ours - ref)
    if (relative) d <- d / pmax(1, abs(ref))
    d[na_ours | na_ref] <- NA
    worst <- if (all(is.na(d))) 0 else max(d, na.rm = TRUE)
    at <- if (worst > 0) ids[which.max(d)] else NA
    list(worst = worst, at = at, na_mismatch = ids[na_ours != na_ref])
}
check_values <- function(label, ours, ref, ids, relative = FALSE) {
    r <- compare(ours, ref, ids, relative)
    ok <- r$worst <= TOL && length(r$na_mismatch) == 0
    msg <- sprintf("%s: max %s diff %s%s", label, if (relative) "abs/rel" else "abs", fmt(r$worst),
                   if (!is.na(r$at)) sprintf(" (unit %s: ours %.17g, spdep %.17g)", r$at,
                                             ours[match(r$at, ids)], ref[match(r$at, ids)]) else "")
    if (length(r$na_mismatch) > 0)
        msg <- sprintf("%s; NULL/NA differ at %d unit(s): %s", msg, length(r$na_mismatch),
                       paste(head(r$na_mismatch, 10), collapse = ", "))
    report(ok, msg)
}

read_table <- function(layer) suppressWarnings(st_read(gpkg, layer, quiet = TRUE))
gi <- read_table("gistar")
li <- read_table("lisa")
n <- nrow(gi)
ids <- as.character(gi$unit_id)
if (anyDuplicated(ids)) stop("gistar: duplicate unit_id values")
li <- li[match(ids, as.character(li$unit_id)), ]
if (nrow(li) != n || anyNA(li$unit_id)) stop("lisa and gistar do not hold the same units")
cat(sprintf("  INFO %d units; value: sum %.6g, %d zero\n", n, sum(gi$value), sum(gi$value == 0)))
report(isTRUE(all.equal(gi$value, li$value, tolerance = 0)) &&
       isTRUE(all.equal(gi$centre_x, li$centre_x, tolerance = 0)),
       "lisa and gistar hold the same values and centres")

# ---- rates: value = incidents per 1,000 residents ----------------------------------------------
if ("value_measure" %in% names(gi) && all(gi$value_measure == "rate_per_1000")) {
    pop <- gi$population
    source <- "the output's population field"
    if (length(args) == 5) {
        csv <- read.csv(args[3], check.names = FALSE, colClasses = "character", fileEncoding = "UTF-8-BOM")
        pop <- as.numeric(csv[[args[5]]][match(ids, csv[[args[4]]])])
        source <- sprintf("%s column %s", basename(args[3]), args[5])
    }
    report(all(is.finite(pop) & pop > 0), sprintf("every unit has a population > 0 (%s)", source))
    check_values(sprintf("value vs incidents * 1000 / population (%s)", source), gi$value, gi$incidents * 1000 / pop, ids,
                 relative = TRUE)
    info(sprintf("value: incidents per 1,000 residents, %.4g .. %.4g", min(gi$value), max(gi$value)))
} else {
    report(isTRUE(all(gi$value == gi$incidents)) || any(gi$value_measure != "count"), "value equals incidents (counts)")
}

# ---- neighbours, rebuilt by spdep -------------------------------------------------------------
xy <- cbind(gi$centre_x, gi$centre_y)
nb <- switch(kind,
    band = dnearneigh(xy, 0, as.numeric(spec[2])),  # bounds GE/LE: the band is inclusive
    knn = knn2nb(knearneigh(xy, k = as.integer(spec[2]))),
    queen = poly2nb(st_geometry(gi), queen = TRUE),
    stop("unknown neighbours: ", args[2]))
card_r <- card(nb)
diff_card <- which(card_r != gi$n_neighbours)
if (length(diff_card) > 0) {
    report(FALSE, sprintf("n_neighbours differ from spdep at %d of %d units", length(diff_card), n))
    for (i in head(diff_card, 20)) {
        line <- sprintf("    unit %s (%s): ours %d, spdep %d", ids[i], gi$unit_name[i], gi$n_neighbours[i], card_r[i])
        if (kind == "queen") {
            # Why: poly2nb's queen rule needs a shared vertex (within snap); GEOS sees any
            # shared boundary point. List the touching polygons spdep left out or added.
            touching <- setdiff(st_intersects(st_geometry(gi)[i], st_geometry(gi))[[1]], i)
            listed <- setdiff(nb[[i]], 0L)
            extra <- setdiff(touching, listed)
            if (length(extra) > 0) {
                rel <- st_relate(st_geometry(gi)[i], st_geometry(gi)[extra])[1, ]
                line <- sprintf("%s; touching but not poly2nb neighbours: %s", line,
                                paste(sprintf("%s [DE-9IM %s]", ids[extra], rel), collapse = ", "))
            }
            missing <- setdiff(listed, touching)
            if (length(missing) > 0)
                line <- sprintf("%s; poly2nb neighbours that do not intersect: %s", line,
                                paste(ids[missing], collapse = ", "))
        }
        cat(line, "\n", sep = "")
    }
    if (kind == "queen") {
        info("queen neighbour counts differ: Gi* and LISA are not compared (our lists are not in the GeoPackage)")
        quit(status = 1)
    }
} else {
    report(TRUE, sprintf("n_neighbours equal spdep's card() at all %d units (%d without neighbours; %s)", n,
                         sum(card_r == 0), paste(range(card_r), collapse = "..")))
}

# ---- Gi*: localG on binary weights with self included -----------------------------------------
x <- gi$value
g_r <- as.numeric(localG(x, nb2listw(include.self(nb), style = "B")))
lonely <- gi$n_neighbours == 0
# spdep gives a self-only unit z = (x - mean) / S; we must report NULL there instead.
report(all(is.na(gi$gi_zscore[lonely])),
       sprintf("gi_zscore NULL at all %d units without neighbours", sum(lonely)))
g_ref <- g_r
g_ref[lonely] <- NA
check_values("Gi* z vs localG(include.self, B)", gi$gi_zscore, g_ref, ids)
p_ref <- 2 * pnorm(-abs(g_ref))
check_values("gi_pvalue vs 2 pnorm(-|z|)", gi$gi_pvalue, p_ref, ids)
# Bins: +-3/2/1 at p < 0.01/0.05/0.10 (two-sided), and the same on Benjamini-Hochberg adjusted p.
# Where z is NULL the bins may be NULL or 0 (both read as "no bin").
bin_of <- function(p, z) ifelse(is.na(p), 0L, sign(z) * ((p < 0.10) + (p < 0.05) + (p < 0.01)))
no_bin <- function(b) ifelse(is.na(b), 0L, b)
bin_ref <- bin_of(p_ref, g_ref)
n_bad <- sum(no_bin(gi$gi_bin) != bin_ref)
report(n_bad == 0, sprintf("gi_bin from spdep's z (%d unit(s) differ)", n_bad))
bin_fdr_ref <- bin_of(p.adjust(p_ref, "BH"), g_ref)
n_bad <- sum(no_bin(gi$gi_bin_fdr) != bin_fdr_ref)
report(n_bad == 0, sprintf("gi_bin_fdr from p.adjust(BH) over units with a p value (%d unit(s) differ)", n_bad))

# ---- Local Moran's I: localmoran on row-standardised weights ----------------------------------
lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
lm_r <- localmoran(li$value, lw, zero.policy = TRUE)  # conditional = TRUE, mlvar = TRUE
report(all(li$n_neighbours == card_r), "lisa n_neighbours equal spdep's card()")
# spdep with zero.policy gives a unit without neighbours Ii = 0, E.Ii = 0, Var.Ii = 0 and
# Z.Ii NaN; we report all of them NULL there (not computed), which is what we require.
lonely_l <- li$n_neighbours == 0
if (any(lonely_l)) {
    cols <- c("local_i", "expected_i", "variance_i", "z_i", "p_analytic")
    report(all(is.na(as.matrix(st_drop_geometry(li)[lonely_l, cols]))),
           sprintf("local_i/expected_i/variance_i/z_i/p_analytic NULL at all %d units without neighbours", sum(lonely_l)))
    lm_r[lonely_l, ] <- NA
}
check_values("local_i vs Ii", li$local_i, lm_r[, "Ii"], ids, relative = TRUE)
check_values("expected_i vs E.Ii", li$expected_i, lm_r[, "E.Ii"], ids, relative = TRUE)
check_values("variance_i vs Var.Ii", li$variance_i, lm_r[, "Var.Ii"], ids, relative = TRUE)
check_values("z_i vs Z.Ii", li$z_i, lm_r[, "Z.Ii"], ids)
check_values("p_analytic vs Pr(z != E(Ii))", li$p_analytic, lm_r[, 5], ids)
lag_raw <- lag.listw(lw, li$value, zero.policy = TRUE)
lag_centred <- lag.listw(lw, li$value - mean(li$value), zero.policy = TRUE)
lag_kind <- if (isTRUE(all.equal(li$lag, lag_raw, tolerance = 1e-12))) "lag.listw(value)" else
    if (isTRUE(all.equal(li$lag, lag_centred, tolerance = 1e-12))) "lag.listw(value - mean)" else "neither raw nor centred lag.listw"
info(sprintf("lag column equals %s", lag_kind))

# ---- global Moran's I ---------------------------------------------------------------------------
summ <- read_table("statistics_summary")
gm <- summ[summ$statistic == "global_moran", ]
mt <- moran.test(li$value, lw, zero.policy = TRUE)  # randomisation = TRUE
ref <- c(I = unname(mt$estimate[1]), expected = unname(mt$estimate[2]), variance = unname(mt$estimate[3]),
         z = unname(mt$statistic))
for (m in names(ref)) {
    v <- as.numeric(gm$value[gm$measure == m])
    if (length(v) != 1) {
        report(FALSE, sprintf("statistics_summary has %d global_moran/%s rows", length(v), m))
        next
    }
    check_values(sprintf("global Moran %s vs moran.test", m), v, ref[[m]], "global", relative = m != "z")
}

quit(status = if (failures == 0) 0 else 1)
