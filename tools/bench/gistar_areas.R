# Square polygons for tools/bench-gistar case (c): an NX x NY grid of CELL_M squares from
# (XMIN, YMIN), EPSG:27700, as an area layer "cells" with a text id.
#
#   Rscript gistar_areas.R OUT.gpkg XMIN YMIN CELL_M NX NY
suppressPackageStartupMessages(library(sf))

a <- commandArgs(trailingOnly = TRUE)
out <- a[1]
xmin <- as.numeric(a[2]); ymin <- as.numeric(a[3]); cell <- as.numeric(a[4])
nx <- as.integer(a[5]); ny <- as.integer(a[6])
box <- st_bbox(c(xmin = xmin, ymin = ymin, xmax = xmin + nx * cell, ymax = ymin + ny * cell), crs = st_crs(27700))
g <- st_make_grid(st_as_sfc(box), cellsize = cell, n = c(nx, ny))
cells <- st_sf(cell_id = sprintf("r%03dc%03d", (seq_along(g) - 1) %/% nx, (seq_along(g) - 1) %% nx), geom = g)
tmp <- paste0(out, ".tmp.gpkg")
unlink(tmp)
st_write(cells, tmp, "cells", quiet = TRUE)
invisible(file.rename(tmp, out))
