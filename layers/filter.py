"""Attribute filters: a small, safe expression language evaluated over a layer's attributes
(issue 11 item 3). No Qt.

An expression selects features, as QGIS's provider filter or kepler.gl's filters do, and the
selection drives the map, the time histogram and every export (:meth:`Layer.set_filter`)::

    status == "in service" and rfs_year >= 2020
    status = 'in service'                      # QGIS's "=" works too, and AND / OR / NOT
    country in ["SGP", "MYS"] and not is_empty(owners)
    contains(owners, "China Mobile")           # case-insensitive substring
    2000 <= rfs_year < 2010
    `cable count` > 3                          # back-quotes around names with spaces

Grammar: attribute names (bare or back-quoted), string/number/true/false/null literals, lists of
literals, comparisons ``== = != <> < <= > >= in, not in`` (chained too), ``and or not`` and
parentheses, and the functions :data:`FUNCTIONS`. Nothing else parses: the expression is read with
Python's :mod:`ast` and only those node types are evaluated, as vectorised pandas operations — a
project file or a pasted expression can never call code (no attribute access, subscripts,
lambdas, comprehensions or other calls).
"""

from __future__ import annotations

import ast
import io
import operator
import re
import tokenize
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .errors import AtlasError

#: Functions an expression may call: name -> (argument count, description).
FUNCTIONS = {
    "contains": (2, "contains(field, 'text'): the text occurs in the value, case-insensitive"),
    "startswith": (2, "startswith(field, 'text'): the value starts with the text, case-insensitive"),
    "is_empty": (1, "is_empty(field): no value (null, NaN or blank text)"),
    "year": (1, "year(field): the year of a date value, or of a leading 4-digit year in text"),
}
#: Longest expression accepted (characters), and deepest nesting.
MAX_LENGTH = 2000
MAX_DEPTH = 40
#: Most comparisons and function calls in one expression: each is a pass over every feature, so
#: this bounds the time a pasted or saved expression can take (≈ 1 s at 1,000,000 features).
MAX_CONDITIONS = 32


class FilterError(AtlasError, ValueError):
    """An expression that does not parse or names an attribute the layer lacks; the message says
    which and where, for the user."""


def _prepare(text: str) -> str:
    """QGIS spellings to Python: ``=`` → ``==``, ``<>`` → ``!=``, ``AND/OR/NOT/IN`` any case,
    ``true/false/null`` any case, back-quoted names to placeholders."""
    out = []
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError) as exc:
        raise FilterError.of("cannot read the expression: {error}", error=str(exc)) from None
    prev = None
    for tok in tokens:
        kind, value = tok.type, tok.string
        if kind == tokenize.OP and value == ">" and prev is not None and prev.string == "<" and prev.end == tok.start:
            out[-1] = (tokenize.OP, "!=")  # "<>" arrives as "<" then ">"
            prev = tok
            continue
        prev = tok
        if kind == tokenize.OP and value == "=":
            value = "=="
        elif kind == tokenize.OP and value == "<>":
            value = "!="
        elif kind == tokenize.NAME and value.lower() in ("and", "or", "not", "in"):
            value = value.lower()
        elif kind == tokenize.NAME and value.lower() in ("true", "false", "null", "none"):
            value = {"true": "True", "false": "False", "null": "None", "none": "None"}[value.lower()]
        out.append((kind, value))
    return tokenize.untokenize(out)


_BACKTICK = re.compile(r"`([^`]*)`")


def parse(text: str) -> ast.Expression:
    """Parse ``text`` into a checked syntax tree.

    Raises
    ------
    FilterError
        Empty, too long, a syntax error, or a construct outside the grammar (named in the message).
    """
    if not isinstance(text, str) or not text.strip():
        raise FilterError.of("the expression is empty")
    if len(text) > MAX_LENGTH:
        raise FilterError.of("the expression is longer than {n} characters", n=MAX_LENGTH)
    names: dict[str, str] = {}

    def hold(m: re.Match) -> str:
        key = f"__field{len(names)}__"
        names[key] = m.group(1)
        return key

    body = _BACKTICK.sub(hold, text.strip())
    if "`" in body:
        raise FilterError.of("a back-quote (`) is not closed")
    source = _prepare(body).strip()  # raises FilterError on text the tokenizer cannot read
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        if exc.offset:
            raise FilterError.of("syntax error at column {column}: {error}", column=exc.offset, error=exc.msg) from None
        raise FilterError.of("syntax error (the expression ends too early): {error}", error=exc.msg) from None
    except (RecursionError, MemoryError):
        raise FilterError.of("the expression is nested too deeply") from None
    except ValueError as exc:  # e.g. a NUL byte
        raise FilterError.of("cannot read the expression ({error})", error=str(exc)) from None
    _check(tree.body, 0)
    work = sum(isinstance(n, (ast.Compare, ast.Call)) for n in ast.walk(tree))
    if work > MAX_CONDITIONS:
        raise FilterError.of("the expression has {n} conditions; at most {max} (each one scans the layer)",
                             n=work, max=MAX_CONDITIONS)
    tree.fields = names  # type: ignore[attr-defined]
    return tree


