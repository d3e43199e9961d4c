"""Page and window sizes as the command line gives them (``--size``): standard library only, so the
window's start-up (:mod:`asean_atlas.desktop.startup`) parses ``--size`` before numpy and pandas load."""

from __future__ import annotations

from .errors import ExportError


#: Page presets: paper in millimetres (at the export's DPI) and screen formats in pixels at 96 DPI
#: (scaled with the DPI, so a 192-DPI "16:9" is the 96-DPI one at twice the pixels).
PAGE_PRESETS: dict[str, tuple[str, float, float]] = {
    "a4": ("mm", 210, 297), "a4-landscape": ("mm", 297, 210),
    "a3": ("mm", 297, 420), "a3-landscape": ("mm", 420, 297),
    "16:9": ("px", 1600, 900), "4:5": ("px", 1080, 1350), "square": ("px", 1200, 1200),
}


def parse_size(text: str, dpi: float = 96.0) -> tuple[int, int]:
    """Parse a page size: ``"WxH"`` in pixels (``"1600x1000"``), ``"WxHmm"`` in millimetres at
    ``dpi`` (``"210x297mm"``), or a preset of :data:`PAGE_PRESETS` (``"A4"``, ``"a3-landscape"``,
    ``"16:9"``, ``"4:5"``, ``"square"``).

    Returns
    -------
    (width, height) : tuple of int
        Pixels.

    Raises
    ------
    ExportError
    """
    key = text.strip().lower()
    if key in PAGE_PRESETS:
        unit, w, h = PAGE_PRESETS[key]
        factor = dpi / 25.4 if unit == "mm" else dpi / 96.0
        return round(w * factor), round(h * factor)
    try:
        if key.endswith("mm"):
            w, h = (float(v) for v in key[:-2].split("x"))
            return round(w / 25.4 * dpi), round(h / 25.4 * dpi)
        w, h = key.split("x")
        return int(w), int(h)
    except ValueError:
        raise ExportError(f"--size {text!r}: expected WIDTHxHEIGHT in pixels (1600x1000), in millimetres "
                          f"(210x297mm) or one of A4, A4-landscape, A3, A3-landscape, 16:9, 4:5, square") from None
