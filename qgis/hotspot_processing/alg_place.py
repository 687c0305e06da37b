from .algorithm import HotspotAlgorithm
from .options import PERIOD, Choice, Number, Text


class PlaceAlgorithm(HotspotAlgorithm):
    COMMAND = "place"
    TITLE = "Camera and patrol placement (MCLP)"
    HELP = ("Chooses COUNT sites among the candidates so that the incidents within RADIUS metres of a "
            "site are as many as possible (maximal covering location problem, solved exactly by CBC).")
    OPTIONS = (
        PERIOD,
        Number("COUNT", "--count", "Number of sites", default=11, minimum=1, maximum=10000, integer=True),
        Number("RADIUS", "--radius", "Coverage radius, metres", default=150, minimum=0.001, maximum=1e6),
        Text("CANDIDATES", "--candidates", "Candidates: incidents, grid:SPACING or layer:PATH", default="incidents"),
        Text("WITHIN", "--within", "Only inside these areas: LAYER or LAYER=NAME;NAME;..."),
        Number("PATROL_MINUTES", "--patrol-minutes", "Share these minutes among the sites",
               minimum=1, maximum=1e6),
        Choice("SOLVER", "--solver", "Solver", ["", "cbc", "greedy"]),
        Number("TIME_LIMIT", "--time-limit", "CBC time limit, seconds", default=60, minimum=1, maximum=86400),
        Number("SEPARATION", "--separation", "Chosen sites at least this far apart, metres",
               default=0, minimum=0, maximum=1e6),
    )
