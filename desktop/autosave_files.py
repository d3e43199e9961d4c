"""Where autosaves live and which one a crashed Atlas left (standard library only: the start-up
picture (:mod:`.startup`) asks before the data stack is imported)."""

from __future__ import annotations

import os
import re
from pathlib import Path

#: suffix of project files and autosaves (the same as :data:`asean_atlas.layers.project.SUFFIX`)
SUFFIX = ".atlas.json"


def autosave_dir() -> Path:
    """``$ATLAS_AUTOSAVE_DIR``, else ``$XDG_STATE_HOME/asean-atlas`` (``~/.local/state/asean-atlas``)."""
    folder = os.environ.get("ATLAS_AUTOSAVE_DIR")
    if not folder:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        folder = str(Path(base) / "asean-atlas")
    return Path(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def orphan_autosave() -> Path | None:
    """The newest autosave left by an Atlas that is no longer running (a crash, ``kill -9``)."""
    found = []
    for p in autosave_dir().glob(f"autosave-*{SUFFIX}"):
        m = re.match(r"autosave-(\d+)", p.name)
        if m and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))):
            try:
                found.append((p.stat().st_mtime, p))
            except OSError:
                continue
    return max(found)[1] if found else None
