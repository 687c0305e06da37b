from .algorithm import HotspotAlgorithm
from .options import Choice, Number, Text

PRESETS = ["meanScaled", "meanPercentile", "meanRaw", "geomeanScaled", "geomeanPercentile",
           "geomeanRaw", "sumFlagsPercentile"]


class PriorityAlgorithm(HotspotAlgorithm):
    COMMAND = "priority"
    TITLE = "Priority neighbourhoods"
    HELP = ("Indicators per area, over-representation against the city rate, Empirical Bayes rates, a "
            "composite index and its top N. Indicators: NAME=key:value,... (see `hotspot priority --help`), "
            "several separated by '|', or [indicator.NAME] sections of the config.")
    OPTIONS = (
        Text("INDICATORS", "--indicator", "Indicators, NAME=key:value,..., separated by '|'", repeat_separator="|"),
        Choice("PRESET", "--preset", "Index preset", [""] + PRESETS),
        Number("TOP", "--top", "How many areas are the priority areas", minimum=1, maximum=100000, integer=True),
        Text("LAYER", "--layer", "Area layer indexed (empty: the config's, else the first)"),
    )
