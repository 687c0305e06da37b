"""What the PyQGIS tests share: a tally of named checks and a headless render to PNG.
Import it after the test has made sure PyQGIS is there (it imports qgis)."""
from qgis.core import QgsMapRendererParallelJob, QgsMapSettings
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor


class Tally:
    """check(ok, what) prints PASS or FAIL with what was checked; .failed counts the failures."""

    def __init__(self):
        self.failed = 0

    def __call__(self, ok, what):
        print(("PASS " if ok else "FAIL ") + what)
        self.failed += 0 if ok else 1


def render_png(layers, crs, extent, path, size=(1000, 800)):
    """The layers drawn in crs over extent on white, as QGIS's map canvas would, saved to path."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(crs)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(path)
