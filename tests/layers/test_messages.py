"""Issue 13: what ``layers/`` says about a file keeps its English template and values
(:class:`asean_atlas.layers.errors.Message`), so the window can show it in the interface's
language, while the text itself (CLI, logs, tests) stays the English message. No Qt here: the
translation function is a plain dict look-up standing in for Qt's catalogue."""

import ast
import copy
import json
import pickle
from pathlib import Path

import pytest

from asean_atlas.layers.errors import CRSNeededError, LayerLoadError, Message, translate
from asean_atlas.layers.io import read_layer

LAYERS = Path(__file__).resolve().parent.parent.parent / "layers"

#: A stand-in catalogue (Chinese), as Qt's translate would return.
ZH = {
    "1 feature": "1 个要素",
    "{n} features": "{n} 个要素",
    "feature {n}": "第 {n} 个要素",
    "feature {n} ({name})": "第 {n} 个要素（{name}）",
    "{features}": "{features}",
    "{features} and {n} more": "{features}，另有 {n} 个",
    ", ": "，",
    "{features} without geometry (null, empty, or coordinates that are not numbers), kept with their "
    "attributes, not drawn: {named}": "{features}没有几何，不绘制：{named}",
    "file not found": "找不到文件",
    "{path} (layer {layer})": "{path}（图层 {layer}）",
    "has no CRS and its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) are not longitude/latitude; "
    "choose the CRS (e.g. EPSG:32647) or save the file with one": "没有坐标参考系，坐标 x {w:.6g}..{e:.6g}",
    "reopened from the GeoParquet cache": "从 GeoParquet 缓存重新打开",
}


def tr(text):
    return ZH.get(text, text)


def test_a_message_is_its_english_text_and_translates_with_its_values():
    m = Message("{features} and {n} more", features=(Message("feature {n}", n=1), Message("feature {n} ({name})", n=2, name='"Tuas"')), n=4)
    assert m == 'feature 1, feature 2 ("Tuas") and 4 more'
    assert isinstance(m, str) and json.dumps([m]) == '["feature 1, feature 2 (\\"Tuas\\") and 4 more"]'
    assert translate(m, tr) == '第 1 个要素，第 2 个要素（"Tuas"），另有 4 个'
    assert translate("plain text", tr) == "plain text"
    # a value is substituted, never formatted again: braces in file text stay text
    evil = Message("feature {n} ({name})", n=1, name="{0.__class__}")
    assert evil == "feature 1 ({0.__class__})" and translate(evil, tr) == "第 1 个要素（{0.__class__}）"


def test_a_message_survives_pickle_deepcopy_and_json():
    m = Message("{features} and {n} more", features=(Message("feature {n}", n=1),), n=2)
    for again in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m), Message.from_json(json.loads(json.dumps(m.to_json())))):
        assert again == m and isinstance(again, Message)
        assert translate(again, tr) == translate(m, tr)
    assert Message.from_json("older plain text") == "older plain text"


def test_a_load_error_keeps_its_reason_template(tmp_path):
    missing = tmp_path / "gone.geojson"
    with pytest.raises(LayerLoadError) as info:
        read_layer(missing)
    assert str(info.value) == f"{missing}: file not found"
    assert info.value.translated(tr) == f"{missing}: 找不到文件"
    err = LayerLoadError.of("a.gpkg", "file not found", layer="roads")
    assert str(err) == "a.gpkg (layer 'roads'): file not found"
    assert err.translated(tr) == "a.gpkg（图层 'roads'）: 找不到文件"
    # an error made without a template is shown as it is
    assert LayerLoadError("a.csv", "odd").translated(tr) == "a.csv: odd"


