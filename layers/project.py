"""Project files (issue 11 item 6): the work of a session in one ``.atlas.json`` file. No Qt.

A project holds what the window shows, never data: the layers in drawing order (built-in ones by
id, files by a path relative to the project file, plus the absolute path as a fallback), and per
layer its title, visibility, style, attribute filter, temporal and lifecycle settings, the
encoding and CRS it was read with; the time controller's state, the view's bbox, the map title
and the interface language. The same file replays in the window (File > Open project) and on the
command line (``asean-atlas export --project``), which therefore draw the same map.

A project file is untrusted input like any other file: it is parsed as JSON with a size limit,
every value is type-checked, unknown keys are ignored, colours must be ``#rrggbb``, filters go
through the safe expression parser (:mod:`asean_atlas.layers.filter`), sources are only
``builtin:<id>`` or file paths read by the same reader as File > Add layer. Nothing in it is ever
executed or used as a template. Writes are atomic.

Format (``"format": "asean-atlas-project"``, ``"version": 1``)::

    {"format": "asean-atlas-project", "version": 1, "title": "…", "language": "en",
     "view": {"bbox": [w, s, e, n]}, "time": {…TimeController.to_dict()…},
     "layers": [{"source": "builtin:cables" | "relative/or/absolute/path.geojson",
                 "absolute": "/abs/path.geojson", "title": "…", "visible": true,
                 "style": {…Style.to_dict()…}, "filter": "status == 'in service'" | null,
                 "temporal": {…} | null, "lifecycle": {…} | null,
                 "encoding": null, "crs": null}, …],
     "analysis": {…the Connectivity panel's what-if scenario, connectivity.analysis_state…}}
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .document import MapDocument
from .errors import AtlasError
from .layer import Layer
from .style import Style
from .temporal import LifecycleSpec, TemporalSpec

FORMAT = "asean-atlas-project"
VERSION = 1
SUFFIX = ".atlas.json"
#: Largest project file read, bytes (a project holds settings, not data).
MAX_BYTES = 5 * 1024 * 1024
#: Most layers a project may list.
MAX_LAYERS = 500
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class ProjectError(AtlasError):
    """A project file that cannot be read or written; the message names the file and the problem."""


@dataclass
class MissingLayer:
    """A layer of a project whose file was not found (the window asks the user to locate it)."""

    entry: dict
    tried: list[str] = field(default_factory=list)
    index: int = 0


@dataclass
class LoadedProject:
    """What :func:`load_project` read.

    Attributes
    ----------
    document : MapDocument
        The layers that could be read, in order, with their settings.
    bbox : tuple or None
        The saved view ``(west, south, east, north)``, degrees.
    language : str
    missing : list of MissingLayer
        Layers whose file was not found.
    errors : list of str
        Layers that could not be read (the message of each), already left out.
    """

    document: MapDocument
    bbox: tuple[float, float, float, float] | None
    language: str = "en"
    #: the view's size in pixels when saved, ``(width, height)``, or None
    size: tuple[int, int] | None = None
    #: why the project's what-if scenario was not applied (issue 14), or "": the layers and the
    #: map are the project's either way (an export does not draw the scenario)
    analysis_error: str = ""
    missing: list[MissingLayer] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# -- writing ---------------------------------------------------------------------------------
def layer_entry(layer: Layer, folder: Path | None) -> dict[str, Any]:
    """The project entry of one layer; file paths relative to ``folder`` where possible."""
    entry: dict[str, Any] = {
        "title": layer.title,
        "visible": bool(layer.visible),
        "style": layer.style.to_dict(),
        "filter": layer.filter.expression if layer.filter is not None else None,
        "temporal": layer.temporal.to_dict() if layer.temporal is not None else None,
        "lifecycle": layer.lifecycle.to_dict() if layer.lifecycle is not None else None,
        "encoding": getattr(layer, "load_encoding", None),
        "crs": getattr(layer, "load_crs", None),
    }
    src = layer.source
    if src.startswith(("builtin:", "postgresql://", "postgres://")):  # a PostGIS URI holds no password
        entry["source"] = src
        return entry
    path, sep, sub = src.partition("|")
    p = Path(path).expanduser().resolve()
    entry["absolute"] = str(p) + (sep + sub if sep else "")
    rel = None
    if folder is not None:
        try:
            rel = os.path.relpath(p, folder)
        except ValueError:  # another drive (Windows)
            rel = None
    entry["source"] = (Path(rel).as_posix() if rel is not None else str(p)) + (sep + sub if sep else "")
    return entry


#: Keys of a layer entry kept when an unavailable layer is written back (see ``unavailable``).
ENTRY_KEYS = ("source", "absolute", "title", "visible", "style", "filter", "temporal", "lifecycle", "encoding", "crs")


def project_dict(document: MapDocument, bbox=None, language: str = "en", folder: Path | None = None,
                 size=None, unavailable=()) -> dict:
    """The project of ``document`` as a JSON-serialisable dict (see the module docstring).

    ``size`` is the view's ``(width, height)`` in pixels (the command line exports at its aspect);
    ``unavailable`` holds ``(index, entry)`` of layers whose file was missing when the project was
    opened: written back in their place, as QGIS keeps unavailable layers, so saving never drops
    a layer's settings.
    """
    # the what-if layers are derived (issue 14): the scenario is saved, they are drawn again from it
    layers = [layer_entry(lyr, folder) for lyr in document.layers if not lyr.source.startswith("analysis:")]
    for index, entry in sorted(unavailable, key=lambda t: t[0]):
        clean = {k: entry[k] for k in ENTRY_KEYS if k in entry}
        layers.insert(min(max(int(index), 0), len(layers)), clean)
    view: dict[str, Any] = {"bbox": [float(v) for v in bbox] if bbox is not None else None}
    if size is not None:
        view["size"] = [int(size[0]), int(size[1])]
    out = {
        "format": FORMAT,
        "version": VERSION,
        "title": document.title,
        "language": language,
        "view": view,
        "time": document.time.to_dict(),
        "layers": layers,
    }
    if getattr(document, "analysis", None):
        out["analysis"] = document.analysis
    return out


def save_project(document: MapDocument, path: str | Path, bbox=None, language: str = "en", size=None,
                 unavailable=()) -> Path:
    """Write ``document`` as a project file, atomically.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ProjectError
        The file cannot be written (folder missing, not writable…).
    """
    from .atomic import write_text_atomic
    from .errors import ExportError

    dest = Path(path).expanduser()
    data = project_dict(document, bbox, language, dest.resolve().parent, size, unavailable)
    text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (a file name that is not UTF-8): \\u escapes
        text = json.dumps(data, ensure_ascii=True, indent=1, allow_nan=False)
    try:
        return write_text_atomic(dest, text + "\n")
    except ExportError as exc:
        raise ProjectError(f"cannot save the project: {exc}") from None


# -- reading ---------------------------------------------------------------------------------
def _err(path: Path, what: str) -> ProjectError:
    return ProjectError(f"{path.name}: {what}")


def read_project_dict(path: str | Path) -> dict:
    """Read and check the top level of a project file.

    Raises
    ------
    ProjectError
        Missing, too big, not JSON, not a project of this format/version.
    """
    p = Path(path).expanduser()
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise _err(p, f"cannot open ({exc.strerror or exc})") from None
    if not p.is_file():
        raise _err(p, "not a file")
    if size > MAX_BYTES:
        raise _err(p, f"is {size:,} bytes; a project file holds settings, at most {MAX_BYTES:,} bytes")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise _err(p, f"cannot be read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise _err(p, "is not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise _err(p, f"is not valid JSON ({str(exc)[:120]})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _err(p, f"is not an ASEAN Digital Atlas project (no \"format\": \"{FORMAT}\")")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version > VERSION or version < 1:
        raise _err(p, f"project version {version!r} is not supported (this Atlas reads version {VERSION})")
    layers = data.get("layers")
    if not isinstance(layers, list):
        raise _err(p, "has no list of layers")
    if len(layers) > MAX_LAYERS:
        raise _err(p, f"lists {len(layers)} layers; at most {MAX_LAYERS}")
    return data


def _no_constant(name: str):
    raise ValueError(f"{name} is not a JSON number")


def _text(v, default: str = "", limit: int = 1000) -> str:
    return v[:limit] if isinstance(v, str) else default


def _bbox(v) -> tuple[float, float, float, float] | None:
    if not isinstance(v, list) or len(v) != 4:
        return None
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in v):
        return None
    w, s, e, n = (float(x) for x in v)
    if not (-540 <= w <= 540 and -540 <= e <= 540 and -90 <= s < n <= 90):
        return None
    return w, s, e, n


def _style(d) -> Style:
    """A Style from untrusted data: known keys of the right types only, colours ``#rrggbb``."""
    base = Style()
    if not isinstance(d, dict):
        return base
    kw: dict[str, Any] = {}

    def colour(v):
        return v if isinstance(v, str) and _COLOUR.match(v) else None

    for k in ("color",):
        if colour(d.get(k)):
            kw[k] = d[k]
    if "fill_color" in d:
        kw["fill_color"] = colour(d.get("fill_color"))
    for k, lo, hi in (("stroke_width", 0.0, 50.0), ("marker_size", 0.0, 200.0), ("fill_opacity", 0.0, 1.0),
                      ("opacity", 0.0, 1.0)):
        v = d.get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
            kw[k] = min(max(float(v), lo), hi)
    for k in ("categorized_field", "size_field", "label_field", "label_field2"):
        v = d.get(k)
        kw[k] = v[:300] if isinstance(v, str) and v else None
    cats = d.get("categories")
    if isinstance(cats, dict):
        kw["categories"] = {str(k)[:1000]: v for k, v in list(cats.items())[:200] if colour(v)}
    dv = d.get("dashed_values")
    if isinstance(dv, list):
        kw["dashed_values"] = tuple(str(x)[:1000] for x in dv[:1000] if isinstance(x, (str, int, float)))
    sr = d.get("size_range")
    if isinstance(sr, list) and len(sr) == 2 and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in sr):
        lo, hi = sorted(min(max(float(x), 0.5), 200.0) for x in sr)
        kw["size_range"] = (lo, hi)
    ref = d.get("size_ref_value")
    kw["size_ref_value"] = float(ref) if isinstance(ref, (int, float)) and not isinstance(ref, bool) and math.isfinite(ref) and ref > 0 else None
    shape = d.get("marker_shape")
    if shape in ("circle", "square", "triangle", "diamond", "star"):
        kw["marker_shape"] = shape
    v = d.get("label_size")
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
        kw["label_size"] = min(max(float(v), 4.0), 72.0)
    v = d.get("label_priority")
    if isinstance(v, int) and not isinstance(v, bool):
        kw["label_priority"] = min(max(v, 0), 10)
    for k in ("categories_in_legend", "dashed", "label_halo"):
        if isinstance(d.get(k), bool):
            kw[k] = d[k]
    ge = d.get("graduated_edges")
    if isinstance(ge, list) and len(ge) <= 11 and all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in ge):
        edges = [float(x) for x in ge]
        if edges == sorted(edges):
            kw["graduated_edges"] = tuple(edges)
    return Style(**{**base.to_dict(), **kw, "dashed_values": kw.get("dashed_values", ()),
                    "size_range": kw.get("size_range", base.size_range)})


