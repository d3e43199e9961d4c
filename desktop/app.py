"""Application start-up: the ``asean-atlas`` entry point and the window loop."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from .cli import build_document
from .cli import main as cli_main

# Qt is imported by run_window, not here: the ``asean-atlas`` entry point imports this module,
# and the data stack (geopandas, pandas, pyarrow) must be imported before PySide6
# (desktop/cli.run_gui). PySide6's import hook reads the source of every module imported after it
# and linecache keeps it: ~0.1 s and ~30 MB of memory for pandas' modules (issue 9).


def _quiet_offscreen_warnings() -> None:
    """Drop the offscreen platform's "does not support propagateSizeHints()" notice, which says
    nothing to a user and would break the one-line-per-error promise of ``--screenshot``."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(mode, context, message):  # noqa: ARG001 (Qt's signature)
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def run_window(
    files: Sequence[str],
    year: int | None = None,
    builtin: bool = True,
    screenshot: str | None = None,
    size: tuple[int, int] = (1400, 900),
    project: str | None = None,
    lang: str | None = None,
    startup=None,
    doc=None,
    fit_screen: bool = False,
) -> int:
    """Open the main window with the built-in layers and ``files``; return the exit status.

    A file that fails to load shows a dialog; the window opens with the other layers.
    With ``screenshot``, the window is saved as PNG once the map has been painted and the
    program exits: 0 on success, 2 when a file could not be loaded or the picture not written
    (each error on one line of stderr). No dialog is opened then: a GeoPackage loads all its
    layers, a file needing a CRS fails with its message.

    ``lang`` (``"en"``, ``"zh_CN"``, ``"zh_TW"``) is the interface language; default the one chosen
    in View > Language, else the system locale's (:mod:`.i18n`). The map's labels follow it.

    ``startup`` (a :class:`.startup.StartupPicture`, or None): the start-up picture shown while the
    Atlas loaded; the window takes its place and replaces it once the map has painted. ``doc``:
    the document of the built-in layers when it was read already (on the start-up worker thread).
    ``fit_screen``: make ``size`` smaller where the screen's free area is (:func:`.startup.fit_to_screen`).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from . import words
    from .main_window import MainWindow

    _quiet_offscreen_warnings()
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "asean-atlas"])
    app.setApplicationName("ASEAN Digital Atlas")
    app.setOrganizationName("asean-atlas")
    from . import i18n

    language = i18n.install(app, i18n.choose_language(lang))
    if fit_screen:
        from .startup import fit_to_screen

        size = fit_to_screen(size)
    if doc is None:
        doc = build_document([], builtin=builtin, year=year)
    doc.language = language
    window = MainWindow(doc)
    if startup is not None and startup.cancelled:
        window.close()
        return 0  # the picture window was closed while the window was being built
    window.resize(*size)
    if startup is not None:
        startup.place(window)
    window.interactive = not screenshot
    if project:
        if not window.open_project(project):
            window.errors.append(window.last_error or f"{project}: not opened")
    elif not screenshot:
        # a session that did not end cleanly (a crash, kill -9) left its autosave: restore it
        from .projects import restore_autosave

        restore_autosave(window)
    # a screenshot must wait for every layer: no background loading then (issue 4)
    window.open_files(list(files), background=False if screenshot else None)
    if year is not None:
        doc.set_year(year)
    if not builtin and files:
        from asean_atlas.layers.export_options import map_bbox

        extent = doc.full_extent()
        window.canvas._pending_bbox = map_bbox(extent) if extent else window.canvas._pending_bbox
    if startup is not None:
        startup.hand_over(window)
    else:
        from .startup import record_first_paint

        record_first_paint(window)
    window.show()
    if screenshot:
        status = {"code": 1}

        def grab() -> None:
            from asean_atlas.layers.atomic import write_atomic
            from asean_atlas.layers.errors import AtlasError, ExportError

            image = window.grab()

            def write(tmp):
                if not image.save(str(tmp), "PNG"):
                    raise ExportError(f"{screenshot}: Qt could not write the PNG")

            try:
                write_atomic(screenshot, write)
            except AtlasError as exc:
                window.errors.append(words.error_text(exc))
            else:
                print(f"wrote {screenshot}")
            # a file that did not load is an error of the command, even with the picture saved
            for text in window.errors:
                print(f"asean-atlas: error: {text}", file=sys.stderr)
            status["code"] = 2 if window.errors else 0
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
