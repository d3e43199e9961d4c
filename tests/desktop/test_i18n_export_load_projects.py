"""File > Export map…, the loader (its progress dialog and Add layer with encoding/CRS…) and the
projects' texts in Chinese (issue 13): with a zh_CN or zh_TW catalogue installed, no interface
text of the export dialog (in each of its formats), of the reading-options dialog or of the loading
progress dialog is left in English. The catalogues are ``resources/i18n``'s, with Qt's own
(``qtbase``), installed as the application does; that they hold every string of the code is
tested in test_i18n.py.
"""

import re
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from asean_atlas.desktop.cli import build_document
from asean_atlas.desktop.export_dialog import FORMATS
from asean_atlas.desktop.loader import LayerLoader, LoadOptionsDialog, LoadRequest
from asean_atlas.desktop.main_window import MainWindow
from asean_atlas.desktop.projects import project_filter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from i18n_walk import english_left, english_words  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCES = [ROOT / "desktop" / "export_dialog.py", ROOT / "desktop" / "loader.py", ROOT / "desktop" / "projects.py"]
LANGS = {"zh_CN": 0, "zh_TW": 1}
#: What the export dialog's note quotes of the command line: a command, shown as it is.
COMMAND_TEXT = "--project FILE.atlas.json"


def _tool(name: str) -> Path:
    tool = Path(sys.executable).with_name(name)
    if not tool.exists():
        pytest.skip(f"{name} not installed")
    return tool


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    QSettings().clear()
    win = MainWindow(build_document([], year=2024))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for loader in list(win.loaders):
        loader.cancel()
        loader.wait()


def _layer_data(window) -> set[str]:
    return {lyr.title for lyr in window.document.layers} | {window.document.title or ""}


def test_export_dialog_in_chinese_in_every_format(window, chinese):
    # a hidden layer: the command line shown cannot hold it, and the dialog's note says so
    window.document.layers[0].visible = False
    data = _layer_data(window) | {COMMAND_TEXT}
    for label, suffix in FORMATS:
        dlg = window.make_export_dialog(suffix)
        try:
            assert dlg.format.currentData() == suffix
            dlg.update_preview()
            assert dlg.error.text() == "", (suffix, dlg.error.text())
            assert dlg.note.text() and COMMAND_TEXT in dlg.note.text()
            if suffix in (".gif", ".mp4"):
                assert dlg.steps.text()
            assert dlg.format.currentText() != label  # shown translated
            data_here = data | {dlg.title.text()}
            assert english_left(dlg, data_here) == [], suffix
            for text in (dlg.pixels.text(), dlg.steps.text(), dlg.frame_ms.suffix(), dlg.fps.suffix()):
                assert english_words(text, data_here) == [], (suffix, text)
        finally:
            dlg.deleteLater()
    # every size choice, with the custom sizes' logic kept (millimetres) whatever the language
    dlg = window.make_export_dialog(".png")
    for i in range(dlg.size.count()):
        dlg.size.setCurrentIndex(i)
        assert english_words(dlg.size.currentText()) == []
    dlg.size.setCurrentIndex(dlg.size.count() - 1)
    assert dlg.size_argument().endswith("mm")
    dlg.size.setCurrentIndex(dlg.size.count() - 2)
    assert not dlg.size_argument().endswith("mm")
    dlg.deleteLater()


def test_reading_options_and_progress_dialogs_in_chinese(window, chinese, tmp_path):
    path = tmp_path / "stations.csv"
    path.write_text("name,lon,lat\nBangkok,100.5,13.7\n", encoding="utf-8")
    for paths in ([str(path)], []):
        dlg = LoadOptionsDialog(window, paths)
        try:
            assert english_left(dlg, {str(path)}) == []
            # the encoding list is editable (the walk skips it): its labels, by hand
            for i in range(dlg.encoding_box.count()):
                # code-page names, as a Chinese interface writes them too (TIS-620 is not in the
                # walk's list; "Big5" is, but its word pattern reads "Big")
                assert english_words(dlg.encoding_box.itemText(i), {"TIS-620", "Big5"}) == [], \
                    dlg.encoding_box.itemText(i)
            # a translated label still gives its codec
            dlg.encoding_box.setCurrentIndex(4)
            assert dlg.encoding() == "big5"
            dlg.encoding_box.setCurrentIndex(0)
            assert dlg.encoding() is None
            if paths:
                assert dlg.detected.text() and english_words(dlg.detected.text()) == []
        finally:
            dlg.deleteLater()

    loader = LayerLoader(LoadRequest(str(path)), window)
    try:
        assert english_left(loader.dialog, {str(path)}) == []
        loader._on_progress(1234, 5000)
        assert english_words(loader.dialog.labelText(), {str(path)}) == []
        loader.cancel()
        assert english_words(loader.dialog.labelText()) == []
    finally:
        loader.dialog.deleteLater()
        loader.deleteLater()


