"""The base of every hotspot algorithm: shared inputs, the command's option table, one output,
running the executable and loading what it wrote."""

import os

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingOutputMultipleLayers,
    QgsProcessingParameterFileDestination,
)

from .executable import run_hotspot
from .inputs import add_input_parameters, closing_arguments, input_arguments
from .outputs import load_geopackage, load_raster


class HotspotAlgorithm(QgsProcessingAlgorithm):
    COMMAND = ""        # the hotspot subcommand, also the algorithm id: hotspot:COMMAND
    TITLE = ""
    HELP = ""
    OPTIONS = ()        # options.Number / Choice / Text / Switch, in the order shown

    def name(self):
        return self.COMMAND

    def displayName(self):  # noqa: N802
        return self.TITLE

    def shortHelpString(self):  # noqa: N802
        return (f"{self.HELP}\n\nRuns `hotspot {self.COMMAND}`; its --help lists every option "
                "(Further hotspot options takes any of them). Empty optional values leave hotspot's "
                "default, or the config file's.")

    def createInstance(self):  # noqa: N802
        return type(self)()

    def initAlgorithm(self, config=None):  # noqa: N802
        add_input_parameters(self)
        for option in self.OPTIONS:
            self.addParameter(option.parameter())
        self.add_layer_parameters()
        self.addParameter(self.output_parameter())
        self.addOutput(QgsProcessingOutputMultipleLayers("LAYERS", "Layers loaded"))

    def output_parameter(self):
        return QgsProcessingParameterFileDestination("OUTPUT", "Output GeoPackage", "GeoPackage (*.gpkg)")

    def output_path(self, parameters, context):
        return self.parameterAsFileOutput(parameters, "OUTPUT", context)

    def add_layer_parameters(self):
        """Layer parameters of this command beyond the shared inputs."""

    def layer_arguments(self, parameters, context, feedback):
        """Their command-line options."""
        return []

    def extra_files(self, output):
        """Files besides OUTPUT the command may write, loaded when present: [(path, 'gpkg'|'raster')]."""
        return []

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        output = self.output_path(parameters, context)
        args = input_arguments(self, parameters, context, feedback)
        for option in self.OPTIONS:
            args += option.arguments(self, parameters, context)
        args += self.layer_arguments(parameters, context, feedback)
        args += ["-o", output] + closing_arguments(self, parameters, context)
        run_hotspot(self.COMMAND, args, feedback)
        files = [(output, "raster" if output.lower().endswith(".tif") else "gpkg")] + self.extra_files(output)
        for path, kind in files:
            if os.path.exists(path):
                (load_raster if kind == "raster" else load_geopackage)(context, path, "OUTPUT")
        return {"OUTPUT": output, "LAYERS": list(context.layersToLoadOnCompletion().keys())}
