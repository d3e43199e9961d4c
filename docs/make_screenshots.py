"""Rebuild the pictures of the docs: ``QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py``.

Writes docs/screenshot.png (the window on the built-in layers, time filter at 2024, the Midea
Chonburi factory identified) and docs/export-example.png (a headless PNG export).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from asean_atlas.desktop.cli import build_document, main  # noqa: E402
from asean_atlas.desktop.main_window import MainWindow  # noqa: E402

DOCS = Path(__file__).resolve().parent


def window_screenshot(path: Path) -> None:
    app = QApplication.instance() or QApplication([])
    doc = build_document([], year=2024)
    win = MainWindow(doc)
    win.resize(1500, 920)
    win.show()
    app.processEvents()
    win.canvas.zoom_to_bbox((94.0, -11.0, 128.0, 25.0))
    factories = next(lyr for lyr in doc.layers if lyr.source == "builtin:factories")
    row = int((factories.frame["name"].str.contains("Midea") & factories.frame["name"].str.contains("Chonburi|Chon Buri", regex=True)).to_numpy().argmax())
    win.canvas.select(factories, row)
    for _ in range(5):
        app.processEvents()
    win.grab().save(str(path))
    win.close()


if __name__ == "__main__":
    window_screenshot(DOCS / "screenshot.png")
    sys.exit(main(["export", "--year", "2024", "--size", "1600x1000", "--png", str(DOCS / "export-example.png")]))
