# Writes auckland_eb.csv and auckland_queen_links.csv (see README.md): Rscript export_auckland.R OUT_DIR
suppressPackageStartupMessages({library(spdep); library(sf)})
auck <- st_read(system.file("shapes/auckland.shp", package="spData"), quiet=TRUE)
nb <- poly2nb(auck)
e <- EBest(auck$M77_85, 9*auck$Und5_81)
l <- EBlocal(auck$M77_85, 9*auck$Und5_81, nb)
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) == 1) args[1] else "."
out <- paste0(out, "/")
d <- data.frame(area = seq_len(nrow(auck)), M77_85 = auck$M77_85, Und5_81 = auck$Und5_81,
                ebest_estmm = sprintf("%.17g", e$estmm), eblocal_est = sprintf("%.17g", l$est),
                eblocal_a = sprintf("%.17g", attr(l, "parameters")$a))
write.csv(d, paste0(out, "auckland_eb.csv"), row.names = FALSE, quote = FALSE)
links <- do.call(rbind, lapply(seq_along(nb), function(i) if (nb[[i]][1] == 0) NULL else data.frame(from = i, to = nb[[i]])))
write.csv(links, paste0(out, "auckland_queen_links.csv"), row.names = FALSE, quote = FALSE)
cat(sprintf("a %.17g b %.17g links %d\n", attr(e,"parameters")$a, attr(e,"parameters")$b, nrow(links)))
