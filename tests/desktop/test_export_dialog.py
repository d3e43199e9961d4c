"""File > Export map… (issue 12 items 1 and 8): presets, DPI, layout choices, a live preview of
the page, remembered choices, the canvas's centre and scale kept, and the same file from the
command line the dialog shows."""

import shlex

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.export import export_page_view
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.layers.export_options import parse_size


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings().clear()
    win = MainWindow(build_document([], year=2024))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def _rgb(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    data = np.frombuffer(bytes(image.constBits()), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
    return data[:, : image.width() * 3].reshape(image.height(), image.width(), 3)


def test_presets_preview_and_remembered_choices(window, tmp_path, qtbot):
    dlg = window.make_export_dialog()
    dlg.size.setCurrentIndex(dlg.size.findData("A4-landscape"))
    dlg.dpi.setValue(150)
    dlg.legend.setCurrentIndex(dlg.legend.findData("bottom"))
    opts = dlg.options()
    assert (opts.width, opts.height) == parse_size("A4-landscape", 150) == (1754, 1240)
    first = dlg.update_preview()
    assert first is not None and abs(first.width() / first.height() - 1754 / 1240) < 0.01
    assert max(first.width(), first.height()) <= 460
    dlg.legend.setCurrentIndex(dlg.legend.findData("off"))
    second = dlg.update_preview()
    assert np.abs(_rgb(first).astype(int) - _rgb(second).astype(int)).mean() > 1  # the preview follows
    dlg.format.setCurrentIndex(dlg.format.findData(".pdf"))
    out = dlg.export(tmp_path / "map")
    assert out.name == "map.pdf" and out.read_bytes().startswith(b"%PDF")
    again = window.make_export_dialog()  # remembered (QSettings)
    assert again.size.currentData() == "A4-landscape" and again.dpi.value() == 150
    assert again.legend.currentData() == "off" and again.format.currentData() == ".pdf"


def test_the_frame_keeps_the_canvas_centre_and_scale(window):
    window.canvas.viewport.zoom(2.0)
    dlg = window.make_export_dialog()
    dlg.size.setCurrentIndex(dlg.size.findData("square"))
    dlg.dpi.setValue(192)
    opts = dlg.options()
    page = export_page_view(window.document, opts).page
    canvas = window.canvas.viewport
    assert page.viewport.cx == pytest.approx(canvas.cx, rel=1e-6, abs=1.0)
    assert page.viewport.cy == pytest.approx(canvas.cy, rel=1e-6, abs=1.0)
    # twice the DPI: the same ground per page inch, so half the metres per pixel
    assert page.viewport.resolution == pytest.approx(canvas.resolution / 2, rel=1e-3)


def test_the_command_line_shown_writes_the_same_png(window, tmp_path):
    dlg = window.make_export_dialog()
    dlg.size.setCurrentIndex(dlg.size.findData("16:9"))
    dlg.title.setText("Cables, 2024")
    dlg.north_arrow.setChecked(False)
    dlg.locator.setChecked(True)
    dlg.format.setCurrentIndex(dlg.format.findData(".png"))
    from_window = dlg.export(tmp_path / "window.png")
    command = shlex.split(dlg.command_line(str(tmp_path / "cli")))
    assert command[:2] == ["asean-atlas", "export"] and "--no-north-arrow" in command and "--year" in command
    assert "--locator" in command
    assert main(command[1:]) == 0
    a, b = QImage(str(from_window)), QImage(str(tmp_path / "cli.png"))
    assert (a.width(), a.height()) == (b.width(), b.height()) == (1600, 900)
    assert np.array_equal(_rgb(a), _rgb(b))  # pixel-identical (headless = GUI)


def test_bad_custom_size_is_said_in_the_dialog(window):
    dlg = window.make_export_dialog()
    dlg.size.setCurrentIndex(dlg.size.findText("Custom, millimetres"))
    dlg.dpi.setValue(600)  # 2 m x 2 m at 600 DPI: 47,244 pixels a side
    dlg.width_box.setValue(2000)
    dlg.height_box.setValue(2000)
    assert dlg.update_preview() is None and "outside 16..20000 px" in dlg.error.text()
    dlg.width_box.setValue(200)
    dlg.height_box.setValue(150)
    assert dlg.update_preview() is not None and dlg.error.text() == ""
    assert dlg.size_argument() == "200x150mm" and (dlg.options().width, dlg.options().height) == (4724, 3543)


def test_html_from_the_dialog_is_the_command_lines_byte_for_byte(window, tmp_path):
    """Issue 12 items 1 and 8: the HTML page shares the dialog (title, size, centre and scale)
    and the command it shows writes the same bytes."""
    dlg = window.make_export_dialog(".html")
    assert dlg.format.currentData() == ".html"
    assert not dlg.legend.isEnabled() and not dlg.fps.isEnabled() and dlg.title.isEnabled()
    dlg.title.setText("Cables <b>2024</b>")
    from_window = dlg.export(tmp_path / "window")
    assert from_window.suffix == ".html"
    command = shlex.split(dlg.command_line(str(tmp_path / "cli")))
    assert "--html" in command and "--center" in " ".join(command)
    assert main(command[1:]) == 0
    assert from_window.read_bytes() == (tmp_path / "cli.html").read_bytes()


@pytest.mark.parametrize("suffix", [".gif", ".mp4"])
def test_animation_from_the_dialog(window, tmp_path, suffix):
    """Issue 12 items 1, 5 and 8: GIF and MP4 from the dialog: the Time dock's steps, the chosen
    size, step duration (and frame rate), a progress dialog; the command shown writes the same
    frames."""
    import imageio.v3 as iio

    doc = window.document
    doc.time.set_range(2018, 2021)
    dlg = window.make_export_dialog(suffix)
    dlg.size.setCurrentIndex(dlg.size.findText("Custom, pixels"))
    dlg.width_box.setValue(320)
    dlg.height_box.setValue(200)
    dlg.frame_ms.setValue(400)
    dlg.fps.setValue(10)
    assert dlg.frame_ms.isEnabled() and dlg.fps.isEnabled() == (suffix == ".mp4")
    assert dlg.steps.text().startswith("4 steps, 2018 to 2021")
    out = dlg.export(tmp_path / "window")
    assert dlg.progress_dialog.maximum() == 4
    command = shlex.split(dlg.command_line(str(tmp_path / "cli")))
    assert command[command.index("--from") + 1] == "2018" and command[command.index("--to") + 1] == "2021"
    assert command[command.index("--frame-ms") + 1] == "400"
    assert main(command[1:]) == 0
    a, b = iio.imread(out), iio.imread(tmp_path / f"cli{suffix}")
    if suffix == ".gif":
        assert a.shape[:3] == b.shape[:3] == (4, 200, 320)
    else:  # each step held 400 ms at 10 fps: 4 frames a step
        assert a.shape[:3] == b.shape[:3] == (16, 200, 320)
    assert np.array_equal(a, b)


def test_window_mode_time_in_the_command_and_what_it_leaves_out(window, tmp_path):
    """The command shown carries the time's mode (a window-mode 2015 wrote another map), and the
    dialog says what only --project carries (a hidden layer)."""
    doc = window.document
    doc.time.set_mode("window")
    doc.set_year(2015)
    dlg = window.make_export_dialog(".png")
    dlg.size.setCurrentIndex(dlg.size.findText("Custom, pixels"))
    dlg.width_box.setValue(640)
    dlg.height_box.setValue(400)
    command = shlex.split(dlg.command_line(str(tmp_path / "cli")))
    assert command[command.index("--year") + 1] == "2015" and command[command.index("--mode") + 1] == "window"
    assert dlg.command_note() == ""
    out = dlg.export(tmp_path / "window.png")
    assert main(command[1:]) == 0
    assert np.array_equal(_rgb(QImage(str(out))), _rgb(QImage(str(tmp_path / "cli.png"))))
    doc.layers[0].set_visible(False)
    assert "--project" in dlg.command_note() and "visibility" in dlg.command_note()


def test_pdf_from_the_dialog_is_the_command_lines_byte_for_byte(window, tmp_path, monkeypatch):
    """Issue 12 item 8: the PDF holds no time of writing and no random id (Qt wrote both), so the
    same options give the same bytes; its dates follow SOURCE_DATE_EPOCH."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01T00:00:00Z
    dlg = window.make_export_dialog(".pdf")
    dlg.size.setCurrentIndex(dlg.size.findText("Custom, pixels"))
    dlg.width_box.setValue(500)
    dlg.height_box.setValue(350)
    out = dlg.export(tmp_path / "window")
    assert main(shlex.split(dlg.command_line(str(tmp_path / "cli")))[1:]) == 0
    data = out.read_bytes()
    assert data == (tmp_path / "cli.pdf").read_bytes()
    assert b"/CreationDate (D:20251201000000Z)" in data and b'xmp:CreateDate="2025-12-01T00:00:00+00:00"' in data
