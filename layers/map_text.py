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

#: The map's languages, each named in itself (the HTML page's language switch).
LANGUAGES = (("en", "English"), ("zh_CN", "简体中文"), ("zh_TW", "繁體中文"))

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
    "{field} not given": ("{field}未提供", "{field}未提供"),
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
    " · and {n} more (each feature's source attribute)": (" · 另有 {n} 个（见各要素的“来源”属性）",
                                                           " · 另有 {n} 個（見各圖徵的「來源」屬性）"),
    "filtered: {layer}: {expression}": ("已筛选：{layer}：{expression}", "已篩選：{layer}：{expression}"),
    # what-if analysis (layers/connectivity.py scenario_layers; issue 14)
    "Share of international cables lost": ("国际海缆损失比例", "國際海纜損失比例"),
    "Cut area": ("切断区域", "切斷區域"),
    "Cables cut": ("被切断的海缆", "被切斷的海纜"),
    "Landing stations cut": ("被切断的登陆站", "被切斷的登陸站"),
    "Stations left without a working cable": ("失去可用海缆的登陆站", "失去可用海纜的登陸站"),
    "Reach": ("可达登陆站", "可達登陸站"),
    "Cables reached": ("可达海缆", "可達海纜"),
    "none lost": ("无损失", "無損失"),
    "up to 25 %": ("不超过 25%", "不超過 25%"),
    "25–50 %": ("25–50%", "25–50%"),
    "50–75 %": ("50–75%", "50–75%"),
    "75–100 %": ("75–100%", "75–100%"),
    "What if: {what} cut": ("假如{what}被切断", "假如{what}被切斷"),
    "{n} more": ("等 {n} 项", "等 {n} 項"),
    "As of {label}: {summary}": ("截至{label}：{summary}", "截至{label}：{summary}"),
    "{n} cables cut; {m} stations left without a working cable": ("{n} 条海缆被切断；{m} 个登陆站失去可用海缆",
                                                                  "{n} 條海纜被切斷；{m} 個登陸站失去可用海纜"),
}

#: Attribute names of the built-in layers as a popup shows them in Chinese (the attribute itself
#: keeps its name; a user's attributes are shown as named).
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "id": ("标识", "識別碼"), "name": ("名称", "名稱"), "name_zh": ("中文名（简）", "中文名（簡）"),
    "name_zh_hant": ("中文名（繁）", "中文名（繁）"), "category": ("类别", "類別"), "country": ("国家/地区", "國家／地區"),
    "operator": ("运营方", "營運者"), "status": ("状态", "狀態"), "start_date": ("开始日期", "開始日期"),
    "end_date": ("结束日期", "結束日期"), "source": ("来源", "來源"), "source_url": ("来源链接", "來源連結"),
    "accessed": ("访问日期", "存取日期"), "confidence": ("可信度", "可信度"), "notes": ("备注", "備註"),
    "asean_member_since": ("加入东盟年份", "加入東協年份"), "data_flow_regime": ("数据流动制度", "資料流通制度"),
    "data_localization": ("数据本地化", "資料在地化"), "data_localization_source": ("数据本地化来源", "資料在地化來源"),
    "data_localization_url": ("数据本地化链接", "資料在地化連結"), "fiveg_launch_year": ("5G 商用年份", "5G 商用年份"),
    "fiveg_operators": ("5G 运营商", "5G 電信業者"), "fiveg_source": ("5G 来源", "5G 來源"),
    "cables_landing": ("登陆海缆", "登陸海纜"), "cables_in_service": ("在用海缆", "啟用中海纜"),
    "landing_station_count": ("登陆站数量", "登陸站數量"), "rfs_year": ("投产年份", "啟用年份"),
    "expected_rfs": ("预计投产", "預計啟用"), "length_km": ("长度（公里）", "長度（公里）"), "owners": ("所有者", "擁有者"),
    "suppliers": ("供应商", "供應商"), "landing_station_ids": ("登陆站标识", "登陸站識別碼"),
    "route_source": ("路由来源", "路由來源"), "tg_color": ("TeleGeography 颜色", "TeleGeography 顏色"),
    "border_crossing": ("过境点", "過境點"), "corridor": ("走廊", "走廊"), "location_source": ("位置来源", "位置來源"),
    "place": ("地点", "地點"), "location_precision": ("位置精度", "位置精度"), "cable_count": ("海缆数量", "海纜數量"),
    "cable_names": ("海缆名称", "海纜名稱"), "cable_ids": ("海缆标识", "海纜識別碼"), "capacity_mw": ("容量（兆瓦）", "容量（百萬瓦）"),
    "technology": ("技术", "技術"), "area_m2": ("面积（平方米）", "面積（平方公尺）"), "capacity": ("产能", "產能"),
    "product": ("产品", "產品"),
}