_OPS = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
        ast.Gt: operator.gt, ast.GtE: operator.ge}
_CMP = (ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn)


def _check(node: ast.AST, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise FilterError.of("the expression is nested too deeply")
    if isinstance(node, ast.BoolOp):
        for v in node.values:
            _check(v, depth + 1)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.Not, ast.USub)):
        _check(node.operand, depth + 1)
    elif isinstance(node, ast.Compare):
        if not all(isinstance(op, _CMP) for op in node.ops):
            raise FilterError.of("only == != < <= > >= in and not in compare values")
        for v in [node.left, *node.comparators]:
            _check(v, depth + 1)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS or node.keywords:
            raise FilterError.of("unknown function; available: {names}", names=", ".join(FUNCTIONS))
        n = FUNCTIONS[node.func.id][0]
        if len(node.args) != n:
            raise (FilterError.of("{name}() takes {n} arguments", name=node.func.id, n=n) if n > 1
                   else FilterError.of("{name}() takes 1 argument", name=node.func.id))
        for v in node.args:
            _check(v, depth + 1)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for v in node.elts:
            if not (isinstance(v, ast.Constant) or (isinstance(v, ast.UnaryOp) and isinstance(v.operand, ast.Constant))):
                raise FilterError.of("a list may hold only text and numbers")
    elif isinstance(node, ast.Constant):
        if not isinstance(node.value, (str, int, float, bool, type(None))):
            raise FilterError.of("only text, numbers, true, false and null are values")
    elif isinstance(node, ast.Name):
        pass
    else:
        raise FilterError.of("not allowed in a filter: {kind}", kind=type(node).__name__)


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    geom = getattr(frame, "_geometry_column_name", None)
    cols = [c for c in frame.columns if c != geom]
    if name in cols and list(frame.columns).count(name) == 1:
        return frame[name]
    lower: dict[str, list] = {}
    for c in cols:
        lower.setdefault(str(c).lower(), []).append(c)
    found = lower.get(name.lower(), [])
    if len(found) == 1 and list(frame.columns).count(found[0]) == 1:
        return frame[found[0]]
    if found:
        raise FilterError.of("the attribute name {name} is ambiguous (several columns match it)", name=repr(name))
    raise FilterError.of("no attribute named {name}", name=repr(name))


def _is_missing(s: pd.Series) -> np.ndarray:
    miss = np.array(s.isna().to_numpy(), dtype=bool)
    if s.dtype == object or pd.api.types.is_string_dtype(s):
        miss |= s.astype("string").str.strip().fillna("").eq("").to_numpy()
    return miss


def _as_text(s: pd.Series) -> pd.Series:
    return s.astype("string").fillna("")