def test_a_crs_question_and_a_load_warning_translate(tmp_path):
    path = tmp_path / "utm.csv"
    path.write_text("name,x,y\nA,650000,1500000\nB,660000,1510000\n", encoding="utf-8")
    with pytest.raises(CRSNeededError) as info:
        read_layer(path)
    assert "are not longitude/latitude" in str(info.value)
    assert info.value.translated(tr) == f"{path}: 没有坐标参考系，坐标 x 650000..660000"

    path = tmp_path / "gaps.csv"
    path.write_text("name,lon,lat\nA,100,10\nB,,\nC,101,11\n", encoding="utf-8")
    layer = read_layer(path, cache=False)
    (warning,) = layer.report.warnings
    assert warning == ('1 feature without geometry (null, empty, or coordinates that are not numbers), kept with '
                       'their attributes, not drawn: feature 2 ("B")')
    assert translate(warning, tr) == '1 个要素没有几何，不绘制：第 2 个要素（"B"）'
    summary = layer.report.summary(message_tr=tr)
    assert "没有几何" in summary and "without geometry (null" not in summary


def test_the_cache_keeps_the_templates(tmp_path, monkeypatch):
    monkeypatch.setenv("ASEAN_ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "gaps.csv"
    path.write_text("name,lon,lat\nA,100,10\nB,,\n", encoding="utf-8")
    read_layer(path, cache=True)
    again = read_layer(path, cache=True)
    assert "reopened from the GeoParquet cache" in again.report.notes
    assert [translate(w, tr) for w in again.report.warnings] == ['1 个要素没有几何，不绘制：第 2 个要素（"B"）']
    assert translate(again.report.notes[-1], tr) == "从 GeoParquet 缓存重新打开"


def _templates(path: Path) -> tuple[set[str], list[int]]:
    """Literal templates of ``Message(...)``, ``LayerLoadError.of``, ``CRSNeededError.of``,
    ``StyleError.of`` and ``FilterError.of`` calls
    in ``path``, and the lines of calls whose template is not a literal."""

    def literals(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return [node.value]
        if isinstance(node, ast.IfExp):
            body, orelse = literals(node.body), literals(node.orelse)
            return None if body is None or orelse is None else body + orelse
        return None

    found, odd = set(), []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Name) and f.id == "Message":
            arg = node.args[0] if node.args else None
        elif isinstance(f, ast.Attribute) and f.attr == "of" and getattr(f.value, "id", "") in ("LayerLoadError", "CRSNeededError"):
            arg = node.args[1] if len(node.args) > 1 else None
        elif isinstance(f, ast.Attribute) and f.attr == "of" and getattr(f.value, "id", "") in ("StyleError", "FilterError",
                                                                                                  "AnalysisError", "PostGISError"):
            arg = node.args[0] if node.args else None
        else:
            continue
        got = literals(arg) if arg is not None else None
        if got is None:
            odd.append(node.lineno)
        else:
            found.update(got)
    return found, odd


def test_every_template_is_listed_for_translation():
    """Every template ``layers/`` says a file's trouble with is in desktop/words.py LOAD_WORDS (read
    as text: this test runs without Qt), so lupdate puts it in the catalogues."""
    words = (LAYERS.parent / "desktop" / "words.py").read_text(encoding="utf-8")
    dock_templates, dock_odd = _templates(LAYERS.parent / "desktop" / "connectivity_dock.py")
    listed = {node.args[1].value for node in ast.walk(ast.parse(words))
              if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP"
              and node.args[0].value == "errors"}
    templates, odd = set(), {}
    for path in sorted(LAYERS.glob("*.py")):
        if path.name == "errors.py":  # the class itself
            continue
        found, lines = _templates(path)
        templates |= found
        if lines:
            odd[path.name] = lines
    assert len(templates) > 130
    assert sorted((templates | dock_templates) - listed) == [] and dock_odd == []
    # the only template not written out: the script names of the encoding guess, listed too
    from asean_atlas.layers.encoding import SCRIPT_NAMES

    assert list(odd) == ["encoding.py"] and len(odd["encoding.py"]) == 1
    assert set(SCRIPT_NAMES.values()) <= listed


def test_no_message_is_built_as_an_fstring():
    """What layers/io.py says about a file is never an f-string (which would reach the user in
    English whatever the interface's language): the arguments of report warnings and notes, of
    LayerLoadError/CRSNeededError and of _drop_rows' reason."""
    tree = ast.parse((LAYERS / "io.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
        owner = ast.unparse(f.value) if isinstance(f, ast.Attribute) else ""
        args = list(node.args)
        if name == "append" and owner in ("report.warnings", "report.notes"):
            checked = args
        elif name in ("LayerLoadError", "CRSNeededError", "_TooBig"):
            checked = args[1:2] if name != "_TooBig" else args[:1]
        elif name == "_drop_rows":
            checked = args[4:5]
        else:
            continue
        for arg in checked:
            if any(isinstance(n, ast.JoinedStr) for n in ast.walk(arg)) or (
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)) or isinstance(arg, ast.BinOp):
                found.append((node.lineno, ast.unparse(arg)[:60]))
    assert found == []


def _cached(tmp_path, monkeypatch):
    """A layer read once through the cache (a warning and notes in its report); its entry's JSON."""
    from asean_atlas.layers import cache

    monkeypatch.setenv("ASEAN_ATLAS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "gaps.csv"
    path.write_text("name,lon,lat\nA,100,10\nB,,\n", encoding="utf-8")
    read_layer(path, cache=True)
    (meta,) = (tmp_path / "cache").glob("*.json")
    return path, meta, json.loads(meta.read_text(encoding="utf-8"))


@pytest.mark.parametrize("poison", [
    {"warnings": [{"template": "{x.template}", "values": {"x": {"template": "a"}}}]},  # attribute look-up
    {"warnings": [{"template": "{x.translated.__globals__}", "values": {"x": "a"}}]},
    {"warnings": [{"template": "{x[0]}", "values": {"x": "ab"}}]},                   # index look-up
    {"warnings": [{"template": "{x:>300000000}", "values": {"x": 1}}]},              # a 300 MB string
    {"warnings": [{"template": "{x!r}", "values": {"x": 1}}]},
    {"warnings": [{"template": "{x}", "values": {}}]},                               # a field without value
    {"warnings": [{"template": "{x}", "values": {"x": None}}]},
    {"warnings": "abc"},                                                               # not a list
    {"warnings": {"template": "x"}},
    {"notes": [{"template": "a", "values": {}, "extra": 1}]},
    {"features_read": "many"},
    {"dropped": -1},
    {"transformed": "yes"},
    {"source_crs": None},
    {"unknown_field": 1},
])
def test_a_poisoned_cache_entry_is_a_miss(tmp_path, monkeypatch, poison):
    path, meta, data = _cached(tmp_path, monkeypatch)
    data.update(poison)
    meta.write_text(json.dumps(data), encoding="utf-8")
    again = read_layer(path, cache=True)  # read from the file again, not from the entry
    assert "reopened from the GeoParquet cache" not in again.report.notes
    assert [translate(w, tr) for w in again.report.warnings] == ['1 个要素没有几何，不绘制：第 2 个要素（"B"）']


def test_a_sound_cache_entry_is_still_used(tmp_path, monkeypatch):
    path, meta, data = _cached(tmp_path, monkeypatch)
    again = read_layer(path, cache=True)
    assert "reopened from the GeoParquet cache" in again.report.notes


def test_load_errors_pickle_and_copy():
    from asean_atlas.layers.errors import CRSNeededError

    for err in (LayerLoadError.of("a.csv", "file not found", layer="x"), LayerLoadError("b.csv", "plain"),
                CRSNeededError.of("c.csv", "unknown CRS {crs}", crs="'x'")):
        for again in (pickle.loads(pickle.dumps(err)), copy.deepcopy(err)):
            assert type(again) is type(err) and str(again) == str(err) and again.layer == err.layer
            assert again.translated(tr) == err.translated(tr)


def test_message_template_is_positional():
    m = Message("{template} and {cls}", template="t", cls="c")
    assert m == "t and c"


def test_one_undated_feature_is_said_in_the_singular(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("name,lon,lat,year\nA,100,10,2001\nB,101,11,\nC,102,12,2003\n", encoding="utf-8")
    layer = read_layer(path, cache=False)
    assert "1 feature without a date" in layer.report.notes
