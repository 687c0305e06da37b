"""Loading hotspot's outputs into the project when the algorithm completes, with their styles:
the default style of each GeoPackage layer (its layer_styles table) and the sidecar .qml of a
GeoTIFF, which QGIS applies through loadDefaultStyle. Points are put above lines, lines above
polygons, polygons above rasters, so no layer hides another; the incidents layer starts hidden."""

import os
import sqlite3

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsProject,
)

RANK_PROPERTY = "hotspot_processing/rank"
HIDDEN_AT_FIRST = {"incidents"}  # large point layers a map reader turns on when needed
GEOMETRY_RANK = {"POINT": 0, "MULTIPOINT": 0, "LINESTRING": 1, "MULTILINESTRING": 1}
RASTER_RANK = 3

# Post-processors must outlive processAlgorithm: QGIS holds only a C++ pointer to them.
_keep_alive = []


def geopackage_layers(path):
    """[(layer name, geometry type)] of the feature layers of a GeoPackage, in its own order."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return db.execute(
                "SELECT c.table_name, g.geometry_type_name FROM gpkg_contents c "
                "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
                "WHERE c.data_type = 'features' ORDER BY c.rowid").fetchall()
    except sqlite3.Error as error:
        raise QgsProcessingException(f"cannot list the layers of {path}: {error}")


class StyledOutput(QgsProcessingLayerPostProcessorInterface):
    def __init__(self, rank, visible):
        super().__init__()
        self.rank = rank
        self.visible = visible

    def postProcessLayer(self, layer, context, feedback):  # noqa: N802 (QGIS calls it)
        message, ok = layer.loadDefaultStyle()
        if not ok:
            feedback.pushWarning(f"{layer.name()}: no default style applied ({message})")
        layer.setCustomProperty(RANK_PROPERTY, self.rank)
        project = context.project() or QgsProject.instance()
        node = project.layerTreeRoot().findLayer(layer.id())
        if node is None:
            return
        node.setItemVisibilityChecked(self.visible)
        self._place(node)

    def _place(self, node):
        """Above the first of our layers drawn under this one (greater rank), else below the last
        of ours, so ours stay sorted by rank whatever order they load in."""
        parent = node.parent()
        children = parent.children()
        ours = [(child, int(child.layer().customProperty(RANK_PROPERTY)))
                for child in children
                if child is not node and hasattr(child, "layer") and child.layer() is not None
                and child.layer().customProperty(RANK_PROPERTY) is not None]
        if not ours:
            return
        below = [child for child, rank in ours if rank > self.rank]
        target = children.index(below[0]) if below else children.index(ours[-1][0]) + 1
        current = children.index(node)
        if target in (current, current + 1):
            return
        parent.insertChildNode(target, node.clone())  # the layer stays in the tree, so in the project
        parent.removeChildNode(node)


def _load_on_completion(context, uri, name, output_name, rank, visible, type_hint):
    details = QgsProcessingContext.LayerDetails(name, context.project(), output_name, type_hint)
    processor = StyledOutput(rank, visible)
    _keep_alive.append(processor)
    details.setPostProcessor(processor)
    context.addLayerToLoadOnCompletion(uri, details)


def load_geopackage(context, path, output_name):
    for layer_name, geometry in geopackage_layers(path):
        rank = GEOMETRY_RANK.get(geometry.upper(), 2)
        _load_on_completion(context, f"{path}|layername={layer_name}", layer_name, output_name, rank,
                            layer_name not in HIDDEN_AT_FIRST, QgsProcessingUtils.LayerHint.Vector)


def load_raster(context, path, output_name):
    name = os.path.splitext(os.path.basename(path))[0]
    _load_on_completion(context, path, name, output_name, RASTER_RANK, True, QgsProcessingUtils.LayerHint.Raster)
