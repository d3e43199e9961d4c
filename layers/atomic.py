"""Atomic file writes: write to a temporary file beside the target, then rename over it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import ExportError


def write_atomic(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path`` in one rename.

    A failure leaves any existing ``path`` untouched and removes the temporary file.

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
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.stem}-", suffix=dest.suffix, dir=dest.parent)
    except OSError as exc:  # read-only or special file system (/proc), no permission
        raise ExportError(f"{dest}: cannot write in {dest.parent} ({exc.strerror or exc})") from None
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp creates 0600; give the file the permissions a plain open() would (0666 & ~umask)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
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
    return dest


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write UTF-8 ``text`` to ``path`` atomically (see :func:`write_atomic`)."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