#: Attributes that are a quantity in a unit: field -> ((quantity 简, 繁), (unit 简, 繁)), for a
#: legend of sizes: "500 兆瓦" rather than "500 容量（兆瓦）".
FIELD_UNITS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "capacity_mw": (("容量", "容量"), ("兆瓦", "百萬瓦")),
    "length_km": (("长度", "長度"), ("公里", "公里")),
    "area_m2": (("面积", "面積"), ("平方米", "平方公尺")),
}


#: The same in English: field -> (quantity, unit) ("500 MW", "capacity not given").
ENGLISH_UNITS: dict[str, tuple[str, str]] = {
    "capacity_mw": ("capacity", "MW"), "length_km": ("length", "km"), "area_m2": ("area", "m²"),
}


def size_label(value: str, field: str, language: str | None) -> str:
    """A size legend's row in ``language``: ``"500 MW"`` (a field with a unit,
    :data:`ENGLISH_UNITS`) or ``"500 <field>"``; in Chinese ``"500 兆瓦"`` (:data:`FIELD_UNITS`)
    or ``"500 <field label>"``."""
    i = _index(language)
    if i is None:
        return f"{value} {ENGLISH_UNITS[field][1]}" if field in ENGLISH_UNITS else f"{value} {field}"
    if field in FIELD_UNITS:
        return f"{value} {FIELD_UNITS[field][1][i]}"
    return f"{value} {field_label(field, language)}"


def size_missing_label(field: str, language: str | None) -> str:
    """The size legend's row for features without a value: ``"capacity not given"``,
    ``"容量未提供"`` (a field without a known unit: ``"<field> not given"``)."""
    i = _index(language)
    if i is None:
        return f"{ENGLISH_UNITS[field][0] if field in ENGLISH_UNITS else field} not given"
    name = FIELD_UNITS[field][0][i] if field in FIELD_UNITS else field_label(field, language)
    return map_text("{field} not given", language, field=name)


def size_row_label(label: str, field: str, language: str | None) -> str:
    """A size row of :meth:`Style.size_legend` (``"500 capacity_mw"``, ``"capacity_mw not
    given"``) in ``language``, as every legend writes it (``"500 MW"``, ``"500 兆瓦"``,
    ``"capacity not given"``, ``"容量未提供"``); any other row as it is."""
    if label == f"{field} not given":
        return size_missing_label(field, language)
    if field and label.endswith(" " + field):
        return size_label(label[: -len(field) - 1], field, language)
    return label


def field_label(field: str, language: str | None) -> str:
    """How a popup names an attribute in ``language`` (the built-in layers' attributes; any other
    attribute as named)."""
    i = _index(language)
    return FIELD_NAMES[field][i] if i is not None and field in FIELD_NAMES else field


