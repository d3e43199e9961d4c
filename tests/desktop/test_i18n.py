"""The interface in English, 简体中文 and 繁體中文 (issue 13 items 1 and 7): catalogues complete and
current, no interface string that bypasses translation, the window without English in Chinese,
the language chosen by --lang / View > Language / the system locale."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QDockWidget

from asean_atlas.desktop import i18n
from i18n_walk import english_left, english_words

DESKTOP = Path(i18n.__file__).resolve().parent


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """``{(context, source): (translation, type)}`` of a .ts file."""
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            text = tr.text or "".join(nf.text or "" for nf in tr.findall("numerusform"))
            out[(name, msg.findtext("source"))] = (text, tr.get("type"))
    return out


#: A str.format field, with its format spec.
PLACEHOLDER = r"\{\w*(?::[^}]*)?\}"
#: What is not a word of the interface inside a translation: placeholders, file patterns, quoted
#: names ('geometry'), command-line options (--encoding, -spat, -oo SHAPE_RESTORE_SHX=YES) and
#: GeoJSON's type names.
NOT_WORDS = (PLACEHOLDER + r"|\*\.\w+|apt install|Debian/Ubuntu|'[\w.]+'|(?<![\w-])--?[A-Za-z][\w-]*"
             r"|\bSHAPE_RESTORE_SHX=YES\b|\bFeature(?:Collection)?\b|postgresql://…\?table=[\w.]+|\?table=[\w.]+")


@pytest.mark.parametrize("code", i18n.TRANSLATED)
def test_every_message_of_each_catalogue_is_translated(code):
    msgs = _messages(i18n.I18N_DIR / f"atlas_{code}.ts")
    assert len(msgs) > 300  # the whole interface, not a sample
    unfinished = [k for k, (text, kind) in msgs.items() if kind is not None or not text.strip()]
    assert unfinished == []
    # placeholders survive translation: "{n} layers" -> "{n} 个图层"
    # (with their format specs: "{ratio:,.0f}")
    broken = [k for k, (text, _) in msgs.items()
              if sorted(re.findall(PLACEHOLDER, k[1])) != sorted(re.findall(PLACEHOLDER, text))]
    assert broken == []
    # no English left inside a translation (file patterns, placeholders, markup, quoted attribute
    # names, command-line options and GeoJSON type names aside)
    english = [k for k, (text, _) in msgs.items()
               if english_words(re.sub(NOT_WORDS, " ", text), {"English", "status == 'in service' and rfs_year >= 2020",
                                "attribute in [value, value, …]", "year()", "is_empty()"})]
    assert english == []
    if code == "zh_TW":  # traditional, not the simplified text again
        simplified = _messages(i18n.I18N_DIR / "atlas_zh_CN.ts")
        same = [k for k, (text, _) in msgs.items() if any(ch in text for ch in "图层导时设选择显")]
        assert same == [], "simplified characters in the traditional catalogue"
        assert sum(simplified[k][0] != t for k, (t, _) in msgs.items() if k in simplified) > 0.5 * len(msgs)


def test_catalogues_cover_every_string_of_the_code(tmp_path):
    """pyside6-lupdate over desktop/*.py finds no string missing from the catalogues: a string
    added to the interface without its translations fails here."""
    ts = tmp_path / "fresh.ts"
    subprocess.run([i18n._tool("lupdate"), *map(str, i18n.sources()), "-ts", str(ts)], check=True,
                   capture_output=True)
    fresh = set(_messages(ts))
    for code in i18n.TRANSLATED:
        have = _messages(i18n.I18N_DIR / f"atlas_{code}.ts")
        assert sorted(fresh - set(have)) == [], f"not in atlas_{code}.ts: run python -m asean_atlas.desktop.i18n"


@pytest.mark.parametrize("code", i18n.TRANSLATED)
def test_compiled_catalogue_is_current(code, tmp_path):
    qm = tmp_path / f"{code}.qm"
    subprocess.run([i18n._tool("lrelease"), "-nounfinished", "-removeidentical",
                    str(i18n.I18N_DIR / f"atlas_{code}.ts"), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == i18n.catalogue_path(code).read_bytes(), "run python -m asean_atlas.desktop.i18n"


# Calls whose text argument is shown to the user; a literal or f-string there bypasses translation.
_TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setPlaceholderText", "addMenu", "setTitle",
    "showMessage", "setStatusTip", "setLabelText", "setHeaderLabels", "addTab", "setTabText",
    "QAction", "QLabel", "QPushButton", "QCheckBox", "QGroupBox", "QRadioButton", "QToolButton",
    "QMessageBox", "information", "warning", "critical", "question", "getText", "getSaveFileName",
    "getOpenFileName", "getOpenFileNames", "getExistingDirectory", "QProgressDialog", "addRow", "addItem",
    "addItems", "setSuffix", "setPrefix", "setSpecialValueText",
}


def _bypasses(node) -> bool:
    """A literal with an English word, or an f-string with one (not wrapped in tr/translate)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if re.fullmatch(r"[\w.-]+\.\w{2,5}", node.value):  # a default file name ("atlas.png")
            return False
        return bool(english_words(node.value))
    if isinstance(node, ast.JoinedStr):  # the literal parts, values as "{}" (markup tags are no words)
        text = "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
        return bool(english_words(text))
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_bypasses(e) for e in node.elts)
    if isinstance(node, ast.BinOp):
        return _bypasses(node.left) or _bypasses(node.right)
    return False


#: Interface calls whose literal text is deliberately not translated: (file, text).
ALLOWED_LITERALS: set[tuple[str, str]] = set()


def test_no_interface_string_bypasses_translation():
    offenders = []
    for path in i18n.sources():
        if path.name in ("cli.py", "i18n.py"):  # the command line speaks English (README, --help)
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            fn = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if fn not in _TEXT_CALLS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg in ("text", "title", "label"))]:
                if _bypasses(arg) and (path.name, getattr(arg, "value", None)) not in ALLOWED_LITERALS:
                    offenders.append(f"{path.name}:{node.lineno} {fn}({ast.unparse(arg)[:60]})")
    assert not offenders, "\n".join(offenders)


def test_window_in_chinese_has_no_english_in_menus_and_docks(chinese, qtbot):
    from asean_atlas.desktop.cli import build_document
    from asean_atlas.desktop.main_window import MainWindow

    # the user's recent projects are file names, not interface words (another test's may be there)
    QSettings().remove("projects/recent")
    doc = build_document([], builtin=True)
    window = MainWindow(doc)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    for dock in window.findChildren(QDockWidget):
        dock.show()
    data = {lyr.title for lyr in doc.layers} | {str(c) for lyr in doc.layers for c in lyr.frame.columns}
    # not interface words: the language menu names English in English; ColorBrewer's palette names
    # (as QGIS shows them); the filter placeholder's example expression is code
    from asean_atlas.layers.classify import QUALITATIVE, SEQUENTIAL

    data |= {"English", *QUALITATIVE, *SEQUENTIAL, "status == 'in service' and rfs_year >= 2020"}
    left = english_left(window, data)
    assert left == []
    titles = {d.objectName(): d.windowTitle() for d in window.findChildren(QDockWidget)}
    assert titles["Layers"] == ("图层" if chinese == "zh_CN" else "圖層")
    assert titles["Attributes"] == ("属性" if chinese == "zh_CN" else "屬性")
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[0] == ("文件(&F)" if chinese == "zh_CN" else "檔案(&F)")
    # Qt's own texts come from Qt's catalogue (qtbase_*.qm)
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    assert cancel == "取消"
    window.close()


def test_window_in_english_by_default(qtbot, qapp):
    from asean_atlas.desktop.main_window import MainWindow
    from asean_atlas.layers.document import MapDocument

    i18n.install(qapp, "en")
    window = MainWindow(MapDocument())
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()][:3] == ["&File", "&Edit", "&View"]
    assert window.language_actions["en"].isChecked()
    assert [a.text() for a in window.language_actions.values()] == ["English", "简体中文", "繁體中文"]


@pytest.mark.parametrize("given, expected", [
    ("en", "en"), ("en_US", "en"), ("en-GB.UTF-8", "en"), ("zh_CN", "zh_CN"), ("zh-Hans", "zh_CN"),
    ("zh_SG", "zh_CN"), ("zh", "zh_CN"), ("zh_TW", "zh_TW"), ("zh-HK", "zh_TW"), ("zh_Hant_MO", "zh_TW"),
    ("fr_FR", None), ("", None), (None, None),
])
def test_language_codes_are_normalized(given, expected):
    assert i18n.normalize(given) == expected


def test_language_choice_order(qapp, monkeypatch):
    QSettings().remove(i18n.SETTINGS_KEY)
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_TW")
    assert i18n.choose_language(None) == "zh_TW"  # the system's
    i18n.remember_language("zh_CN")
    try:
        assert i18n.choose_language(None) == "zh_CN"  # remembered beats the system
        assert i18n.choose_language("en") == "en"  # --lang beats both
        with pytest.raises(ValueError, match="unknown language 'fr'"):
            i18n.choose_language("fr")
        with pytest.raises(ValueError):
            i18n.remember_language("xx")
    finally:
        QSettings().remove(i18n.SETTINGS_KEY)


def test_view_language_menu_remembers_for_the_next_start(qtbot, qapp):
    from asean_atlas.desktop.main_window import MainWindow
    from asean_atlas.layers.document import MapDocument

    i18n.install(qapp, "en")
    window = MainWindow(MapDocument())
    qtbot.addWidget(window)
    try:
        window.language_actions["zh_TW"].trigger()
        assert QSettings().value(i18n.SETTINGS_KEY) == "zh_TW"
        assert i18n.choose_language(None) == "zh_TW"
        assert "繁體中文" in window.statusBar().currentMessage()
        assert "next starts" in window.statusBar().currentMessage()
    finally:
        QSettings().remove(i18n.SETTINGS_KEY)


def test_lang_option_starts_the_window_in_that_language(tmp_path):
    """``asean-atlas --lang zh_TW --screenshot``: the window's menus are traditional Chinese."""
    out = tmp_path / "w.png"
    code = "\n".join([
        "import sys",
        "from asean_atlas.desktop import app, i18n",
        "from PySide6.QtWidgets import QApplication, QMainWindow",
        "orig = app.run_window",
        "def spy(*a, **k):",
        "    from PySide6.QtCore import QTimer",
        "    def look():",
        "        w = [x for x in QApplication.topLevelWidgets() if isinstance(x, QMainWindow)]",
        "        print('MENUS', [a.text() for a in w[0].menuBar().actions()], i18n.current())",
        "    QTimer.singleShot(0, look)",
        "    return orig(*a, **k)",
        "app.run_window = spy",
        f"sys.exit(app.main(['--lang', 'zh_TW', '--no-builtin', '--screenshot', {str(out)!r}]))",
    ])
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    assert "檔案(&F)" in r.stdout and "zh_TW" in r.stdout
    assert out.exists()


def test_layers_words_all_marked_and_translated(qapp, monkeypatch):
    """The text ``layers/`` builds for the window (coordinates, identify's derived values, linked
    features' lines, the load report) goes through Qt's translation: every template it asks
    for is in desktop/words.py (so lupdate extracts it), and the Chinese catalogue has it."""
    import geopandas as gpd
    import shapely

    from asean_atlas.desktop import words
    from asean_atlas.layers.layer import Layer, LoadReport
    from asean_atlas.layers.measure import format_lonlat, identify_measures
    from asean_atlas.layers.network import link_summary

    asked = []

    def strict(text):
        asked.append(text)
        assert text in words.LAYER_WORDS, f"not in desktop/words.py LAYER_WORDS: {text!r}"
        return words.tr(text)

    for geom in (shapely.Point(100, 13), shapely.LineString([(100, 13), (101, 14)]),
                 shapely.Polygon([(100, 13), (101, 13), (101, 14), (100, 13)]), None):
        identify_measures(geom, -100.5, -13.5, tr=strict)
        identify_measures(geom, tr=strict)
    for lon, lat in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
        format_lonlat(lon, lat, tr=strict)
    cables = Layer(gpd.GeoDataFrame(
        {"name": ["A", "", "C"], "rfs_year": ["2020", "", ""], "expected_rfs": ["", "2027", ""],
         "length_km": ["1000", "", ""], "suppliers": ["NEC", "", ""], "owners": ["a;b;c;d", "", ""]},
        geometry=[shapely.LineString([(0, 0), (1, 1)])] * 3, crs=4326), "c")
    for row in range(3):
        link_summary(cables, row, tr=strict)
    report = LoadReport(source="x", features_read=5, null_geometries=1, dropped=1, repaired=1, unrepaired=1,
                        antimeridian_split=1, skipped=1, encoding="cp874", time_field="year", warnings=["w"],
                        source_crs="EPSG:4326", transformed=True)
    report.summary(tr=strict)
    LoadReport(source="x", features_read=1).summary(tr=strict)
    assert set(asked) == set(words.LAYER_WORDS)  # and every listed template is used
    i18n.install(qapp, "zh_CN")
    try:
        assert format_lonlat(103.8, 1.35, tr=words.tr) == "东经 103.8000°，北纬 1.3500°"
        assert report.counts(tr=words.tr).startswith("读取 5 个要素，绘制 3 个，1 个无几何")
        assert [label for label, _ in identify_measures(shapely.Point(100, 13), 100, 13, tr=words.tr)][:2] == ["点击位置", "要素位置"]
    finally:
        i18n.install(qapp, "en")
    assert format_lonlat(103.8, 1.35, tr=words.tr) == "103.8000° E, 1.3500° N"


def test_filter_errors_are_translated(qapp):
    """The attribute filter's errors (layers/filter.py) keep their English template: every one is
    listed for translation (desktop/words.py ERROR_WORDS) and the window shows it in Chinese."""
    import geopandas as gpd
    import shapely

    from asean_atlas.desktop import words
    from asean_atlas.layers.filter import FeatureFilter, FilterError

    source = (DESKTOP.parent / "layers" / "filter.py").read_text(encoding="utf-8")
    templates = {node.args[0].value for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "of"
                 and getattr(node.func.value, "id", "") == "FilterError"}
    assert len(templates) > 25 and templates <= set(words.ERROR_WORDS)
    frame = gpd.GeoDataFrame({"status": ["a"]}, geometry=[shapely.Point(0, 0)], crs=4326)
    with pytest.raises(FilterError) as info:
        FeatureFilter("owner == 'x'").mask(frame)
    assert str(info.value) == "no attribute named 'owner'"
    i18n.install(qapp, "zh_TW")
    try:
        assert words.error_text(info.value) == "沒有名為 'owner' 的屬性"
    finally:
        i18n.install(qapp, "en")
    assert words.error_text(info.value) == "no attribute named 'owner'"
    assert words.error_text(ValueError("plain")) == "plain"


def _mnemonic(text: str) -> str | None:
    """The accelerator letter of a menu text ("&File", "文件(&F)", "Ca&ble"), lower case."""
    m = re.search(r"&([^&])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def _clashes(menu) -> list[str]:
    seen: dict[str, str] = {}
    out = []
    for act in menu.actions():
        if act.isSeparator() or not act.isVisible():
            continue
        key = _mnemonic(act.text())
        if key is not None:
            if key in seen:
                out.append(f"{menu.title()}: {seen[key]!r} and {act.text()!r} share &{key}")
            seen[key] = act.text()
        if act.menu() is not None:
            out += _clashes(act.menu())
    return out


@pytest.mark.parametrize("code", ["en", "zh_CN", "zh_TW"])
def test_menu_accelerators_are_unique_in_each_menu(code, qapp, qtbot):
    """Two items of one menu with the same &-letter: the key only cycles between them and opens
    neither (found by a new-user pass: View > A no longer opened the attribute table)."""
    from asean_atlas.desktop.main_window import MainWindow
    from asean_atlas.layers.document import MapDocument

    assert i18n.install(qapp, code) == code
    try:
        window = MainWindow(MapDocument())
        qtbot.addWidget(window)
        assert _clashes(window.menuBar()) == []
        assert _mnemonic(window.antialiasing_action.text()) is not None
    finally:
        i18n.install(qapp, "en")
