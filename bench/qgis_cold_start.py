"""Cold start of a QGIS map canvas (issue 9) with the Atlas's built-in layers (the seven layers of
``geodata/atlas.gpkg`` and the Natural Earth countries of ``geodata/basemap.gpkg``): seconds from the
process launch (``BENCH_T0``) to the canvas's first finished render. Runs under the system Python
with PyQGIS; prints ``{"first_paint_s": ...}``."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    t0 = float(os.environ.get("BENCH_T0", time.time()))
    geodata = sys.argv[1]
    from qgis.core import QgsApplication, QgsCoordinateReferenceSystem, QgsProject, QgsRectangle, QgsVectorLayer
    from qgis.gui import QgsMapCanvas

    app = QgsApplication([], True)
    app.initQgis()
    layers = [QgsVectorLayer(f"{geodata}/basemap.gpkg|layername=countries", "countries", "ogr")]
    for name in ("countries", "cables", "landing_stations", "data_centres", "fiveg", "factories", "compute_hubs"):
        layers.append(QgsVectorLayer(f"{geodata}/atlas.gpkg|layername={name}", name, "ogr"))
    for lyr in layers:
        QgsProject.instance().addMapLayer(lyr)
    canvas = QgsMapCanvas()
    canvas.resize(1400, 900)
    canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    canvas.setLayers(layers[::-1])
    canvas.setExtent(QgsRectangle(9907435, -1402466, 15807295, 3503549))

    def done() -> None:
        print(json.dumps({"first_paint_s": time.time() - t0}), flush=True)
        os._exit(0)

    canvas.mapCanvasRefreshed.connect(done)
    canvas.show()
    canvas.refresh()
    app.exec_()


if __name__ == "__main__":
    main()
