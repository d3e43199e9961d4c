"""MP4 (H.264) export of the time playback (issue 12 item 5): frame count, size, codec, the
date stamp on the frames, determinism, Cancel, the CLI and the window."""

import re
import subprocess

import imageio_ffmpeg
import numpy as np
import pytest

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.export import animation_filters, export_mp4, mp4_frame_repeats
from asean_atlas.layers.errors import ExportError
from asean_atlas.layers.export_options import ExportOptions


def _probe(path):
    """(frames, width, height, codec, pixel format) read back with the packaged ffmpeg."""
    exe = imageio_ffmpeg.get_ffmpeg_exe()
    text = subprocess.run([exe, "-hide_banner", "-i", str(path)], capture_output=True, text=True).stderr
    stream = next(line for line in text.splitlines() if "Video:" in line)
    frames, _seconds = imageio_ffmpeg.count_frames_and_secs(str(path))
    w, h = (int(v) for v in re.search(r"\b(\d{2,5})x(\d{2,5})\b", stream).groups())
    return frames, w, h, "h264" in stream, "yuv420p" in stream


def _frame(path, index, size):
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    assert tuple(meta["size"]) == size
    for i, data in enumerate(reader):
        if i == index:
            reader.close()
            return np.frombuffer(data, dtype=np.uint8).reshape(size[1], size[0], 3)
    raise AssertionError("frame not found")


def test_mp4_frames_size_codec_and_dates(tmp_path, qapp):
    doc = build_document([])
    filters = animation_filters(doc, 2018, 2021, "1y")
    assert [f.label for f in filters] == ["2018", "2019", "2020", "2021"]
    opts = ExportOptions(width=641, height=401, bbox=(92, -11, 141, 29))  # odd: made even
    out = export_mp4(doc, tmp_path / "t.mp4", opts, filters, frame_ms=200, fps=10)
    assert mp4_frame_repeats(200, 10) == 2
    frames, w, h, h264, yuv420 = _probe(out)
    assert (frames, w, h, h264, yuv420) == (8, 640, 400, True, True)
    # each step is its own picture: the first and last steps differ (more cables by 2021), while
    # the two video frames of one step are the same picture
    a, b = _frame(out, 0, (640, 400)), _frame(out, 1, (640, 400))
    z = _frame(out, 7, (640, 400))
    assert np.abs(a.astype(int) - b.astype(int)).mean() < 1.0
    assert np.abs(a.astype(int) - z.astype(int)).mean() > 0.2
    again = export_mp4(doc, tmp_path / "u.mp4", opts, filters, frame_ms=200, fps=10)
    assert again.read_bytes() == out.read_bytes()  # deterministic (bit-exact flags, no timestamps)


def test_mp4_cancel_writes_nothing(tmp_path, qapp):
    doc = build_document([])
    filters = animation_filters(doc, 2018, 2021, "1y")
    with pytest.raises(ExportError, match="cancelled"):
        export_mp4(doc, tmp_path / "c.mp4", ExportOptions(width=320, height=200), filters,
                   progress=lambda done, total: done < 2)
    assert list(tmp_path.iterdir()) == []


def test_mp4_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "a.mp4"
    assert main(["export", "--mp4", str(out), "--from", "2019", "--to", "2021", "--size", "480x300",
                 "--frame-ms", "400", "--fps", "5"]) == 0
    assert "(3 steps, 6 frames at 5 fps, 2019 to 2021)" in capsys.readouterr().out
    assert _probe(out)[:3] == (6, 480, 300)
    assert main(["export", "--mp4", str(tmp_path / "a.avi")]) == 2
    assert main(["export", "--mp4", str(out), "--fps", "500"]) == 2
    assert "--fps 500" in capsys.readouterr().err


def test_mp4_from_the_window(qtbot, tmp_path):
    from asean_atlas.desktop.main_window import MainWindow

    win = MainWindow(build_document([]))
    qtbot.addWidget(win)
    win.resize(900, 600)
    win.document.time.set_range(2020, 2022)
    out = win.export_mp4(tmp_path / "w.mp4", width=320, fps=4)
    assert out is not None and _probe(out)[0] == 3 * mp4_frame_repeats(win.document.time.interval_ms, 4)
    assert win.export_mp4_action.text().startswith("Export time animation")
