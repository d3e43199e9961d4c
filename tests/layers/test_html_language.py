"""The HTML page switches language in the page (issue 13 item 3): title, legend, layer names,
popups' field names, labels and the page's own words, English / 简体中文 / 繁體中文."""

from __future__ import annotations

import json
import re

import geopandas as gpd
import pytest
import shapely

from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.export_options import ExportOptions
from asean_atlas.layers.html_export import export_html
from asean_atlas.layers.layer import Layer


def _network_doc(language="en"):
    from asean_atlas.layers.builtin import builtin_layers

    doc = MapDocument()
    for layer in builtin_layers():
        if layer.source in ("builtin:cables", "builtin:landing_stations"):
            doc.add_layer(layer)
    doc.language = language
    return doc


def _page_data(path) -> dict:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_page_data_holds_every_language(tmp_path):
    out = export_html(_network_doc(), tmp_path / "p.html", ExportOptions(html_time_slider=False))
    data = _page_data(out)
    assert data["lang"] == "en" and [code for code, _ in data["langs"]] == ["en", "zh_CN", "zh_TW"]
    assert data["titles"] == {"en": "ASEAN Digital Atlas", "zh_CN": "东盟数字地图集", "zh_TW": "東協數位地圖集"}
    cables = next(c for c in data["layers"] if c["titles"]["en"] == "Submarine cables")
    assert cables["titles"]["zh_TW"] == "海底電纜"
    k = cables["fields"].index("status")
    assert cables["fieldNames"]["zh_CN"][k] == "状态" and cables["fieldNames"]["en"][k] == "status"
    in_service = next(c for c in cables["classes"] if c["label"] == "in service")
    assert in_service["labels"] == {"en": "in service", "zh_CN": "已投入使用", "zh_TW": "已啟用"}
    assert cables["labels"]["zh_TW"]["field"] == "name_zh_hant" and cables["labels"]["zh_CN"]["field"] == "name_zh"
    assert data["ui"]["Legend"] == {"zh_CN": "图例", "zh_TW": "圖例"}


def test_user_text_is_data_in_every_language(tmp_path):
    """A user's layer title, attribute names and values are shown as written in every language
    (never looked up as map vocabulary, never markup)."""
    frame = gpd.GeoDataFrame({"名称": ["<b>x</b>"], "status": ["in service"], "kind": ["Legend"]},
                             geometry=[shapely.Point(100, 10)], crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "<img src=x onerror=alert(1)>"))
    doc.language = "zh_TW"
    out = export_html(doc, tmp_path / "u.html", ExportOptions(html_time_slider=False))
    data = _page_data(out)
    cfg = data["layers"][0]
    assert set(cfg["titles"].values()) == {"<img src=x onerror=alert(1)>"}
    assert cfg["fieldNames"]["zh_TW"][cfg["fields"].index("名称")] == "名称"
    assert cfg["fieldNames"]["zh_TW"][cfg["fields"].index("status")] == "狀態"  # the Atlas's own word
    assert "<img src=x" not in out.read_text(encoding="utf-8").split('id="atlas-data">')[0]


@pytest.fixture
def network_page(browser, tmp_path):
    out = export_html(_network_doc(), tmp_path / "net.html", ExportOptions(html_time_slider=False))
    browser.get(out.as_uri())
    return browser


_OPEN_POPUP = """
  var cable = null;
  window.atlasLayers[0].eachLayer(function (l) { if (l.feature.properties.id === 'southeast-asia-japan-cable-2-sjc2') cable = l; });
  cable.fire('click', {latlng: cable.getBounds().getCenter()}, true);
  var pops = document.querySelectorAll('.atlas-popup'), pop = pops[pops.length - 1];
  return [Array.prototype.map.call(pop.querySelectorAll('th'), function (t) { return t.textContent; }),
          pop.querySelector('.atlas-links b').textContent,
          Array.prototype.map.call(pop.querySelectorAll('.atlas-link-line'), function (d) { return d.textContent; })];
"""


def _state(browser):
    return browser.execute_script("""
      return [document.title, document.getElementById('atlas-title').textContent,
              document.querySelector('#atlas-legend b').textContent,
              Array.prototype.map.call(document.querySelectorAll('.atlas-layer-name'), function (s) { return s.textContent.trim(); }),
              Array.prototype.map.call(document.querySelectorAll('.atlas-legend-class span:last-child'), function (s) { return s.textContent; }),
              document.querySelector('#atlas-search input').placeholder,
              document.getElementById('atlas-lang').value];""")


