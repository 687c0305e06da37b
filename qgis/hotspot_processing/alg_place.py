from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
)

from .algorithm import HotspotAlgorithm
from .layers import path_spec
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
        Text("CANDIDATES", "--candidates", "Candidates: incidents, grid:SPACING or layer:PATH (empty: incidents)"),
        Text("WITHIN", "--within", "Only inside these areas: LAYER or LAYER=NAME;NAME;..."),
        Number("PATROL_MINUTES", "--patrol-minutes", "Share these minutes among the sites",
               minimum=1, maximum=1e6),
        Choice("SOLVER", "--solver", "Solver", ["", "cbc", "greedy"]),
        Number("TIME_LIMIT", "--time-limit", "CBC time limit, seconds", default=60, minimum=1, maximum=86400),
        Number("SEPARATION", "--separation", "Chosen sites at least this far apart, metres",
               default=0, minimum=0, maximum=1e6),
    )

    def add_layer_parameters(self):
        for parameter in (
                QgsProcessingParameterVectorLayer("CANDIDATE_LAYER", "Candidate points (instead of Candidates)",
                                                  [QgsProcessing.TypeVectorPoint]),
                QgsProcessingParameterVectorLayer("EXISTING", "Sites already in place (kept)",
                                                  [QgsProcessing.TypeVectorPoint]),
                QgsProcessingParameterMultipleLayers("EXCLUDE", "No candidate inside these polygons",
                                                     QgsProcessing.TypeVectorPolygon)):
            parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagOptional)
            self.addParameter(parameter)

    def layer_arguments(self, parameters, context, feedback):
        args = []
        candidates = self.parameterAsVectorLayer(parameters, "CANDIDATE_LAYER", context)
        if candidates is not None:
            args += ["--candidates", "layer:" + path_spec(candidates, context, feedback, "candidates")]
        existing = self.parameterAsVectorLayer(parameters, "EXISTING", context)
        if existing is not None:
            args += ["--existing", path_spec(existing, context, feedback, "existing")]
        for index, layer in enumerate(self.parameterAsLayerList(parameters, "EXCLUDE", context)):
            args += ["--exclude", path_spec(layer, context, feedback, f"exclude_{index}")]
        return args
