from .algorithm import HotspotAlgorithm
from .options import Switch, Text


class RunAlgorithm(HotspotAlgorithm):
    COMMAND = "run"
    TITLE = "Run an analysis (areas, measures)"
    HELP = ("Reads incidents, projects them, assigns them to every area layer and measures each area "
            "(counts by category and period, rate per 1,000 residents per year, change, share, rank): "
            "one GeoPackage, every layer styled.")
    OPTIONS = (
        Text("BASE_PERIOD", "--base-period", "Period to compare from (2023/24, 2024-Q1, 2024-03, A..B)"),
        Text("CURRENT_PERIOD", "--current-period", "Period to compare to"),
        Text("HEADLINE_PERIOD", "--headline-period", "Period of the headline measures (or 'all')"),
        Switch("NO_INCIDENTS", "--no-incidents-layer", "Leave the incidents point layer out"),
    )
