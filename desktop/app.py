"""Application start-up: the ``asean-atlas`` entry point and the window loop."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .cli import build_document
from .cli import main as cli_main


def run_window(
    files: Sequence[str],
    year: int | None = None,
    builtin: bool = True,
    screenshot: str | None = None,
    size: tuple[int, int] = (1400, 900),
) -> int:
    """Open the main window with the built-in layers and ``files``; return the exit status.

    A file that fails to load shows a dialog; the window opens with the other layers.
    With ``screenshot``, the window is saved as PNG once the map has been painted and the
    program exits (0 on success).
    """
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "asean-atlas"])
    app.setApplicationName("ASEAN Digital Atlas")
    doc = build_document([], builtin=builtin, year=year)
    window = MainWindow(doc)
    window.resize(*size)
    # a screenshot must wait for every layer: no background loading then (issue 4)
    window.open_files(list(files), background=False if screenshot else None)
    if year is not None:
        doc.set_year(year)
    if not builtin and files:
        window.canvas._pending_bbox = doc.full_extent() or window.canvas._pending_bbox
    window.show()
    if screenshot:
        status = {"code": 1}

        def grab() -> None:
            from asean_atlas.layers.atomic import write_atomic

            image = window.grab()

            def write(tmp):
                if not image.save(str(tmp), "PNG"):
                    raise OSError("Qt could not write the PNG")

            write_atomic(screenshot, write)
            print(f"wrote {screenshot}")
            status["code"] = 0
            app.quit()

        def on_painted() -> None:
            window.canvas.painted.disconnect(on_painted)
            QTimer.singleShot(200, grab)

        window.canvas.painted.connect(on_painted)
        QTimer.singleShot(30000, app.quit)  # never hang a script
        app.exec()
        return status["code"]
    return app.exec()


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point (``asean-atlas``)."""
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
