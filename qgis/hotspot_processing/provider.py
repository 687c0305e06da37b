"""The "hotspot" Processing provider: its algorithms and the HOTSPOT_EXECUTABLE setting."""

from qgis.core import QgsProcessingProvider
from processing.core.ProcessingConfig import ProcessingConfig, Setting

from .executable import SETTING
from .alg_density import DensityAlgorithm
from .alg_emerging import EmergingAlgorithm
from .alg_place import PlaceAlgorithm
from .alg_priority import PriorityAlgorithm
from .alg_run import RunAlgorithm
from .alg_sites import SitesAlgorithm
from .alg_stats import StatsAlgorithm

ALGORITHMS = (RunAlgorithm, DensityAlgorithm, SitesAlgorithm, StatsAlgorithm,
              EmergingAlgorithm, PriorityAlgorithm, PlaceAlgorithm)


class HotspotProvider(QgsProcessingProvider):
    def id(self):
        return "hotspot"

    def name(self):
        return "hotspot"

    def longName(self):  # noqa: N802
        return "hotspot: crime and ASB hotspot analysis"

    def load(self):
        # Shown in Settings > Options > Processing > Providers > hotspot.
        ProcessingConfig.addSetting(Setting(self.name(), SETTING,
                                            "hotspot executable (empty: the one on PATH)", "",
                                            valuetype=Setting.FILE))
        ProcessingConfig.readSettings()
        self.refreshAlgorithms()
        return True

    def unload(self):
        ProcessingConfig.removeSetting(SETTING)

    def loadAlgorithms(self):  # noqa: N802
        for algorithm in ALGORITHMS:
            self.addAlgorithm(algorithm())
