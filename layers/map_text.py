"""The map's own words in the reader's language (issue 13 item 2). No Qt.

The interface is translated by Qt's catalogues (``desktop/i18n.py``); the map — legend, layer
titles of the built-in layers, the date stamp, the subtitle, the scale bar, the attribution and
sources footnote — is drawn by code that also runs headless and in the HTML page, so its
vocabulary is here: one small table, English → 简体中文 / 繁體中文. Data is not translated: a
user's layer titles, attribute names and values stay as the file has them, except the lifecycle
words of the Atlas's own vocabulary (``in service``, ``planned``…), which the legend shows as
class names.

Languages are ``"en"``, ``"zh_CN"`` and ``"zh_TW"``; anything else reads as English.
"""

from __future__ import annotations

import re

#: English map text -> (简体中文, 繁體中文). Keys are whole texts (placeholders in braces).
MAP_TEXT: dict[str, tuple[str, str]] = {
    # the document's default title
    "ASEAN Digital Atlas": ("东盟数字地图集", "東協數位地圖集"),
    # subtitles of a time filter (layers/export_options.stamp_text)
    "As of {label}": ("截至{label}", "截至{label}"),
    "Features present in {label}": ("{label}期间存在的要素", "{label}期間存在的圖徵"),
    # the built-in layers' titles (geodata/atlas_manifest.json)
    "Countries (ASEAN and China)": ("国家（东盟与中国）", "國家（東協與中國）"),
    "Submarine cables": ("海底电缆", "海底電纜"),
    "Terrestrial cross-border cables": ("陆地跨境光缆", "陸地跨境光纜"),
    "Cable landing stations": ("海缆登陆站", "海纜登陸站"),
    "Data centres and cloud regions": ("数据中心与云区域", "資料中心與雲端區域"),
    "5G commercial launches": ("5G 商用", "5G 商用"),
    "Factories (Chinese-invested)": ("工厂（中资）", "工廠（中資）"),
    "Compute hubs and gateways (Nanning)": ("算力枢纽与通信出入口（南宁）", "算力樞紐與通信出入口（南寧）"),
    # legend heading and keys (desktop/layout.legend_rows)
    "Legend": ("图例", "圖例"),
    "Confidence": ("可信度", "可信度"),
    "low: drawn lighter": ("低：以浅色绘制", "低：以淺色繪製"),
    "Lifecycle": ("生命周期", "生命週期"),
    "planned / under construction (dashed, hollow)": ("规划中 / 在建（虚线、空心）", "規劃中／興建中（虛線、空心）"),
    "{field} not given": ("{field} 未提供", "{field} 未提供"),
    # the Atlas's lifecycle and status vocabulary (class names of the built-in layers)
    "in service": ("已投入使用", "已啟用"),
    "under construction": ("在建", "興建中"),
    "planned": ("规划中", "規劃中"),
    "delayed": ("延期", "延宕"),
    "cancelled": ("已取消", "已取消"),
    "retired": ("已退役", "已退役"),
    "schematic": ("示意", "示意"),
    "member": ("成员国", "成員國"),
    "non-member": ("非成员国", "非成員國"),
    "dialogue partner": ("对话伙伴", "對話夥伴"),
    "announced": ("已宣布", "已宣布"),
    "operational": ("运营中", "營運中"),
    "launched": ("已商用", "已商用"),
    # attribution and sources footnote (desktop/layout.py)
    "Layer: {title}": ("图层：{title}", "圖層：{title}"),
    "Chinese place names: Unicode CLDR": ("中文地名：Unicode CLDR", "中文地名：Unicode CLDR"),
    "Sources (number of features): ": ("来源（要素数）：", "來源（圖徵數）："),
    " · and {n} more (each feature's source attribute)": (" · 另有 {n} 个（见各要素的 source 属性）",
                                                           " · 另有 {n} 個（見各圖徵的 source 屬性）"),
    "filtered: {layer}: {expression}": ("已筛选：{layer}：{expression}", "已篩選：{layer}：{expression}"),
}

#: Units of the scale bar: English -> (简体, 繁體).
UNITS = {"km": ("公里", "公里"), "m": ("米", "公尺")}


def _index(language: str | None) -> int | None:
    lang = str(language or "en")
    if lang.startswith("zh"):
        return 1 if lang in ("zh_TW", "zh_HK", "zh_MO", "zh_Hant") else 0
    return None


def is_chinese(language: str | None) -> bool:
    """Whether ``language`` is one of the Chinese ones (``zh_CN``, ``zh_TW``)."""
    return _index(language) is not None


def map_text(text: str, language: str | None, **values) -> str:
    """``text`` (a key of :data:`MAP_TEXT`) in ``language``, its ``{placeholders}`` filled from
    ``values``; English (the key itself) for ``"en"`` or a text the table does not hold.

    Leading spaces (legend indentation) are kept: ``"   retired"`` -> ``"   已退役"``.
    """
    i = _index(language)
    if i is not None and text in MAP_TEXT:  # a key with its own leading space (" · and {n} more")
        out = MAP_TEXT[text][i]
        return out.format(**values) if values else out
    stripped = text.lstrip(" ")
    pad = text[: len(text) - len(stripped)]
    out = MAP_TEXT[stripped][i] if i is not None and stripped in MAP_TEXT else stripped
    return pad + (out.format(**values) if values else out)


def date_label(label: str | None, language: str | None) -> str | None:
    """A date-stamp text in ``language``: ``"2024"`` -> ``"2024年"``, ``"2017-05"`` ->
    ``"2017年5月"``, ``"2017-05-04"`` -> ``"2017年5月4日"``, ranges part by part
    (``"2010–2014"`` -> ``"2010年–2014年"``). English and None are returned as given."""
    if label is None or _index(language) is None:
        return label

    def one(m: re.Match) -> str:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        out = f"{int(y)}年"
        if mo:
            out += f"{int(mo)}月"
        if d:
            out += f"{int(d)}日"
        return out

    return re.sub(r"(?<![\d年])(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?![\d年])", one, label)


def scale_label(label: str, language: str | None) -> str:
    """A scale-bar text in ``language``: ``"500 km"`` -> ``"500 公里"`` (``"200 m"`` -> ``"200 米"``,
    繁體 ``"200 公尺"``)."""
    i = _index(language)
    if i is None:
        return label
    number, _, unit = label.rpartition(" ")
    return f"{number} {UNITS[unit][i]}" if unit in UNITS else label


def layer_title(layer, language: str | None) -> str:
    """The layer's title in ``language``: a built-in layer's from :data:`MAP_TEXT`; a user's
    layer keeps the title it has (data)."""
    if getattr(layer, "builtin", False):
        return map_text(layer.title, language)
    return layer.title


def class_label(label: str, language: str | None) -> str:
    """A legend class name in ``language``: the Atlas's status vocabulary is translated
    (case-insensitive), any other value (data) is shown as it is."""
    stripped = label.lstrip(" ")
    key = stripped.lower()
    if _index(language) is not None and key in MAP_TEXT:
        return label[: len(label) - len(stripped)] + map_text(key, language)
    return label
