from .algorithm import HotspotAlgorithm
from .alg_density import KERNELS
from .options import PERIOD, Choice, Number, Text


class SitesAlgorithm(HotspotAlgorithm):
    COMMAND = "sites"
    TITLE = "Hotspot sites (top K, ranked and explained)"
    HELP = ("The K highest peaks of a weighted density surface inside the chosen areas, at least "
            "a separation apart: sites (circles clipped to the areas) and hotspot polygons.")
    OPTIONS = (
        PERIOD,
        Text("WITHIN", "--within", "Areas to choose sites in: LAYER=NAME;NAME;... or LAYER (empty: the study area)"),
        Number("COUNT", "--count", "Number of sites", default=26, minimum=1, maximum=10000, integer=True),
        Number("SEPARATION", "--separation", "Minimum distance between site centres, metres",
               default=300, minimum=0, maximum=1e6),
        Number("RADIUS", "--radius", "Site radius, metres", default=150, minimum=0.001, maximum=1e6),
        Number("BANDWIDTH", "--bandwidth", "Kernel bandwidth, metres", default=150, minimum=0.001, maximum=1e6),
        Number("CELL", "--cell", "Cell size, metres", default=10, minimum=0.001, maximum=1e5),
        Choice("KERNEL", "--kernel", "Kernel", [""] + KERNELS),
    )