def _year(s: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.year.astype("Float64")
    if pd.api.types.is_numeric_dtype(s):
        return s.astype("Float64")
    return pd.to_numeric(_as_text(s).str.extract(r"^\s*(\d{4})", expand=False), errors="coerce").astype("Float64")


class _Eval:
    def __init__(self, frame: pd.DataFrame, fields: dict[str, str]) -> None:
        self.frame, self.fields, self.n = frame, fields, len(frame)
        self.used: set[str] = set()

    def value(self, node):
        """A Series (attribute or function result) or a Python scalar/list."""
        if isinstance(node, ast.Name):
            if node.id in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[node.id]
            name = self.fields.get(node.id, node.id)
            col = _column(self.frame, name)
            self.used.add(str(col.name))
            return col
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            v = self.value(node.operand)
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise FilterError.of("minus applies to numbers only")
            return -v
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.value(e) for e in node.elts]
        if isinstance(node, ast.Call) and node.func.id == "year":
            s = self.value(node.args[0])
            if not isinstance(s, pd.Series):
                raise FilterError.of("year() takes an attribute")
            return _year(s)
        return self.mask(node)

    def mask(self, node) -> np.ndarray:
        if isinstance(node, ast.BoolOp):
            parts = [self.mask(v) for v in node.values]
            out = parts[0].copy()
            for p in parts[1:]:
                out = (out & p) if isinstance(node.op, ast.And) else (out | p)
            return out
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ~self.mask(node.operand)
        if isinstance(node, ast.Compare):
            out = np.ones(self.n, dtype=bool)
            left = self.value(node.left)
            for op, right_node in zip(node.ops, node.comparators):
                right = self.value(right_node)
                out &= self.compare(left, op, right)
                left = right
            return out
        if isinstance(node, ast.Call):
            name = node.func.id
            if name == "is_empty":
                s = self.value(node.args[0])
                if not isinstance(s, pd.Series):
                    raise FilterError.of("is_empty() takes an attribute")
                return _is_missing(s)
            if name in ("contains", "startswith"):
                s, text = (self.value(a) for a in node.args)
                if not isinstance(s, pd.Series) or not isinstance(text, str):
                    raise FilterError.of("{name}() takes an attribute and a text", name=name)
                t = _as_text(s).str.casefold()
                needle = text.casefold()
                res = t.str.contains(needle, regex=False) if name == "contains" else t.str.startswith(needle)
                return res.fillna(False).to_numpy(dtype=bool)
        if isinstance(node, (ast.Name, ast.Constant)):
            v = self.value(node)
            if isinstance(v, pd.Series):
                if pd.api.types.is_bool_dtype(v):
                    return v.fillna(False).to_numpy(dtype=bool)
                raise FilterError.of("{name} is not true/false; compare it with a value", name=repr(v.name))
            if isinstance(v, bool):
                return np.full(self.n, v)
        raise FilterError.of("this part of the expression is not a condition")

    def compare(self, left, op, right) -> np.ndarray:
        if isinstance(op, (ast.In, ast.NotIn)):
            if not isinstance(left, pd.Series) or not isinstance(right, list):
                raise FilterError.of("use: attribute in [value, value, …]")
            values = right
            if pd.api.types.is_numeric_dtype(left) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                res = left.isin(values).to_numpy(dtype=bool)
            else:
                res = _as_text(left).isin([str(v) for v in values]).to_numpy(dtype=bool) & ~left.isna().to_numpy()
            return ~res if isinstance(op, ast.NotIn) else res
        if not isinstance(left, pd.Series) and isinstance(right, pd.Series):
            flip = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE}
            op = flip.get(type(op), type(op))()
            left, right = right, left
        if not isinstance(left, pd.Series):
            raise FilterError.of("a comparison needs an attribute on one side")
        if isinstance(right, list):
            raise FilterError.of("a list goes with in / not in: attribute in [value, value, …]")
        if right is None:
            miss = _is_missing(left)
            if isinstance(op, ast.Eq):
                return miss
            if isinstance(op, ast.NotEq):
                return ~miss
            raise FilterError.of("compare null only with == or !=")
        if isinstance(right, pd.Series):
            a, b = left, right
        elif isinstance(right, bool):
            if pd.api.types.is_bool_dtype(left):
                a, b = left, right
            else:  # text "true"/"false", numbers 1/0
                a, b = _as_text(left).str.strip().str.lower().replace({"1": "true", "0": "false"}), "true" if right else "false"
        elif isinstance(right, str):
            if pd.api.types.is_numeric_dtype(left) and not pd.api.types.is_bool_dtype(left):
                try:  # "2020" against a number column compares as a number
                    a, b = left, float(right.replace(",", ""))
                except ValueError:
                    raise FilterError.of("{name} holds numbers: compare it with a number, not {value}",
                                         name=repr(left.name), value=repr(right)) from None
            else:
                a, b = _as_text(left), right
        else:  # a number: compare numerically, text that is not a number never matches
            a = left if pd.api.types.is_numeric_dtype(left) else pd.to_numeric(_as_text(left), errors="coerce")
            b = right
        with np.errstate(invalid="ignore"):
            res = _OPS[type(op)](a, b)
        res = np.array(pd.Series(res).fillna(False).to_numpy(dtype=bool), dtype=bool, copy=True)
        if isinstance(op, ast.NotEq):
            res &= ~left.isna().to_numpy()  # null != "x" is unknown, not true (as SQL and QGIS)
        return res


