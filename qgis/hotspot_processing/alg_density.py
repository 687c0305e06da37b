from qgis.core import QgsProcessingException, QgsProcessingParameterRasterDestination

from .algorithm import HotspotAlgorithm
from .options import PERIOD, Choice, Number, Text

KERNELS = ["quartic", "triweight", "epanechnikov", "triangular", "uniform", "gaussian"]


class DensityAlgorithm(HotspotAlgorithm):
    COMMAND = "density"
    TITLE = "Kernel density surface"
    HELP = ("Kernel density of the accepted incidents on a grid: a Cloud-Optimised GeoTIFF with its "
            "QGIS style (.qml beside it) and the top 1/5/10 % of cells as polygons (_classes.gpkg).")
    OPTIONS = (
        PERIOD,
        Choice("KERNEL", "--kernel", "Kernel", [""] + KERNELS),
        Number("BANDWIDTH", "--bandwidth", "Bandwidth (search radius), metres (empty: the config's)",
               minimum=0.001, maximum=1e7),
        Choice("BANDWIDTH_RULE", "--bandwidth-rule", "Bandwidth rule",
               ["", "fixed", "silverman", "scott", "arcgis", "adaptive"]),
        Number("CELL", "--cell", "Cell size, metres (empty: the config's)", minimum=0.001, maximum=1e6),
        Choice("VALUES", "--values", "Values", ["", "per_km2", "raw", "qgis_scaled"]),
        Choice("ALIGN", "--align", "Grid alignment", ["", "hotspot", "qgis"]),
        Text("CLASSES", "--classes", "Class polygons of the top P % of cells (comma separated)",
             advanced=True),
    )

    def output_parameter(self):
        return QgsProcessingParameterRasterDestination("OUTPUT", "Density surface (GeoTIFF)")

    def output_path(self, parameters, context):
        path = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        if not path.lower().endswith(".tif"):  # hotspot writes a Cloud-Optimised GeoTIFF only
            raise QgsProcessingException(f"density surface '{path}': name it .tif (a Cloud-Optimised GeoTIFF)")
        return path

    def extra_files(self, output):
        return [(output[:-len(".tif")] + "_classes.gpkg", "gpkg")]