def _spec(cls, d):
    if not isinstance(d, dict):
        return None
    clean = {k: v for k, v in d.items() if isinstance(v, (str, bool)) or v is None}
    try:
        return cls.from_dict(clean)
    except (TypeError, ValueError):
        return None


def resolve_source(entry: dict, folder: Path) -> tuple[str | None, list[str]]:
    """The readable path of a file layer's entry: ``source`` relative to the project's folder,
    then as given, then ``absolute``; ``(None, tried)`` when none exists."""
    tried = []
    for key in ("source", "absolute"):
        v = entry.get(key)
        if not isinstance(v, str) or not v or v.startswith("builtin:"):
            continue
        path, sep, sub = v.partition("|")
        cands = [folder / path] if not Path(path).is_absolute() else [Path(path)]
        for c in cands:
            tried.append(str(c)[:300])
            try:
                if c.exists():
                    return str(c) + (sep + sub if sep else ""), tried
            except (OSError, ValueError):  # a path too long for the system, a NUL byte
                continue
    return None, tried


def apply_entry(layer: Layer, entry: dict, errors: list[str]) -> None:
    """Apply an entry's title, visibility, style, temporal/lifecycle settings and filter."""
    from .filter import FilterError

    title = _text(entry.get("title"))
    if title:
        layer.title = title
    layer.visible = bool(entry.get("visible", True)) if isinstance(entry.get("visible", True), bool) else True
    if "style" in entry:
        layer.style = _style(entry.get("style"))
    if "temporal" in entry:
        spec = _spec(TemporalSpec, entry.get("temporal"))
        if spec is None or spec.start_field in layer.attributes.columns:
            try:
                layer.set_temporal(spec, emit=False)
            except Exception as exc:  # noqa: BLE001 - a bad field: keep the detected spec
                errors.append(f"{layer.title}: time settings not applied ({exc})")
    if "lifecycle" in entry:
        life = _spec(LifecycleSpec, entry.get("lifecycle"))
        try:
            layer.set_lifecycle(life, emit=False)
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{layer.title}: lifecycle settings not applied ({exc})")
    expr = entry.get("filter")
    if isinstance(expr, str) and expr.strip():
        try:
            layer.set_filter(expr)
        except FilterError as exc:
            errors.append(f"{layer.title}: filter not applied ({exc})")