@dataclass(frozen=True)
class FeatureFilter:
    """An attribute filter of a layer.

    Attributes
    ----------
    expression : str
        As the user wrote it (shown in the legend and in the exports' footer: "filtered: …").
    """

    expression: str

    def mask(self, frame: pd.DataFrame) -> np.ndarray:
        """Which features pass, ndarray of bool, shape (len(frame),).

        Raises
        ------
        FilterError
            The expression does not parse, or names an attribute ``frame`` lacks.
        """
        tree = parse(self.expression)
        ev = _Eval(frame, getattr(tree, "fields", {}))
        try:
            out = ev.mask(tree.body)
        except FilterError:
            raise
        except (TypeError, ValueError, OverflowError, UnicodeError, AttributeError, KeyError, IndexError) as exc:
            # values that cannot be compared (text with numbers, dates with text, bytes…)
            raise FilterError.of("cannot evaluate it on these attributes: {kind}: {error}",
                                 kind=type(exc).__name__, error=str(exc)[:160]) from None
        return np.array(out, dtype=bool, copy=True).reshape(len(frame))

    def fields(self, frame: pd.DataFrame) -> list[str]:
        """The attributes the expression uses (after evaluating it on ``frame``)."""
        tree = parse(self.expression)
        ev = _Eval(frame, getattr(tree, "fields", {}))
        try:
            ev.mask(tree.body)
        except FilterError:
            raise
        except Exception as exc:  # noqa: BLE001 - as mask()
            raise FilterError.of("cannot evaluate it on these attributes: {kind}", kind=type(exc).__name__) from None
        return sorted(ev.used)


def quote_field(name: str) -> str:
    """``name`` as the expression language writes it: bare if it is an identifier, else back-quoted."""
    if name.isidentifier() and name.lower() not in ("and", "or", "not", "in", "true", "false", "null", "none"):
        return name
    if "`" in name:
        raise FilterError.of("an attribute name with a back-quote cannot be used in an expression: {name}",
                             name=repr(name))
    return f"`{name}`"


def quote_value(value) -> str:
    """A literal of the expression language: numbers as they are, text quoted (``"a \\"b\\""``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return repr(float(value)) if not float(value).is_integer() else str(int(value))
    return repr(str(value))


#: Operators of the filter builder: label -> how the condition is written.
BUILDER_OPERATORS = ("=", "≠", "<", ">", "≤", "≥", "contains", "in list", "is empty", "is not empty")


def condition(field: str, operator: str, value: str = "", numeric: bool | None = None) -> str:
    """One condition of the filter builder as expression text.

    ``value`` is what the user typed: a number compares as a number when it parses as one and
    the field is numeric (``numeric`` True, or None: unknown); for a text field (``numeric``
    False) it stays text, so ``007`` keeps its zeros. ``in list`` splits it at commas. Raises
    :class:`FilterError` for an unknown operator.
    """
    conv = (lambda v: v) if numeric is False else _number_or_text
    f = quote_field(field)
    if operator == "is empty":
        return f"is_empty({f})"
    if operator == "is not empty":
        return f"not is_empty({f})"
    if operator == "contains":
        return f"contains({f}, {quote_value(value)})"
    if operator == "in list":
        items = [v.strip() for v in value.split(",") if v.strip()]
        return f"{f} in [{', '.join(quote_value(conv(v)) for v in items)}]"
    ops = {"=": "==", "≠": "!=", "<": "<", ">": ">", "≤": "<=", "≥": ">="}
    if operator not in ops:
        raise FilterError.of("unknown operator {name}", name=repr(operator))
    return f"{f} {ops[operator]} {quote_value(conv(value))}"


def _number_or_text(v: str):
    t = v.strip()
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", t):  # "1,000" as written in English text
        t = t.replace(",", "")
    if re.fullmatch(r"[+-]?\d+", t):
        return int(t)  # exactly, however long (not through a float)
    try:
        x = float(t)
    except ValueError:
        return v
    if not np.isfinite(x):
        return v
    return int(x) if x.is_integer() and "." not in t and "e" not in t.lower() else x


def filter_notes(layers, language: str = "en") -> list[str]:
    """One line per layer with an attribute filter, for the exports' footer and the legend:
    ``"filtered: Submarine cables: status == 'in service'"`` (layer titles and expressions are
    text, escaped by every output); in ``language`` (:mod:`.map_text`; the expression stays as
    written)."""
    from .map_text import layer_title, map_text

    return [map_text("filtered: {layer}: {expression}", language, layer=layer_title(lyr, language),
                     expression=lyr.filter.expression)
            for lyr in layers if getattr(lyr, "filter", None) is not None]
