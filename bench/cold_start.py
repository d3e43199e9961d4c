"""Cold start of the Atlas (issue 9): seconds from the process launch (``BENCH_T0``, the
launcher's ``time.time()``) to the first painted window with the built-in layers, offscreen,
through the ``asean-atlas`` start-up path (:func:`asean_atlas.desktop.cli.main` with no arguments).

Prints ``{"first_paint_s": ..., "window_paint_s": ..., "picture": bool}`` and exits when the live
window's map has painted: ``first_paint_s`` is the first window on screen (the start-up picture
when one matched, :mod:`asean_atlas.desktop.startup`), ``window_paint_s`` the live main window's
first painted map. The launcher chooses the picture cache (``XDG_CACHE_HOME``) and whether
pictures are used (``ATLAS_STARTUP_PICTURE``)."""

from __future__ import annotations

import json
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    t0 = float(os.environ.get("BENCH_T0", time.time()))
    from asean_atlas.desktop import cli, startup

    def on_event(name: str, t: float) -> None:
        if name != "window":
            return
        first = min(when for _, when in startup.events)
        picture = any(n == "picture" for n, _ in startup.events)

        def done() -> None:
            print(json.dumps({"first_paint_s": first - t0, "window_paint_s": t - t0, "picture": picture}), flush=True)
            os._exit(0)

        if picture:
            done()
        else:  # let the new picture be written (the next runs show it)
            from PySide6.QtCore import QTimer

            deadline = time.time() + 5.0

            def wait() -> None:
                pic = _picture[0]
                writing = pic is not None and (pic.writer is None or pic.writer.is_alive())
                if writing and time.time() < deadline:
                    QTimer.singleShot(20, wait)
                else:
                    done()

            QTimer.singleShot(0, wait)

    _picture: list = [None]
    original = startup.StartupPicture.hand_over

    def hand_over(self, window):
        _picture[0] = self
        return original(self, window)

    startup.StartupPicture.hand_over = hand_over
    startup.listeners.append(on_event)
    cli.main([])


if __name__ == "__main__":
    main()
