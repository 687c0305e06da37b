# The spdep side of tools/bench-gistar, on the units of a `hotspot stats` GeoPackage (so both
# tools see the same cells and values). Prints "key: value" lines.
#
#   Rscript gistar_spdep.R localg OUT.gpkg BAND_M
#       dnearneigh(centres, 0, BAND) + include.self + nb2listw(style = "B") + localG, each
#       timed, and the largest |z difference| to our gi_zscore (units without neighbours, where
#       we report NULL and spdep a self-only z, are left out and counted).
#   Rscript gistar_spdep.R perm OUT.gpkg NSIM
#       poly2nb(queen) + nb2listw(style = "W") + localmoran_perm(nsim = NSIM), timed; the
#       largest relative |Ii difference| to our local_i (localmoran_perm's E.Ii, Var.Ii and Z.Ii
#       come from its permutations, so they are not compared), and how often its folded
#       pseudo p and our p_sim agree on p < 0.05 (both random: close to, not exactly, 1); and,
#       untimed, our analytic E/Var/z against localmoran's (values and where they are missing).
suppressPackageStartupMessages({
    library(sf)
    library(spdep)
})

args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]
gpkg <- args[2]
param <- as.numeric(args[3])

elapsed <- function(expr) {
    t0 <- proc.time()[["elapsed"]]
    force(expr)
    proc.time()[["elapsed"]] - t0
}
say <- function(key, value) cat(sprintf("%s: %s\n", key, value))
max_diff <- function(a, b) {
    d <- abs(a - b)
    if (all(is.na(d))) NA else max(d, na.rm = TRUE)
}

# dnearneigh falls back to an all-pairs C loop when dbscan (its k-d tree) is missing.
say("spdep_version", as.character(packageVersion("spdep")))
say("spdep_kd_tree", if (requireNamespace("dbscan", quietly = TRUE)) "dbscan" else "none (dbscan not installed: all pairs)")

if (mode == "localg") {
    u <- st_drop_geometry(st_read(gpkg, "gistar", quiet = TRUE))
    xy <- cbind(u$centre_x, u$centre_y)
    t_nb <- elapsed(nb <- dnearneigh(xy, 0, param))
    t_self <- elapsed(nbs <- include.self(nb))
    t_lw <- elapsed(lw <- nb2listw(nbs, style = "B"))
    t_g <- elapsed(z <- as.numeric(localG(u$value, lw)))
    lonely <- card(nb) == 0
    say("units", nrow(u))
    say("neighbour_counts_equal", all(card(nb) == u$n_neighbours))
    say("without_neighbours", sum(lonely))
    say("max_abs_z_diff", sprintf("%.3g", max_diff(u$gi_zscore[!lonely], z[!lonely])))
    say("null_mismatch", sum(is.na(u$gi_zscore) != (lonely | !is.finite(z))))
    say("dnearneigh_seconds", sprintf("%.3f", t_nb))
    say("include_self_seconds", sprintf("%.3f", t_self))
    say("nb2listw_seconds", sprintf("%.3f", t_lw))
    say("localg_seconds", sprintf("%.3f", t_g))
    say("pipeline_seconds", sprintf("%.3f", t_nb + t_self + t_lw + t_g))
} else if (mode == "perm") {
    u <- st_read(gpkg, "lisa", quiet = TRUE)
    t_nb <- elapsed(nb <- poly2nb(st_geometry(u), queen = TRUE))
    t_lw <- elapsed(lw <- nb2listw(nb, style = "W", zero.policy = TRUE))
    t_p <- elapsed(lp <- localmoran_perm(u$value, lw, nsim = param, zero.policy = TRUE, iseed = 1))
    say("units", nrow(u))
    say("neighbour_counts_equal", all(card(nb) == u$n_neighbours))
    say("max_rel_ii_diff", sprintf("%.3g", max_diff(u$local_i / pmax(1, abs(lp[, "Ii"])), lp[, "Ii"] / pmax(1, abs(lp[, "Ii"])))))
    agree <- (u$p_sim < 0.05) == (lp[, "Pr(folded) Sim"] < 0.05)
    say("p_sim_agreement", sprintf("%.4f", mean(agree, na.rm = TRUE)))
    say("p_sim_null", sum(is.na(u$p_sim)))
    # The analytic moments (localmoran, untimed) on the same weights: NULL must match NA/NaN.
    lm <- localmoran(u$value, lw, zero.policy = TRUE)
    say("max_abs_z_diff", sprintf("%.3g", max_diff(u$z_i, lm[, "Z.Ii"])))
    moments <- cbind(u$expected_i, u$variance_i, u$z_i)
    differ <- which(rowSums(is.na(moments) != !is.finite(lm[, c("E.Ii", "Var.Ii", "Z.Ii")])) > 0)
    say("moment_null_mismatch", length(differ))
    for (i in head(differ, 5))
        say("moment_null_mismatch_unit", sprintf("%s value %g (mean %g): ours E %s Var %s z %s; spdep E.Ii %s Var.Ii %s Z.Ii %s",
            u$unit_id[i], u$value[i], mean(u$value), u$expected_i[i], u$variance_i[i], u$z_i[i],
            lm[i, "E.Ii"], lm[i, "Var.Ii"], lm[i, "Z.Ii"]))
    say("poly2nb_seconds", sprintf("%.3f", t_nb))
    say("localmoran_perm_seconds", sprintf("%.3f", t_p))
    say("pipeline_seconds", sprintf("%.3f", t_nb + t_lw + t_p))
} else {
    stop("usage: gistar_spdep.R localg OUT.gpkg BAND_M | perm OUT.gpkg NSIM")
}
