"""hotspot's QGIS Processing provider: QGIS calls classFactory when it loads the plugin."""


def classFactory(iface):  # noqa: N802 (the name QGIS calls)
    from .plugin import HotspotPlugin
    return HotspotPlugin()
