from .algorithm import HotspotAlgorithm
from .options import PERIOD, Choice, Number, Switch, Text


class StatsAlgorithm(HotspotAlgorithm):
    COMMAND = "stats"
    TITLE = "Gi* hot spots and Local Moran's I"
    HELP = ("Counts the selected incidents per grid cell or area, then Gi* (ArcGIS Hot Spot Analysis), "
            "Local and global Moran's I, concentration (Gini) and the nearest neighbour index.")
    OPTIONS = (
        PERIOD,
        Text("UNITS", "--units", "Units: grid, or the name of an area layer", default="grid"),
        Number("CELL", "--cell", "Grid cell size, metres", minimum=0.001, maximum=1e6),
        Text("NEIGHBOURS", "--neighbours", "Neighbours: band:METRES, knn:K or queen"),
        Switch("AUTO", "--auto", "Choose cell size and band from the data (Optimized Hot Spot Analysis)"),
        Choice("VALUE", "--value", "Value", ["", "count", "rate"]),
        Switch("FDR", "--fdr", "Style the FDR-corrected Gi* bins and LISA clusters"),
        Number("PERMUTATIONS", "--permutations", "Permutations for Local Moran's I (0: analytic p only)",
               default=999, minimum=0, maximum=1000000, integer=True),
        Number("SEED", "--seed", "Random seed of the permutations", default=20260401, minimum=0, integer=True),
        Number("ALPHA", "--alpha", "Significance level of the LISA clusters", default=0.05,
               minimum=0.0001, maximum=0.5),
        Choice("GRID_OUTPUT", "--grid-output", "Grid Gi* output", ["", "polygons", "raster", "both"]),
    )

    def extra_files(self, output):
        stem = output[:-len(".gpkg")] if output.lower().endswith(".gpkg") else output
        return [(stem + "_gi_z.tif", "raster"), (stem + "_gi_bin.tif", "raster")]
