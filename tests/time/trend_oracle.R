# Checks trend_table's CSV (our Mann-Kendall, Sen's slope, seasonal index) against R:
#   S and tau-b: cor.test(x, 1:n, method = "kendall", exact = FALSE, continuity = FALSE) reports
#     tau-b and z = S / sqrt(Var S) with its own tie correction; S = tau_b sqrt(N'(N' - ties)).
#   Var(S) = (S / z)^2 from R's z (when S != 0), Z = (S - sgn S) / sqrt(Var S), p = 2 pnorm(-|Z|).
#   Sen's slope and interval: Gilbert (1987) as the trend package's sens.slope (ranks rounded),
#     transcribed here (the package is not installed).
#   Seasonal index: decompose(ts(x, frequency = 12), "multiplicative")$figure, whose first
#     element belongs to the series' first calendar month.
# Usage: Rscript trend_oracle.R TABLE.csv
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], na.strings = c("nan", "-nan", "NA"), colClasses = c(values = "character", seasonal = "character"))
fail <- 0
check <- function(what, got, want, tol = 1e-12) {
  if (is.na(want) && is.na(got)) return(invisible())
  if (is.na(want) != is.na(got) || abs(got - want) > tol * max(1, abs(want))) {
    cat(sprintf("FAIL %s: ours %.17g, R %.17g\n", what, got, want)); fail <<- fail + 1
  }
}
seasonal_rows <- 0
for (k in seq_len(nrow(d))) {
  r <- d[k, ]
  x <- as.numeric(strsplit(r$values, ";")[[1]]); n <- length(x); id <- paste("series", r$id)
  ct <- suppressWarnings(cor.test(x, seq_len(n), method = "kendall", exact = FALSE, continuity = FALSE))
  N <- n * (n - 1) / 2
  g <- as.numeric(table(x))
  ties <- sum(g * (g - 1) / 2)
  tau <- unname(ct$estimate)
  S <- round(tau * sqrt(N * (N - ties)))
  check(paste(id, "S"), r$s, S)
  check(paste(id, "tau_b"), r$tau_b, tau)
  var_formula <- (n * (n - 1) * (2 * n + 5) - sum(g * (g - 1) * (2 * g + 5))) / 18
  if (S != 0) check(paste(id, "Var(S) from R's z"), r$var_s, (S / unname(ct$statistic))^2, 1e-9)
  check(paste(id, "Var(S)"), r$var_s, var_formula)
  Z <- if (S == 0) 0 else (S - sign(S)) / sqrt(var_formula)
  check(paste(id, "Z"), r$z, Z)
  check(paste(id, "p"), r$p, 2 * pnorm(-abs(Z)))
  slopes <- c()
  for (i in 1:(n - 1)) for (j in (i + 1):n) slopes <- c(slopes, (x[j] - x[i]) / (j - i))
  check(paste(id, "Sen's slope"), r$sen, median(slopes))
  C <- qnorm(0.975) * sqrt(var_formula)
  lo <- round((N - C) / 2); up <- round((N + C) / 2 + 1)
  s <- sort(slopes)
  check(paste(id, "Sen lower"), r$sen_lower, if (lo >= 1 && lo <= N) s[lo] else NA)
  check(paste(id, "Sen upper"), r$sen_upper, if (up >= 1 && up <= N) s[up] else NA)
  if (n >= 24) {
    fig <- decompose(ts(x, frequency = 12), type = "multiplicative")$figure
    ours <- as.numeric(strsplit(r$seasonal, ";")[[1]])
    if (length(ours) != 12) { cat("FAIL", id, ": no seasonal index from us for", n, "months\n"); fail <- fail + 1; next }
    for (m in 1:12) check(paste(id, "seasonal index month", m), ours[m], fig[((m - r$first_month) %% 12) + 1])
    seasonal_rows <- seasonal_rows + 1
  } else if (!is.na(r$seasonal) && nchar(r$seasonal) > 0) { cat("FAIL", id, ": a seasonal index from", n, "months\n"); fail <- fail + 1 }
}
cat(sprintf("%d series checked against R (cor.test, decompose: %d), %d failures\n", nrow(d), seasonal_rows, fail))
quit(status = if (fail == 0) 0 else 1)