#: Words of the HTML page itself (layers/html_page.js), English -> (简体, 繁體).
PAGE_TEXT: dict[str, tuple[str, str]] = {
    "Legend": ("图例", "圖例"),
    "Confidence": ("可信度", "可信度"),
    "low: drawn lighter": ("低：以浅色绘制", "低：以淺色繪製"),
    "Lifecycle": ("生命周期", "生命週期"),
    "planned / under construction (dashed, hollow)": ("规划中 / 在建（虚线、空心）", "規劃中／興建中（虛線、空心）"),
    "retired": ("已退役", "已退役"),
    "all dates": ("所有日期", "所有日期"),
    "as of ": ("截至", "截至"),
    " Time ": (" 时间 ", " 時間 "),
    "Search names, ids, operators\u2026": ("搜索名称、标识、运营方…", "搜尋名稱、識別碼、營運者…"),
    "Search the map's features": ("搜索地图要素", "搜尋地圖圖徵"),
    "(no name)": ("（无名称）", "（無名稱）"),
    "No match": ("无匹配结果", "無相符結果"),
    "{n} more: type more letters": ("另有 {n} 个：请继续输入", "另有 {n} 個：請繼續輸入"),
    "{i} of {n}": ("第 {i} 个，共 {n} 个", "第 {i} 個，共 {n} 個"),
    "Language": ("语言", "語言"),
    "Landing stations": ("登陆站", "登陸站"),
    "Cables landing here": ("在此登陆的海缆", "在此登陸的海纜"),
    "RFS {year}": ("{year}年投产", "{year}年啟用"),
    "not yet in service (expected {date})": ("尚未投产（预计 {date}）", "尚未啟用（預計 {date}）"),
    "not yet in service": ("尚未投产", "尚未啟用"),
    "{n} km": ("{n} 公里", "{n} 公里"),
    "suppliers: {list}": ("供应商：{list}", "供應商：{list}"),
    "owners: {list}": ("所有者：{list}", "擁有者：{list}"),
}

#: Units of the scale bar: English -> (简体, 繁體).
UNITS = {"km": ("公里", "公里"), "m": ("米", "公尺")}


def _index(language: str | None) -> int | None:
    """0 for simplified Chinese, 1 for traditional, None for English (anything not Chinese)."""
    lang = str(language or "en").replace("-", "_").lower()
    if lang == "zh" or lang.startswith("zh_"):
        traditional = lang.startswith(("zh_tw", "zh_hk", "zh_mo", "zh_hant"))
        return 1 if traditional else 0
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
    """The layer's title in ``language``: a built-in layer's or a what-if layer's (source
    ``analysis:…``) from :data:`MAP_TEXT`; a user's layer keeps the title it has (data)."""
    if getattr(layer, "builtin", False) or str(getattr(layer, "source", "")).startswith("analysis:"):
        return map_text(layer.title, language)
    return layer.title


#: Class values of the Atlas's own vocabulary (status and lifecycle words, route kinds, ASEAN
#: membership): the only data values the legend translates.
CLASS_WORDS = frozenset({
    "in service", "under construction", "planned", "delayed", "cancelled", "retired", "schematic",
    "member", "non-member", "dialogue partner", "announced", "operational", "launched",
    # the what-if map's classes (layers/connectivity.py LOSS_CLASSES)
    "none lost", "up to 25 %", "25–50 %", "50–75 %", "75–100 %",
})


def class_label(label: str, language: str | None) -> str:
    """A legend class name in ``language``: the Atlas's status vocabulary (:data:`CLASS_WORDS`)
    is translated (case-insensitive), any other value (data) is shown as it is."""
    stripped = label.lstrip(" ")
    key = stripped.lower()
    if _index(language) is not None and key in CLASS_WORDS:
        return label[: len(label) - len(stripped)] + map_text(key, language)
    return label


def chinese_name_field(columns, language: str | None) -> str | None:
    """The attribute holding a feature's name in ``language`` (``zh_TW``: ``name_zh_hant``, else
    ``name_zh``; ``zh_CN``: ``name_zh``), or None for English or a layer with neither."""
    i = _index(language)
    if i is None:
        return None
    order = ("name_zh_hant", "name_zh") if i == 1 else ("name_zh",)
    return next((c for c in order if c in columns), None)


def page_text(text: str, language: str | None) -> str:
    """A word of the HTML page (:data:`PAGE_TEXT`) in ``language``."""
    i = _index(language)
    return PAGE_TEXT[text][i] if i is not None and text in PAGE_TEXT else text
