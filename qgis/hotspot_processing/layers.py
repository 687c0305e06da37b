"""A QGIS layer as hotspot reads it: the file itself when QGIS reads it through OGR from a
file as it is, else a copy in a temporary GeoPackage (memory, PostGIS, WFS, filtered layers)."""

import os

from qgis.core import (
    QgsProcessingException,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorFileWriter,
)

# hotspot's layer specs are NAME=PATH,key=value,...: these characters cannot be in a path.
SPEC_SEPARATORS = (",", "=")


def layer_file(layer, context, feedback, stem):
    """(path, layer name or None) of a file hotspot can open with the same features."""
    if layer.providerType() == "ogr" and not layer.subsetString():
        parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
        path = parts.get("path", "")
        if os.path.isfile(path) and not any(c in path for c in SPEC_SEPARATORS):
            return path, parts.get("layerName") or None
    path = QgsProcessingUtils.generateTempFilename(f"{stem}.gpkg")
    feedback.pushInfo(f"Layer '{layer.name()}' is not a plain file hotspot can read: copied to {path}")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = stem
    error, message, _, _ = QgsVectorFileWriter.writeAsVectorFormatV3(
        layer, path, context.transformContext(), options)
    if error != QgsVectorFileWriter.NoError:
        raise QgsProcessingException(f"cannot copy layer '{layer.name()}' to {path}: {message}")
    return path, stem


def spec_value(value, what):
    """A field name or text placed into a NAME=PATH,key=value spec, refused if it would split it."""
    if any(c in value for c in SPEC_SEPARATORS):
        raise QgsProcessingException(f"{what} '{value}' contains ',' or '=', which hotspot's layer spec cannot hold")
    return value


def path_spec(layer, context, feedback, stem):
    """PATH[,layer=NAME] of a layer, as hotspot's --existing, --exclude and layer: candidates take."""
    path, layer_name = layer_file(layer, context, feedback, stem)
    return f"{path},layer={spec_value(layer_name, 'layer name')}" if layer_name else path
