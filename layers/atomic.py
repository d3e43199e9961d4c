"""Atomic file writes: write to a temporary file beside the target, then rename over it.

An interrupted write (the process killed mid-way, ``kill -9``, a power cut) leaves the old file
intact. It may also leave its temporary file behind: those are named ``.NAME.atlas-tmp-XXXXXXXX.EXT``
and the writer holds an exclusive ``flock`` on it while writing, so the next write into the same
folder removes every such file whose lock it can take -- its writer is gone -- and never one that is
being written (issue 8, item 7). Where ``flock`` does not exist (Windows), leftovers older than
:data:`STALE_SECONDS` are removed instead.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .errors import ExportError

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

#: Marker in the names of temporary files (never a name a user would give a file).
TMP_MARK = ".atlas-tmp-"
#: Without flock: age (seconds) after which a leftover temporary file is taken as abandoned.
STALE_SECONDS = 3600.0
_LEFTOVER = re.compile(r"^\..*" + re.escape(TMP_MARK) + r"[A-Za-z0-9_]{8}(\.[^.]*)?$")
#: Marker of the outputs of a :class:`Staging`, written whole and waiting to be renamed together.
PART_MARK = ".atlas-part-"
_PART = re.compile(r"^\..*" + re.escape(PART_MARK) + r"(\d+)(\.[^.]*)?$")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's) or cannot tell: keep its files
    return True


class Staging:
    """Outputs written beside their destinations and renamed into place together (issue 16: an
    export never leaves one output and then fails on the next).

    ``stage(dest)`` gives the path to write (``.NAME.atlas-part-PID.EXT`` beside ``dest``, the
    suffix kept so writers that go by it still work); :meth:`commit` renames every staged file onto
    its destination; :meth:`discard` deletes them. Staged files of a process that died before
    committing are removed by the next write into the folder (:func:`remove_leftovers`).
    """

    def __init__(self) -> None:
        self.files: dict[Path, Path] = {}

    def stage(self, dest: str | Path) -> Path:
        """The path to write ``dest``'s content to (absolute)."""
        final = Path(dest).expanduser().resolve()
        part = final.with_name(f".{final.stem[:200]}{PART_MARK}{os.getpid()}{final.suffix}")
        self.files[part] = final
        return part

    def final(self, written: str | Path) -> Path:
        """The destination of a staged path (``written`` itself if it was not staged)."""
        p = Path(written).expanduser().resolve()
        return self.files.get(p, p)

    def commit(self) -> list[Path]:
        """Rename every staged file onto its destination; returns the destinations. A destination
        that is a folder is refused before anything is renamed.

        Raises
        ------
        IsADirectoryError
            A destination is a folder.
        """
        for part, final in self.files.items():
            if final.is_dir():
                raise IsADirectoryError(21, "is a folder", str(final))
        for part, final in self.files.items():
            os.replace(part, final)
        return list(self.files.values())

    def discard(self) -> None:
        """Delete the staged files (those written so far)."""
        for part in self.files:
            try:
                part.unlink()
            except OSError:
                pass

    def user_text(self, text: str) -> str:
        """``text`` (an error message) with staged paths and names replaced by the user's."""
        for part, final in self.files.items():
            text = text.replace(str(part), str(final)).replace(part.name, final.name)
        return text


def remove_leftovers(folder: str | Path) -> list[Path]:
    """Delete the temporary files that interrupted writes left in ``folder``.

    Parameters
    ----------
    folder : str or Path

    Returns
    -------
    list of Path
        The files removed (none when the folder cannot be listed).
    """
    removed = []
    try:
        names = [p for p in Path(folder).iterdir() if p.name.startswith(".")]
    except OSError:
        return removed
    candidates = [p for p in names if _LEFTOVER.match(p.name) and p.is_file()]
    for p in names:
        m = _PART.match(p.name)
        if m and p.is_file() and not _process_alive(int(m.group(1))):
            try:
                p.unlink()
                removed.append(p)
            except OSError:
                pass
    for p in candidates:
        if _abandoned(p):
            try:
                p.unlink()
                removed.append(p)
            except OSError:
                pass
    return removed


def _abandoned(p: Path) -> bool:
    if fcntl is None:
        try:
            return time.time() - p.stat().st_mtime > STALE_SECONDS
        except OSError:
            return False
    try:
        fd = os.open(p, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True  # nobody holds it: its writer died
    except OSError:
        return False  # being written right now
    finally:
        os.close(fd)  # closing releases our lock


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` in one rename.

    A failure leaves any existing ``path`` untouched and removes the temporary file; temporary
    files of earlier, interrupted writes in the same folder are removed first
    (:func:`remove_leftovers`).

    Parameters
    ----------
    path : str or Path
        Destination.
    write : callable
        Writes the whole file at the given temporary path (same directory, same suffix).

    Returns
    -------
    Path
        The destination, resolved.

    Raises
    ------
    ExportError
        The directory does not exist or is not writable, or ``write`` failed.
    """
    dest = Path(path).expanduser().resolve()
    if not dest.parent.is_dir():
        raise ExportError(f"{dest}: folder {dest.parent} does not exist")
    remove_leftovers(dest.parent)
    try:
        # the stem shortened so the temporary name fits where the destination's does (255 bytes)
        stem = dest.stem.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{stem}{TMP_MARK}", suffix=dest.suffix[:20], dir=dest.parent)
    except OSError as exc:  # read-only or special file system (/proc), no permission
        raise ExportError(f"{dest}: cannot write in {dest.parent} ({exc.strerror or exc})") from None
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held until the rename: "being written" (remove_leftovers)
    tmp = Path(tmp_name)
    # mkstemp creates 0600; give the file the permissions a plain open() would (0666 & ~umask)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        write(tmp)
        os.replace(tmp, dest)
    except ExportError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    return dest


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`write_atomic`)."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