def test_project_texts_in_chinese(window, chinese):
    window._update_title()
    assert english_words(window.windowTitle()) == [], window.windowTitle()
    # the file dialogs' filter: the patterns kept, the words translated
    flt = project_filter()
    assert ".atlas.json" in flt and "(*)" in flt
    assert english_words(re.sub(r"\(\*[^)]*\)", "", flt)) == [], flt
    assert QCoreApplication.translate("ProjectController", "Unsaved changes") != "Unsaved changes"




def test_load_errors_and_warnings_in_chinese(window, chinese, tmp_path):
    """What the reader says about a file (layers/io.py: its errors, its report's warnings and
    notes) reaches the user in the interface's language; the file's own words (its name, the
    feature's name) stay as they are."""
    window.interactive = False  # messages go to the status bar and the lists, no dialog to wait on
    gaps = tmp_path / "gaps.csv"
    gaps.write_text("name,lon,lat\nA,100,10\nB,,\nC,101,11\n", encoding="utf-8")
    (layer,) = window.open_files([str(gaps)], background=False)
    shown = window.warnings_shown[-1]
    assert shown.startswith(f"{gaps}:\n• ") and '"B"' in shown
    assert english_words(shown, {str(gaps), '"B"'}) == [], shown
    assert ("1 个要素没有几何" if chinese == "zh_CN" else "1 個圖徵沒有幾何") in shown
    status = window.statusBar().currentMessage()
    assert english_words(status, {layer.title, str(gaps), "EPSG:4326", "UTF-8", '"B"'}) == [], status
    # str() of the report stays English (command line, logs)
    assert layer.report.warnings[0].startswith("1 feature without geometry")

    missing = tmp_path / "gone.geojson"
    assert window.open_files([str(missing)], background=False) == []
    assert window.last_error == f"{missing}: " + ("找不到文件" if chinese == "zh_CN" else "找不到檔案")

    utm = tmp_path / "utm.csv"
    utm.write_text("name,x,y\nA,650000,1500000\n", encoding="utf-8")
    assert window.open_files([str(utm)], background=False) == []
    assert window.last_error.startswith(f"{utm}: ") and "EPSG:32647" in window.last_error
    assert english_words(window.last_error, {str(utm)}) == [], window.last_error


def test_background_load_needing_a_crs_does_not_wait_on_a_dialog(window, tmp_path, qtbot):
    """A script (interactive False) loading in the background a file whose CRS must be chosen:
    the error is said, nothing blocks (the break-it pass saw it hang)."""
    window.interactive = False
    utm = tmp_path / "utm {0}.csv"
    utm.write_text("name,x,y\nA,650000,1500000\n", encoding="utf-8")
    window.open_files([str(utm)], background=True)
    qtbot.waitUntil(lambda: window.last_error is not None and str(utm) in window.last_error, timeout=20000)
    assert "EPSG:32647" in window.last_error


def test_postgis_dialog_in_chinese(window, chinese, monkeypatch):
    from PySide6.QtCore import QAbstractListModel

    from asean_atlas.desktop.postgis_dialog import SSL_MODES, PostGISDialog

    monkeypatch.setattr(QAbstractListModel, "columnCount", lambda self, parent=None: 1)
    dlg = PostGISDialog(window)
    try:
        assert english_left(dlg, {"localhost", "pg_service.conf", ".pgpass", *SSL_MODES}) == []
    finally:
        dlg.deleteLater()
