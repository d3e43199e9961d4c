"""Label placement (issue 11 item 1): which labels go where, so that no two overlap and none sits
on a marker. No Qt: text sizes come in as pixels from the caller (the renderer measures them with
the label font).

The method is the greedy one of QGIS's PAL engine in its simplest form: candidates are taken by
priority (then by size, larger first); a point label tries up to eight positions around its
marker — right, left, above, below, then the four diagonals, as cartographers rank them — and a
line label is placed along the longest straight-enough stretch of its line in view, rotated to
it and kept upright; the first position whose box is free is taken, otherwise the label is
dropped. Obstacles (markers of point features) are entered first. A grid of cells makes each
collision test touch only nearby boxes, so placing thousands of candidates stays fast.
At small scales fewer labels fit, so they thin out by priority as the map zooms out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

_DROP = set("\u2028\u2029\x7f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")

#: Gap between a marker and its label, and around each label box, pixels.
GAP = 2.0


@dataclass
class LabelCandidate:
    """A label to place.

    Attributes
    ----------
    text : str
    width, height : float
        Size of the text box, pixels.
    priority : float
        Higher first.
    x, y : float
        Anchor, pixels: a point's position (``path`` None) or unused for lines.
    radius : float
        Half the marker size of a point feature, pixels (the label keeps clear of it); negative:
        the label is centred on ``(x, y)`` (a country or polygon name), or nudged a line up or
        down, or a quarter of its width sideways, when that is taken.
    path : ndarray or None
        A line's vertices in pixels, shape (n, 2): the label goes along it.
    key : object
        The caller's id of the feature (layer, row).
    """

    text: str
    width: float
    height: float
    priority: float
    x: float = 0.0
    y: float = 0.0
    radius: float = 0.0
    path: np.ndarray | None = None
    key: object = None


@dataclass
class PlacedLabel:
    """A placed label: ``(cx, cy)`` the centre of its box (pixels), ``angle`` in degrees
    (clockwise, as Qt rotates), and ``box`` its axis-aligned bounds ``(x0, y0, x1, y1)``."""

    candidate: LabelCandidate
    cx: float
    cy: float
    angle: float
    box: tuple[float, float, float, float]


class _Grid:
    """Axis-aligned boxes in a uniform grid of ``cell`` pixels."""

    def __init__(self, cell: float = 48.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def _keys(self, b):
        c = self.cell
        for i in range(int(b[0] // c), int(b[2] // c) + 1):
            for j in range(int(b[1] // c), int(b[3] // c) + 1):
                yield i, j

    def covering(self, x: float, y: float) -> list:
        """Boxes that contain the point ``(x, y)``."""
        c = self.cell
        return [o for o in self.cells.get((int(x // c), int(y // c)), ()) if o[0] <= x <= o[2] and o[1] <= y <= o[3]]

    def free(self, b) -> bool:
        for k in self._keys(b):
            for o in self.cells.get(k, ()):
                if b[0] < o[2] and o[0] < b[2] and b[1] < o[3] and o[1] < b[3]:
                    return False
        return True

    def add(self, b) -> None:
        for k in self._keys(b):
            self.cells.setdefault(k, []).append(b)


def _point_positions(c: LabelCandidate, clear: float = 0.0):
    """Box centres of the eight positions around a point, in order of preference; a negative
    ``radius`` means a label centred on its anchor (an area's name), one position only."""
    if c.radius < 0:  # centred, or nudged a little when something sits on the centre
        dy, dx = c.height * 1.2, c.width * 0.25
        return [(c.x, c.y), (c.x, c.y - dy), (c.x, c.y + dy), (c.x - dx, c.y), (c.x + dx, c.y),
                (c.x, c.y - 2 * dy), (c.x, c.y + 2 * dy)]
    w2, h2 = c.width / 2, c.height / 2
    out = []
    # around the anchor at the marker's radius; then clear of any marker on the same spot (a 5G
    # triangle on a capital's point); then one line height farther out
    radii = [c.radius + GAP]
    if clear > c.radius:
        radii.append(clear + GAP)
    radii.append(max(radii) + c.height)
    for r in radii:
        out += _ring(c, r, w2, h2)
    return out


def _ring(c: LabelCandidate, r: float, w2: float, h2: float):
    d = r * 0.7071
    return [
        (c.x + r + w2, c.y),  # right
        (c.x - r - w2, c.y),  # left
        (c.x, c.y - r - h2),  # above
        (c.x, c.y + r + h2),  # below
        (c.x + d + w2, c.y - d - h2),  # above right
        (c.x + d + w2, c.y + d + h2),  # below right
        (c.x - d - w2, c.y - d - h2),  # above left
        (c.x - d - w2, c.y + d + h2),  # below left
    ]


def _line_positions(c: LabelCandidate, width: float, height: float, tries: int = 5):
    """Centre and angle of up to ``tries`` positions along the line, best first: centred on
    the line's visible length, then stepping outwards; only where the stretch under the label
    turns by less than 30°."""
    path = c.path
    if path is None or len(path) < 2:
        return []
    inside = (path[:, 0] >= 0) & (path[:, 0] <= width) & (path[:, 1] >= 0) & (path[:, 1] <= height)
    if inside.sum() < 2:
        return []
    # the longest run of consecutive vertices inside the view
    idx = np.flatnonzero(inside)
    breaks = np.flatnonzero(np.diff(idx) > 1)
    starts = np.r_[idx[0], idx[breaks + 1]]
    ends = np.r_[idx[breaks], idx[-1]]
    k = int(np.argmax(ends - starts))
    run = path[starts[k]:ends[k] + 1]
    seg = np.hypot(*np.diff(run, axis=0).T)
    total = float(seg.sum())
    need = c.width + 2 * GAP
    if total < need:
        return []
    cum = np.r_[0.0, np.cumsum(seg)]
    out = []
    offsets = [0.0] + [s * f for f in (0.2, 0.35) for s in (1, -1)]
    for off in offsets[:tries]:
        mid = total / 2 + off * total
        a, b = mid - need / 2, mid + need / 2
        if a < 0 or b > total:
            continue
        pa, pb = _at(run, cum, a), _at(run, cum, b)
        # straight enough: the path between a and b stays near the chord
        inner = run[(cum > a) & (cum < b)]
        chord = pb - pa
        L = float(np.hypot(*chord))
        if L < 1e-6:
            continue
        if len(inner):
            rel = inner - pa
            dev = np.abs(chord[0] * rel[:, 1] - chord[1] * rel[:, 0]) / L
            if dev.max() > c.height * 0.9:
                continue
        angle = math.degrees(math.atan2(chord[1], chord[0]))
        if angle > 90:
            angle -= 180
        elif angle < -90:
            angle += 180
        cx, cy = (pa + pb) / 2
        out.append((float(cx), float(cy), angle))
    return out


def _at(run, cum, s):
    i = int(np.searchsorted(cum, s, side="right") - 1)
    i = min(max(i, 0), len(run) - 2)
    t = (s - cum[i]) / max(cum[i + 1] - cum[i], 1e-9)
    return run[i] + t * (run[i + 1] - run[i])


def _rotated_box(cx, cy, w, h, angle):
    a = math.radians(angle)
    cw, sw = abs(math.cos(a)), abs(math.sin(a))
    hw = (w * cw + h * sw) / 2 + GAP / 2
    hh = (w * sw + h * cw) / 2 + GAP / 2
    return cx - hw, cy - hh, cx + hw, cy + hh


def place_labels(
    candidates: list[LabelCandidate],
    width: float,
    height: float,
    obstacles: np.ndarray | None = None,
    reserved: np.ndarray | None = None,
) -> list[PlacedLabel]:
    """Place labels without overlaps.

    Parameters
    ----------
    candidates : list of LabelCandidate
    width, height : float
        The image, pixels: labels stay inside it.
    obstacles : ndarray, shape (k, 4), optional
        Boxes ``(x0, y0, x1, y1)`` no label may cover (markers); a point label clears the markers
        on its own anchor.
    reserved : ndarray, shape (m, 4), optional
        Boxes drawn over the map afterwards (title band, legend, scale bar): no label may cover
        one, and a point whose anchor lies under one is not labelled (its marker is hidden; before,
        its label was pushed clear of the whole legend, hundreds of pixels from its place).

    Returns
    -------
    list of PlacedLabel
        In placement order (highest priority first); no two boxes intersect, none crosses an
        obstacle or the image edge.
    """
    grid = _Grid()
    markers = _Grid()
    if obstacles is not None:
        for b in np.asarray(obstacles, dtype=float).reshape(-1, 4):
            grid.add(tuple(b))
            markers.add(tuple(b))
    overlays = np.asarray(reserved, dtype=float).reshape(-1, 4) if reserved is not None else np.empty((0, 4))
    for b in overlays:
        grid.add(tuple(b))
    order = sorted(range(len(candidates)), key=lambda i: (-candidates[i].priority, -candidates[i].width, i))
    placed: list[PlacedLabel] = []
    seen: dict[str, list[tuple[float, float]]] = {}
    for i in order:
        c = candidates[i]
        # the same name twice close together (a capital and its landing station) is said once
        if any(abs(x - c.x) + abs(y - c.y) < 60 for x, y in seen.get(c.text, ())) and c.path is None:
            continue
        if c.path is None:
            if ((overlays[:, 0] <= c.x) & (c.x <= overlays[:, 2]) & (overlays[:, 1] <= c.y) & (c.y <= overlays[:, 3])).any():
                continue  # under the legend or the title band: not visible, not labelled
            clear = 0.0
            if c.radius >= 0:  # markers on this very spot: the label clears the biggest of them
                for o in markers.covering(c.x, c.y):
                    clear = max(clear, o[2] - c.x, c.x - o[0], o[3] - c.y, c.y - o[1])
            positions = [(x, y, 0.0) for x, y in _point_positions(c, clear)]
        else:
            positions = _line_positions(c, width, height)
        for cx, cy, angle in positions:
            box = _rotated_box(cx, cy, c.width, c.height, angle) if angle else (
                cx - c.width / 2 - GAP / 2, cy - c.height / 2 - GAP / 2, cx + c.width / 2 + GAP / 2, cy + c.height / 2 + GAP / 2)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if grid.free(box):
                grid.add(box)
                placed.append(PlacedLabel(c, cx, cy, angle, box))
                seen.setdefault(c.text, []).append((c.x, c.y))
                break
    return placed


def boxes_overlap(placed: list[PlacedLabel]) -> bool:
    """Whether any two placed boxes intersect (for tests)."""
    for i in range(len(placed)):
        a = placed[i].box
        for j in range(i + 1, len(placed)):
            b = placed[j].box
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                return True
    return False


def label_text(value, second=None) -> str:
    """A label's text: ``value``, then ``(second)`` when there is one and it differs; control
    characters removed, runs of spaces collapsed, at most 80 characters (file text is only ever
    drawn as text)."""
    def clean(v) -> str:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return ""
        t = (v if isinstance(v, str) else str(v))[:400]  # cut first: a value may be megabytes
        # control characters and the bidi overrides that would draw "\u202eevil" as "live"
        t = "".join(" " if ch < " " or ch in _DROP else ch for ch in t)
        return " ".join(t.split())[:80]

    a, b = clean(value), clean(second)
    if b and b != a:
        return f"{a} ({b})" if a else b
    return a
