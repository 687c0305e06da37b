"""One command-line option as a typed Processing parameter: each algorithm lists its options
in a table of these; an option left empty is not passed, so hotspot's own default applies
(or the config file's)."""

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)


def _is_set(parameters, name):
    value = parameters.get(name)
    return value is not None and value != ""


class Number:
    def __init__(self, name, flag, description, default=None, minimum=None, maximum=None, integer=False):
        self.name, self.flag, self.description = name, flag, description
        self.default, self.minimum, self.maximum, self.integer = default, minimum, maximum, integer

    def parameter(self):
        kind = QgsProcessingParameterNumber.Integer if self.integer else QgsProcessingParameterNumber.Double
        p = QgsProcessingParameterNumber(self.name, self.description, kind, self.default, self.default is None)
        if self.minimum is not None:
            p.setMinimum(self.minimum)
        if self.maximum is not None:
            p.setMaximum(self.maximum)
        return p

    def arguments(self, alg, parameters, context):
        if self.default is None and not _is_set(parameters, self.name):
            return []
        if self.integer:
            return [self.flag, str(alg.parameterAsInt(parameters, self.name, context))]
        return [self.flag, repr(alg.parameterAsDouble(parameters, self.name, context))]


class Choice:
    """An enum; the first choice may be "" for "not passed"."""

    def __init__(self, name, flag, description, choices, default=0):
        self.name, self.flag, self.description, self.choices, self.default = name, flag, description, choices, default

    def parameter(self):
        labels = [c or "(default)" for c in self.choices]
        return QgsProcessingParameterEnum(self.name, self.description, labels, defaultValue=self.default)

    def arguments(self, alg, parameters, context):
        choice = self.choices[alg.parameterAsEnum(parameters, self.name, context)]
        return [self.flag, choice] if choice else []


class Text:
    def __init__(self, name, flag, description, default=None, advanced=False, repeat_separator=None):
        self.name, self.flag, self.description, self.default = name, flag, description, default
        self.advanced, self.repeat_separator = advanced, repeat_separator

    def parameter(self):
        p = QgsProcessingParameterString(self.name, self.description, self.default, optional=self.default is None)
        if self.advanced:
            p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        return p

    def arguments(self, alg, parameters, context):
        text = alg.parameterAsString(parameters, self.name, context).strip()
        if not text:
            return []
        if self.repeat_separator is None:
            return [self.flag, text]
        values = [v.strip() for v in text.split(self.repeat_separator) if v.strip()]
        return [arg for v in values for arg in (self.flag, v)]


class Switch:
    def __init__(self, name, flag, description):
        self.name, self.flag, self.description = name, flag, description

    def parameter(self):
        return QgsProcessingParameterBoolean(self.name, self.description, defaultValue=False)

    def arguments(self, alg, parameters, context):
        return [self.flag] if alg.parameterAsBoolean(parameters, self.name, context) else []


# Shared by every command that selects incidents by period.
PERIOD = Text("PERIOD", "--period", "Only incidents in this period (2024/25, 2024-Q1, 2024-03, A..B)")
