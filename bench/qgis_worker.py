"""One benchmark process of QGIS (issue 9): the same workloads as :mod:`bench.atlas_worker`.

Runs under the *system* Python with PyQGIS (Debian ``python3-qgis qgis-providers``), headless::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 bench/qgis_worker.py DATASET.fgb --widths 1,1.5,3 --aa 1,0

The layer is read by QGIS's OGR provider from the same FlatGeobuf; frames are rendered by
``QgsMapRendererSequentialJob`` into a 1600x1000 image of the same extent (EPSG:3857, like the
Atlas), line widths and marker sizes in pixels; the time step uses QGIS's temporal framework on the
``year`` field; identify is a feature request on a 6-pixel square, as QGIS's identify tool does.
Prints one JSON object with the keys of the Atlas worker. Imports nothing of the Atlas.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peak import peak_rss_mb  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
T_START = time.perf_counter()
BBOX = (90.0, -12.0, 142.0, 30.0)  # bench.datasets.BBOX


def _ms(fn, repeat):
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return statistics.median(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--widths", default="1,1.5,3")
    ap.add_argument("--aa", default="1,0")
    ap.add_argument("--frames", type=int, default=3)
    ap.add_argument("--size", default="1600x1000")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.split("x"))

    from qgis.core import (
        Qgis,
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsDateTimeRange,
        QgsFeatureRequest,
        QgsMapRendererSequentialJob,
        QgsMapSettings,
        QgsProject,
        QgsRectangle,
        QgsUnitTypes,
        QgsVectorLayer,
        QgsVectorLayerTemporalProperties,
    )
    from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime
    from qgis.PyQt.QtGui import QColor

    app = QgsApplication([], False)
    app.initQgis()
    out = {"tool": "qgis", "qgis": Qgis.QGIS_VERSION, "import_s": time.perf_counter() - T_START}

    t = time.perf_counter()
    layer = QgsVectorLayer(args.path, "data", "ogr")
    assert layer.isValid(), args.path
    layer.extent()
    layer.featureCount()
    out["load_s"] = time.perf_counter() - t
    QgsProject.instance().addMapLayer(layer)

    merc = QgsCoordinateReferenceSystem("EPSG:3857")
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    to_merc = QgsCoordinateTransform(wgs, merc, QgsProject.instance())
    extent = to_merc.transformBoundingBox(QgsRectangle(*BBOX))
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(merc)
    settings.setOutputSize(QSize(w, h))
    settings.setExtent(extent)
    settings.setBackgroundColor(QColor(255, 255, 255))

    def style(width):
        sym = layer.renderer().symbol()
        sym.setColor(QColor("#1f78b4"))
        kind = layer.geometryType()
        if kind == QgsWkbTypes_Line:
            sym.setWidth(width)
            sym.setWidthUnit(QgsUnitTypes.RenderPixels)
        elif kind == QgsWkbTypes_Point:
            sym.setSize(7.0)
            sym.setSizeUnit(QgsUnitTypes.RenderPixels)
        else:
            sym.symbolLayer(0).setStrokeWidth(width)
            sym.symbolLayer(0).setStrokeWidthUnit(QgsUnitTypes.RenderPixels)

    from qgis.core import QgsWkbTypes

    global QgsWkbTypes_Line, QgsWkbTypes_Point
    QgsWkbTypes_Line, QgsWkbTypes_Point = QgsWkbTypes.LineGeometry, QgsWkbTypes.PointGeometry

    def frame(aa=True):
        settings.setFlag(QgsMapSettings.Antialiasing, aa)
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        return job.renderedImage()

    # identify after the load: features within 6 px of a feature's location
    res = extent.width() / w
    feats = [f for _, f in zip(range(50), layer.getFeatures())]
    pts = [to_merc.transform(f.geometry().pointOnSurface().asPoint()) for f in feats]
    to_wgs = QgsCoordinateTransform(merc, wgs, QgsProject.instance())

    def identify(i):
        p = pts[i]
        r = to_wgs.transformBoundingBox(QgsRectangle(p.x() - 6 * res, p.y() - 6 * res, p.x() + 6 * res, p.y() + 6 * res))
        return [f.id() for f in layer.getFeatures(QgsFeatureRequest().setFilterRect(r))]

    t = time.perf_counter()
    identify(0)
    out["first_identify_ms"] = (time.perf_counter() - t) * 1000
    clicks = iter(range(1, 50))
    out["identify_ms"] = _ms(lambda: identify(next(clicks)), 20)

    style(1.5)
    t = time.perf_counter()
    frame()
    out["first_frame_ms"] = (time.perf_counter() - t) * 1000
    out["frame_ms"] = {}
    for width in (float(v) for v in args.widths.split(",")):
        style(width)
        for aa in (bool(int(v)) for v in args.aa.split(",")):
            frame(aa)
            out["frame_ms"][f"{width:g}/{int(aa)}"] = _ms(lambda: frame(aa), args.frames)
    style(1.5)

    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromExpressions)
    props.setStartExpression("make_date(\"year\", 1, 1)")
    props.setEndExpression("make_date(2100, 1, 1)")
    settings.setIsTemporal(True)
    years = iter(list(range(2000, 2026)) * 3)

    def step():
        y = next(years)
        settings.setTemporalRange(QgsDateTimeRange(QDateTime(QDate(1900, 1, 1), QTime(0, 0)),
                                                   QDateTime(QDate(y + 1, 1, 1), QTime(0, 0))))
        frame()

    step()
    out["step_ms"] = _ms(step, max(args.frames, 5))
    settings.setIsTemporal(False)
    state = {"extent": QgsRectangle(extent)}

    def zoom_by(f):
        e = settings.extent()
        c = e.center()
        settings.setExtent(QgsRectangle(c.x() - e.width() / (2 * f), c.y() - e.height() / (2 * f),
                                        c.x() + e.width() / (2 * f), c.y() + e.height() / (2 * f)))

    zooms = iter([0.5, 2.0] * 20)
    pans = iter([0.1, -0.1] * 20)

    def zoom():
        zoom_by(next(zooms))
        frame()

    def pan():
        e = settings.extent()
        d = next(pans) * e.width()
        settings.setExtent(QgsRectangle(e.xMinimum() - d, e.yMinimum(), e.xMaximum() - d, e.yMaximum()))
        frame()

    out["zoom_ms"] = _ms(zoom, max(args.frames, 4))
    out["pan_ms"] = _ms(pan, max(args.frames, 4))
    del state
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out), flush=True)
    os._exit(0)  # QGIS's exit hooks can hang or crash headless; the result is printed


if __name__ == "__main__":
    main()
