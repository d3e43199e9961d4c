"""Walk a widget tree for interface text left in English (issue 13 item 7).

Used by the translation tests: install a Chinese catalogue (``asean_atlas.desktop.i18n.install``),
build the widget, and :func:`english_left` lists every visible interface text that still holds an
English word. Data (layer titles, attribute names and values, file names) is not interface text:
pass it in ``data``. Technical names that stay as they are in Chinese interfaces (file formats,
EPSG, units) are allowed by :data:`ALLOWED`.
"""

from __future__ import annotations

import re

#: Words that stay in Latin script in a Chinese interface (formats, standards, units, names).
ALLOWED = {
    "png", "svg", "pdf", "html", "gif", "mp4", "csv", "tsv", "json", "geojson", "geojsonl", "geojsons",
    "ndjson", "gpkg", "geopackage", "shp", "shapefile", "zip", "kml", "fgb", "flatgeobuf", "parquet",
    "geoparquet", "epsg", "crs", "wkt", "dpi", "utf", "gbk", "big5", "cp874", "cp1258", "cp1252",
    "gb18030", "ctrl", "shift", "alt", "esc", "del", "asean", "atlas", "telegeography", "natural", "earth",
    "openstreetmap", "osm", "qgis", "gdal", "ogr", "folium", "leaflet", "pinyin", "rfs", "id", "ids",
    "km", "mw", "a4", "a3", "letter", "fps", "ms", "px", "mm", "cm", "in", "pt", "ffmpeg", "h", "qt",
    "and", "or", "not", "like", "ilike", "in", "is", "null", "true", "false",  # filter-expression keywords
    "hmn", "tech", "noto", "fonts", "cjk", "debian", "url", "http", "https", "bbox", "lon", "lat",
    "x", "y", "z", "n", "s", "e", "w", "ne", "nw", "se", "sw", "tiff", "jpeg", "jpg", "h264",
    "home", "end", "enter", "wgs84", "core", "tis", "utm",  # key names (like Esc), WGS84, the fonts-noto-core package
    # what a load report names (issue 13): file parts, formats, standards and the tools that read them
    "bom", "ascii", "sqlite", "spatialite", "libpq", "nan", "dbf", "shx", "prj", "sql", "ogr2ogr", "gdalg", "vrt", "geos", "python", "pyarrow", "rfc",
    "iso", "alpha",  # ISO 3166-1 alpha-3 country codes (issue 14)
    "postgis", "postgresql", "srid", "ssl", "select",  # issue 15 (SELECT: the SQL privilege)
}

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']{2,}")


def english_words(text: str, data: set[str] | frozenset = frozenset()) -> list[str]:
    """The English words (3+ Latin letters, not allowed, not part of ``data``) in ``text``
    (markup tags, e.g. of a rich-text tooltip, are not words)."""
    text = re.sub(r"<[^>]*>", " ", text).replace("&&", "&").replace("&", "")
    for d in sorted(data, key=len, reverse=True):
        if d:
            text = text.replace(d, " ")
    return [w for w in _WORD.findall(text) if w.lower() not in ALLOWED]


def interface_texts(widget) -> list[tuple[str, str]]:
    """``(where, text)`` of every interface text under ``widget``: window and dock titles, menus
    and their actions (texts, tooltips), labels, buttons, check boxes, group boxes, tabs, combo
    boxes' items, placeholder texts, item views' headers and toolbars."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton, QAbstractItemView, QComboBox, QDockWidget, QGroupBox, QLabel, QLineEdit,
        QMainWindow, QMenu, QTabWidget, QWidget,
    )

    out: list[tuple[str, str]] = []
    seen_actions = set()

    def add(where, text):
        if text:
            out.append((where, str(text)))

    def actions(owner, where):
        for act in owner.actions():
            if id(act) in seen_actions:
                continue
            seen_actions.add(id(act))
            if act.isSeparator():
                continue
            add(f"{where} action", act.text())
            add(f"{where} tooltip", act.toolTip() if act.toolTip() != act.text().replace("&", "") else "")
            if act.menu() is not None:
                add(f"{where} menu", act.menu().title())
                actions(act.menu(), f"{where} > {act.text()}")

    widgets = [widget, *widget.findChildren(QWidget)]
    for w in widgets:
        name = type(w).__name__
        if isinstance(w, QMainWindow) or w.isWindow():
            add(f"{name} title", w.windowTitle())
        if isinstance(w, QMainWindow):
            actions(w.menuBar(), "menu bar")
        if isinstance(w, QDockWidget):
            add(f"{name} title", w.windowTitle())
        if isinstance(w, QMenu):
            add(f"{name} title", w.title())
            actions(w, name)
        if isinstance(w, QLabel) and w.textFormat() != Qt.TextFormat.RichText:
            add(f"{name} {w.objectName()}", w.text())
        if isinstance(w, QAbstractButton):
            add(f"{name} {w.objectName()}", w.text())
        if isinstance(w, QGroupBox):
            add(f"{name} title", w.title())
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(f"{name} tab", w.tabText(i))
        if isinstance(w, QComboBox) and not w.isEditable():
            for i in range(w.count()):
                add(f"{name} item", w.itemText(i))
        if isinstance(w, QLineEdit):
            add(f"{name} placeholder", w.placeholderText())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            try:
                columns = m.columnCount()
            except TypeError:  # a QListWidget's model: columnCount is private in PySide6, no header
                columns = 0
            for c in range(columns):
                add(f"{name} header", m.headerData(c, Qt.Orientation.Horizontal))
        add(f"{name} tooltip", w.toolTip())
    return out


def english_left(widget, data=()) -> list[tuple[str, str]]:
    """``(where, text)`` of the interface texts under ``widget`` that hold an English word.

    Parameters
    ----------
    widget : QWidget
    data : iterable of str
        Texts that are data, not interface (layer titles, attribute names, values, paths).
    """
    data = frozenset(str(d) for d in data)
    return [(where, text) for where, text in interface_texts(widget) if english_words(text, data)]
