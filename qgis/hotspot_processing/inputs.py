"""The inputs every hotspot algorithm shares: an analysis INI, police.uk files, an incident point
layer, an area layer with its fields, the analysis CRS, categories; and the options after them."""

import shlex

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from .layers import layer_file, spec_value


def _optional(parameter, advanced=False):
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagOptional)
    if advanced:
        parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
    return parameter


def add_input_parameters(algorithm):
    add = algorithm.addParameter
    add(_optional(QgsProcessingParameterFile(
        "CONFIG", "Analysis config (INI; the options below override it)", extension="ini")))
    add(_optional(QgsProcessingParameterFile(
        "POLICE", "police.uk street-level CSV folder", behavior=QgsProcessingParameterFile.Folder)))
    add(_optional(QgsProcessingParameterVectorLayer(
        "INCIDENTS", "Incident point layer", [QgsProcessing.TypeVectorPoint])))
    add(_optional(QgsProcessingParameterField(
        "INCIDENT_DATE", "Incident date field", parentLayerParameterName="INCIDENTS")))
    add(_optional(QgsProcessingParameterField(
        "INCIDENT_CATEGORY", "Incident category field", parentLayerParameterName="INCIDENTS")))
    add(_optional(QgsProcessingParameterString(
        "INCIDENT_FIXED_CATEGORY", "Category of every incident of the layer (instead of a field)")))
    add(_optional(QgsProcessingParameterVectorLayer(
        "AREAS", "Area layer (polygons)", [QgsProcessing.TypeVectorPolygon])))
    add(QgsProcessingParameterString("AREA_NAME", "Name of the area layer in the outputs", "areas"))
    add(_optional(QgsProcessingParameterField(
        "AREA_ID", "Area id field", parentLayerParameterName="AREAS")))
    add(_optional(QgsProcessingParameterField(
        "AREA_LABEL", "Area name field", parentLayerParameterName="AREAS")))
    add(_optional(QgsProcessingParameterField(
        "AREA_POPULATION", "Area population field (rates per 1,000 residents)",
        parentLayerParameterName="AREAS", type=QgsProcessingParameterField.Numeric)))
    add(_optional(QgsProcessingParameterCrs(
        "T_SRS", "Analysis CRS, projected in metres (empty: the config's, else EPSG:27700)")))
    add(_optional(QgsProcessingParameterString(
        "CATEGORY", "Categories counted, separated by ';' (empty: all)")))
    add(QgsProcessingParameterBoolean(
        "OVERWRITE", "Replace outputs that already exist", defaultValue=False))
    add(_optional(QgsProcessingParameterString(
        "EXTRA", "Further hotspot options (as on the command line)"), advanced=True))


def input_arguments(algorithm, parameters, context, feedback):
    """The command-line options of the shared inputs, in the order hotspot documents them."""
    a = algorithm
    args = []
    config = a.parameterAsFile(parameters, "CONFIG", context)
    if config:
        args += ["-c", config]
    crs = a.parameterAsCrs(parameters, "T_SRS", context)
    if crs.isValid():
        args += ["--t_srs", crs.authid() or crs.toWkt()]
    police = a.parameterAsFile(parameters, "POLICE", context)
    if police:
        args += ["--police", police]
    incidents = a.parameterAsVectorLayer(parameters, "INCIDENTS", context)
    if incidents is not None:
        args += ["--input", _incident_spec(a, incidents, parameters, context, feedback)]
    areas = a.parameterAsVectorLayer(parameters, "AREAS", context)
    if areas is not None:
        args += ["--area", _area_spec(a, areas, parameters, context, feedback)]
    for category in filter(None, (c.strip() for c in a.parameterAsString(parameters, "CATEGORY", context).split(";"))):
        args += ["--category", category]
    return args


def closing_arguments(algorithm, parameters, context):
    """--overwrite and the advanced free-text options, split as a shell would."""
    args = ["--overwrite"] if algorithm.parameterAsBoolean(parameters, "OVERWRITE", context) else []
    return args + shlex.split(algorithm.parameterAsString(parameters, "EXTRA", context))


def _field(algorithm, parameters, name, context, what):
    fields = algorithm.parameterAsFields(parameters, name, context)
    return spec_value(fields[0], what) if fields else None


def _incident_spec(a, layer, parameters, context, feedback):
    path, layer_name = layer_file(layer, context, feedback, "incidents")
    spec = f"incidents={path},format=ogr"
    if layer_name:
        spec += f",layer={spec_value(layer_name, 'incident layer name')}"
    for key, name in (("date", "INCIDENT_DATE"), ("category", "INCIDENT_CATEGORY")):
        field = _field(a, parameters, name, context, f"incident {key} field")
        if field:
            spec += f",{key}={field}"
    fixed = a.parameterAsString(parameters, "INCIDENT_FIXED_CATEGORY", context)
    if fixed:
        spec += f",fixed_category={spec_value(fixed, 'fixed category')}"
    return spec


def _area_spec(a, layer, parameters, context, feedback):
    name = spec_value(a.parameterAsString(parameters, "AREA_NAME", context).strip(), "area layer name")
    path, layer_name = layer_file(layer, context, feedback, name or "areas")
    spec = f"{name}={path}"
    if layer_name:
        spec += f",layer={spec_value(layer_name, 'area layer name in its file')}"
    for key, parameter in (("id", "AREA_ID"), ("name", "AREA_LABEL"), ("population", "AREA_POPULATION")):
        field = _field(a, parameters, parameter, context, f"area {key} field")
        if field:
            spec += f",{key}={field}"
    return spec
