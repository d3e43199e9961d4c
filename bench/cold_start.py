"""Cold start of the Atlas (issue 9): seconds from the process launch (``BENCH_T0``, the
launcher's ``time.time()``) to the first painted main window with the built-in layers, offscreen.
Prints ``{"first_paint_s": ...}`` and exits."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    t0 = float(os.environ.get("BENCH_T0", time.time()))
    import geopandas  # noqa: F401  (as the app does: before PySide6, see desktop/cli.run_gui)
    from PySide6.QtWidgets import QApplication

    from asean_atlas.desktop.cli import build_document
    from asean_atlas.desktop.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window = MainWindow(build_document([]))
    window.resize(1400, 900)

    def painted() -> None:
        print(json.dumps({"first_paint_s": time.time() - t0}), flush=True)
        os._exit(0)

    window.canvas.painted.connect(painted)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
