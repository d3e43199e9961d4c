"""SVG and PDF exports from the same renderer and layout as the PNG (issue 12 item 3)."""

import xml.etree.ElementTree as ET

import pytest

from asean_atlas.desktop.cli import build_document, main
from asean_atlas.desktop.export import export_pdf, export_svg
from asean_atlas.layers.export_options import ExportOptions

SVG = "{http://www.w3.org/2000/svg}"


def test_svg_holds_paths_and_real_text(tmp_path, qapp):
    doc = build_document([])
    out = export_svg(doc, tmp_path / "map.svg", ExportOptions(width=1200, height=800, bbox=(95, 0, 125, 25), title="Cables 海缆"))
    root = ET.parse(out).getroot()
    assert root.tag == SVG + "svg" and root.get("viewBox") == "0 0 1200 800"
    assert len(root.findall(f".//{SVG}path")) > 100
    assert root.findall(f".//{SVG}clipPath")  # the map clipped to its frame (SVG 1.2 Tiny dropped clips)
    texts = ["".join(t.itertext()) for t in root.iter(SVG + "text")]
    joined = "".join(texts)
    # the title as text (Qt writes one <text> per font run: "Cables " and "海缆"), a label too
    assert "Cables " in texts and "海缆" in joined and "Bangkok" in texts
    assert "Legend" in texts and any("TeleGeography" in t for t in texts)  # legend and attribution
    assert root.find(f"{SVG}title").text == "Cables 海缆"


def test_pdf_holds_selectable_text_and_embedded_fonts(tmp_path, qapp):
    pypdf = pytest.importorskip("pypdf")
    doc = build_document([])
    doc.language = "zh_CN"  # labels on name show name_zh: a Chinese name on the map
    out = export_pdf(doc, tmp_path / "map.pdf", ExportOptions(width=1200, height=800, bbox=(95, 0, 125, 25), title="ASEAN 数字地图"))
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    # the cross-reference table points at the objects: a strict reader takes it as written (the
    # dates made reproducible keep their length, issue 14's new-user pass saw 6 bytes off)
    data = out.read_bytes()
    startxref = int(data[data.rindex(b"startxref") + 9:].split()[0])
    assert data[startxref:startxref + 4] == b"xref"
    strict = pypdf.PdfReader(str(out), strict=True)
    assert strict.pages[0].extract_text()
    page = reader.pages[0]
    w, h = float(page.mediabox.width), float(page.mediabox.height)
    assert abs(w - 1200 * 72 / 96) < 1 and abs(h - 800 * 72 / 96) < 1  # the page is the export's size at 96 DPI
    import unicodedata

    # NFKC: Noto CJK maps some ideographs through Kangxi radicals in its ToUnicode table (人 as ⼈)
    text = unicodedata.normalize("NFKC", page.extract_text())
    assert "ASEAN" in text and "数字地图" in text and "Bangkok" in text
    hubs = next(lyr for lyr in doc.layers if lyr.source == "builtin:compute_hubs")
    flat = "".join(text.split())
    assert any("".join(unicodedata.normalize("NFKC", z).split()) in flat for z in hubs.frame["name_zh"].dropna())  # selectable
    fonts = page["/Resources"]["/Font"]
    descriptors = [f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] if "/DescendantFonts" in f.get_object()
                   else f.get_object().get("/FontDescriptor") for f in fonts.values()]
    assert descriptors and all(d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                               for d in descriptors)  # fonts embedded


def test_cli_svg_and_pdf(tmp_path, capsys, qapp):
    assert main(["export", "--svg", str(tmp_path / "a.svg"), "--pdf", str(tmp_path / "a.pdf"), "--size", "800x600"]) == 0
    out = capsys.readouterr().out
    assert "a.svg" in out and "a.pdf" in out
    assert (tmp_path / "a.svg").stat().st_size > 1000 and (tmp_path / "a.pdf").read_bytes()[:5] == b"%PDF-"
    assert main(["export", "--pdf", str(tmp_path / "missing" / "a.pdf")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
