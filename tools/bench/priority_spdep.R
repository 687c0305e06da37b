# tools/bench-priority's peer: spdep EBest (global Empirical Bayes, Marshall 1991) on the same
# synthetic areas and indicators as hotspot_bench_priority, timed inside R with system.time
# over the same number of repeats. Usage: Rscript priority_spdep.R EB_CSV REPEAT
# EB_CSV: indicator,area,events,population[,ours] (ours: hotspot's EBest estimate, when built).
# Prints "key: value" lines: spdep_ebest_seconds (median), spdep_ebest_runs, max_abs_estimate_diff.
suppressMessages(library(spdep))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(area = "character"))
repeats <- as.integer(args[2])
by_indicator <- split(d, d$indicator)
estimates <- NULL
runs <- replicate(repeats, system.time({
  estimates <<- lapply(by_indicator, function(x) EBest(x$events, x$population)$estmm)
})[["elapsed"]])
cat(sprintf("spdep_version: %s\n", format(packageVersion("spdep"))))
cat(sprintf("spdep_indicators: %d\nspdep_areas: %d\n", length(by_indicator), nrow(by_indicator[[1]])))
cat(sprintf("spdep_ebest_seconds: %.3f\n", median(runs)))
cat(sprintf("spdep_ebest_runs: %s\n", paste(sprintf("%.3f", runs), collapse = " ")))
if ("ours" %in% names(d)) {
  diff <- max(mapply(function(x, e) max(abs(x$ours - e)), by_indicator, estimates))
  cat(sprintf("max_abs_estimate_diff: %.3g\n", diff))
} else {
  cat("max_abs_estimate_diff: NA\n")
}