def load_project(path: str | Path, read=None, read_postgis=None) -> LoadedProject:
    """Read a project: its layers (built-in and files), their settings, the time and the view.

    Parameters
    ----------
    path : str or Path
    read : callable, optional
        ``read(source, encoding, crs) -> Layer`` for file layers (default
        :func:`asean_atlas.layers.io.read_layer`); the window passes its loader.
    read_postgis : callable, optional
        ``read_postgis(source) -> Layer`` for PostGIS sources (default
        :func:`asean_atlas.layers.postgis.read_postgis_layer`, the whole table); the window
        passes its layers that follow the view.

    Returns
    -------
    LoadedProject
        Layers whose file is missing are in ``missing`` (not in the document); layers that could
        not be read are in ``errors``.

    Raises
    ------
    ProjectError
        The file is not a readable project (see :func:`read_project_dict`).
    """
    from .builtin import builtin_layers
    from .errors import LayerLoadError

    p = Path(path).expanduser()
    data = read_project_dict(p)
    folder = p.resolve().parent
    if read is None:
        from .io import read_layer

        def read(source, encoding, crs):
            return read_layer(source, encoding=encoding, crs=crs)

    doc = MapDocument(title=_text(data.get("title"), "ASEAN Digital Atlas", 300) or "ASEAN Digital Atlas")
    view = data.get("view") if isinstance(data.get("view"), dict) else {}
    size = view.get("size")
    size = (tuple(int(v) for v in size) if isinstance(size, list) and len(size) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) and 16 <= v <= 20000 for v in size) else None)
    out = LoadedProject(document=doc, bbox=_bbox(view.get("bbox")), language=_text(data.get("language"), "en", 16) or "en",
                        size=size)
    builtins = None
    used_builtins: set[str] = set()
    ready: list[Layer] = []
    for i, entry in enumerate(data["layers"]):
        if not isinstance(entry, dict):
            out.errors.append(f"layer {i + 1}: not an object, left out")
            continue
        source = entry.get("source")
        if isinstance(source, str) and source.startswith("builtin:"):
            if builtins is None:
                builtins = {lyr.source: lyr for lyr in builtin_layers()}
            layer = builtins.pop(source, None)
            if layer is None:
                why = "listed twice" if source in used_builtins else "no such built-in layer"
                out.errors.append(f"layer {i + 1}: {source!r}: {why}, left out")
                continue
            used_builtins.add(source)
        elif isinstance(source, str) and source.startswith(("postgresql://", "postgres://")):
            from .postgis import check_project_source, read_postgis_layer

            try:  # the password from libpq's password file or service file (issue 15)
                check_project_source(source)
                layer = (read_postgis or read_postgis_layer)(source)
            except AtlasError as exc:
                out.errors.append(str(exc))
                continue
        else:
            resolved, tried = resolve_source(entry, folder)
            if resolved is None:
                out.missing.append(MissingLayer(entry, tried, i))
                continue
            enc = entry.get("encoding") if isinstance(entry.get("encoding"), str) else None
            crs = entry.get("crs") if isinstance(entry.get("crs"), str) else None
            try:
                layer = read(resolved, enc, crs)
            except (LayerLoadError, AtlasError) as exc:
                out.errors.append(str(exc))
                continue
        apply_entry(layer, entry, out.errors)
        ready.append(layer)
    doc.add_layers(ready)  # one change for the whole stack
    time = data.get("time")
    if isinstance(time, dict):
        try:
            doc.time.update_from_dict(_time_dict(time))
        except (TypeError, ValueError, OverflowError) as exc:
            out.errors.append(f"time settings not applied ({exc})")
    if "analysis" in data:
        from .connectivity import analysis_state

        try:
            doc.analysis = analysis_state(data["analysis"])
        except AtlasError as exc:
            out.analysis_error = f"what-if scenario not applied ({exc})"
    return out


def _time_dict(d: dict) -> dict:
    """The time controller's settings from untrusted data: known keys, checked types and ranges."""
    out: dict[str, Any] = {}
    for k in ("mode", "step_unit"):
        if isinstance(d.get(k), str):
            out[k] = d[k]
    for k in ("enabled", "end_inclusive", "loop"):
        if isinstance(d.get(k), bool):
            out[k] = d[k]
    v = d.get("step_size")
    if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 1000:
        out["step_size"] = v
    v = d.get("speed")
    if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v):
        out["speed"] = min(max(float(v), 0.1), 30.0)
    v = d.get("window_length")
    out["window_length"] = v if isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 1000 else None
    date = re.compile(r"^-?\d{1,4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$")
    cur = d.get("current")
    out["current"] = cur if isinstance(cur, str) and date.match(cur) else None
    rng = d.get("range")
    if isinstance(rng, list) and len(rng) == 2 and all(isinstance(x, str) and date.match(x) for x in rng):
        out["range"] = rng
    return out
