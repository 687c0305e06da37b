# Oracle for the LSOA 2011 -> 2021 best fit (test_vintage_birmingham.cpp), by another method:
# R sf intersects the two layers and keeps, for each old area and for each new area, the pair
# with the largest shared area; the union of both is the lookup. Prints "from,to" lines.
# Usage: Rscript vintage_overlap_sf.R SHARED_DATA_DIR
suppressMessages(library(sf))
d <- file.path(commandArgs(trailingOnly = TRUE)[1], "boundaries")
old <- st_make_valid(st_read(file.path(d, "birmingham_lsoa11.gpkg"), quiet = TRUE)[, "LSOA11CD"])
new <- st_read(file.path(d, "bsol_lsoa21.gpkg"), quiet = TRUE)
new <- st_make_valid(new[new$Area == "Birmingham", "LSOA21"])
parts <- suppressWarnings(st_intersection(old, new))
parts$area <- as.numeric(st_area(parts))
parts <- st_drop_geometry(parts[parts$area > 0, ])
largest <- function(by) do.call(rbind, lapply(split(parts, by), function(g) g[which.max(g$area), c("LSOA11CD", "LSOA21")]))
links <- unique(rbind(largest(parts$LSOA11CD), largest(parts$LSOA21)))
write.csv(links[order(links$LSOA11CD, links$LSOA21), ], stdout(), row.names = FALSE, quote = FALSE)
