from .algorithm import HotspotAlgorithm
from .options import Choice, Number, Switch, Text


class EmergingAlgorithm(HotspotAlgorithm):
    COMMAND = "emerging"
    TITLE = "Emerging hot spots"
    HELP = ("Space-time Gi* on square cells (or areas) and time steps, with the Mann-Kendall trend of "
            "each location: new, intensifying, persistent, diminishing ... hot and cold spots, named "
            "as ArcGIS Pro does. Needs at least 10 steps.")
    OPTIONS = (
        Text("STUDY_AREA", "--study-area", "Study area: an area layer's name (empty: the first)"),
        Number("CELL", "--cell", "Cell size, metres", default=250, minimum=0.001, maximum=1e6),
        Number("BAND", "--band", "Neighbourhood distance between cell centres, metres", minimum=0.001, maximum=1e7),
        Text("AREAS_UNITS", "--areas", "Locations are this area layer's polygons instead of cells"),
        Switch("CONTIGUITY", "--contiguity", "With areas: neighbours share a boundary point"),
        Choice("STEP", "--step", "Time step", ["", "month", "quarter"]),
        Text("MONTHS", "--months", "Months analysed, FIRST..LAST (empty: every month of input)"),
        Number("TIME_WINDOW", "--time-window", "Steps before a bin in its neighbourhood", default=1,
               minimum=0, maximum=1000, integer=True),
        Choice("ALPHA", "--alpha", "Significance level", ["", "0.10", "0.05", "0.01"]),
    )