def _switch(browser, code):
    browser.execute_script("var s = document.getElementById('atlas-lang'); s.value = arguments[0];"
                           "s.dispatchEvent(new Event('change'));", code)


def test_page_switches_language_in_place(network_page):
    b = network_page
    title, box, legend, names, classes, placeholder, lang = _state(b)
    assert (title, legend, lang) == ("ASEAN Digital Atlas", "Legend", "en")
    assert "Submarine cables" in names and "in service" in classes
    ths, links, lines = b.execute_script(_OPEN_POPUP)
    assert "name" in ths and "status" in ths and links.startswith("Landing stations")

    _switch(b, "zh_TW")
    title, box, legend, names, classes, placeholder, lang = _state(b)
    assert (title, legend, lang) == ("東協數位地圖集", "圖例", "zh_TW")
    assert names == ["海纜登陸站", "海底電纜"] or set(names) == {"海纜登陸站", "海底電纜"}
    assert "已啟用" in classes and "in service" not in classes
    assert placeholder.startswith("搜尋")
    ths, links, lines = b.execute_script(_OPEN_POPUP)
    assert "名稱" in ths and "狀態" in ths and "name" not in ths and "status" not in ths
    assert links.startswith("登陸站")
    station_lines = b.execute_script("""
      var pops = document.querySelectorAll('.atlas-popup'), pop = pops[pops.length - 1];
      pop.querySelector('.atlas-link').click();  // a landing station: its cables, with their RFS
      pops = document.querySelectorAll('.atlas-popup'); pop = pops[pops.length - 1];
      return Array.prototype.map.call(pop.querySelectorAll('.atlas-link-line'), function (d) { return d.textContent; });""")
    assert any("年啟用" in t and "公里" in t for t in station_lines), station_lines
    labels = b.execute_script("return Array.prototype.map.call(document.querySelectorAll('.atlas-label'), function (x) { return x.textContent; });")
    assert labels and not any("东" in t or "国" in t for t in labels)  # traditional names, not simplified

    _switch(b, "zh_CN")
    ths, links, _ = b.execute_script(_OPEN_POPUP)
    assert "名称" in ths and "状态" in ths and links.startswith("登陆站")
    assert _state(b)[2] == "图例"

    _switch(b, "en")
    assert _state(b)[2] == "Legend"
    ths, _, _ = b.execute_script(_OPEN_POPUP)
    assert "status" in ths


def test_page_opens_in_the_document_language(browser, tmp_path):
    out = export_html(_network_doc("zh_CN"), tmp_path / "cn.html", ExportOptions(html_time_slider=True))
    browser.get(out.as_uri())
    title, box, legend, names, classes, placeholder, lang = _state(browser)
    assert (title, legend, lang) == ("东盟数字地图集", "图例", "zh_CN")
    assert "海底电缆" in names
    time_label = browser.execute_script("return document.getElementById('atlas-time-label').textContent;")
    assert time_label == "所有日期" or time_label.endswith("年")


def test_page_search_finds_either_script(browser, tmp_path):
    """The page's search (issue 13 item 5): a simplified name is found by its traditional form
    and the other way round (through the characters' pinyin in both scripts)."""
    frame = gpd.GeoDataFrame(
        {"name": ["Nanning gateway", "Taipei landing"], "name_zh": ["南宁国际通信业务出入口局", "臺北"]},
        geometry=[shapely.Point(108, 22), shapely.Point(121, 25)], crs=4326)
    doc = MapDocument()
    doc.add_layer(Layer(frame, "names"))
    out = export_html(doc, tmp_path / "s.html", ExportOptions(html_time_slider=False))
    browser.get(out.as_uri())
    found = {}
    for q in ("南寧", "南宁", "台北", "臺北", "nanning"):
        found[q] = browser.execute_script("""
          var input = document.querySelector('#atlas-search input');
          input.value = arguments[0];
          input.dispatchEvent(new Event('input'));
          return Array.prototype.map.call(document.querySelectorAll('.atlas-search-name'), function (x) { return x.textContent; });""", q)
    assert all(f and f[0].startswith("Nanning") for q, f in found.items() if q in ("南寧", "南宁", "nanning")), found
    assert all(f and f[0].startswith("Taipei") for q, f in found.items() if q in ("台北", "臺北")), found
