"""Atomic writes: a killed export keeps the old file, and its temporary file is cleaned up by the
next write into the folder, never while another process is still writing it (issue 8, item 7)."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from asean_atlas.layers.atomic import TMP_MARK, remove_leftovers, write_atomic, write_text_atomic
from asean_atlas.layers.errors import ExportError

# a writer that writes half a file, says so, and waits to be killed
SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from asean_atlas.layers.atomic import write_atomic

    def write(tmp):
        with open(tmp, "wb") as f:
            f.write(b"half a PNG")
            f.flush()
            print(tmp, flush=True)
            time.sleep(60)

    write_atomic(sys.argv[1], write)
    """
)


def _start_writer(dest):
    proc = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(dest)], stdout=subprocess.PIPE, text=True)
    tmp = proc.stdout.readline().strip()
    assert tmp, "the writer did not start"
    return proc, tmp


@pytest.mark.skipif(os.name != "posix", reason="kill -9 and flock")
def test_killed_write_keeps_old_file_and_its_litter_goes_next_time(tmp_path):
    dest = tmp_path / "map.png"
    dest.write_bytes(b"the old map")
    proc, tmp = _start_writer(dest)
    assert TMP_MARK in tmp and os.path.dirname(tmp) == str(tmp_path)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert dest.read_bytes() == b"the old map"  # untouched
    leftovers = [p.name for p in tmp_path.iterdir() if TMP_MARK in p.name]
    assert len(leftovers) == 1  # the litter a killed process leaves...
    write_text_atomic(tmp_path / "other.html", "<p>next export</p>")
    assert [p.name for p in tmp_path.iterdir() if TMP_MARK in p.name] == []  # ...is gone after the next write
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png", "other.html"]


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_write_in_progress_is_never_removed(tmp_path):
    proc, tmp = _start_writer(tmp_path / "slow.gif")
    try:
        assert remove_leftovers(tmp_path) == []
        write_text_atomic(tmp_path / "fast.html", "x")
        assert os.path.exists(tmp)  # the other process is still writing it
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert [p.name for p in remove_leftovers(tmp_path)] == [os.path.basename(tmp)]


def test_failed_write_leaves_nothing(tmp_path):
    dest = tmp_path / "a.png"
    dest.write_bytes(b"old")

    def boom(tmp):
        tmp.write_bytes(b"partial")
        raise ValueError("renderer failed")

    with pytest.raises(ValueError):
        write_atomic(dest, boom)
    assert dest.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["a.png"]
    with pytest.raises(ExportError, match="does not exist"):
        write_text_atomic(tmp_path / "missing" / "x.html", "x")


def test_user_files_that_look_hidden_are_left_alone(tmp_path):
    for name in (".map-abcdefgh.png", ".hidden", f".x{TMP_MARK}short.png", "map.atlas-tmp-abcdefgh.png"):
        (tmp_path / name).write_text("user data")
    old = time.time() - 10 * 86400
    for p in tmp_path.iterdir():
        os.utime(p, (old, old))
    assert remove_leftovers(tmp_path) == []
    assert len(list(tmp_path.iterdir())) == 4
