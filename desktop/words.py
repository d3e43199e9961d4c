"""Words of ``layers/`` (which has no Qt) shown in the window, in Qt's translation catalogues
(issue 13 item 1).

``layers/`` functions that build text for the window take a ``tr`` callable (default: English);
the window passes :func:`tr`, which looks the template up in the catalogues under the ``layers``
context. The templates are listed here with ``QT_TRANSLATE_NOOP`` so that ``pyside6-lupdate``
extracts them (a test calls the functions with a strict ``tr`` that fails on a template missing
from :data:`LAYER_WORDS`).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: Every template the ``layers/`` functions pass to ``tr``.
LAYER_WORDS = (
    # layers/measure.py: coordinates, identify's derived values, distances
    QT_TRANSLATE_NOOP("layers", "{lon}° E, {lat}° N"),
    QT_TRANSLATE_NOOP("layers", "{lon}° E, {lat}° S"),
    QT_TRANSLATE_NOOP("layers", "{lon}° W, {lat}° N"),
    QT_TRANSLATE_NOOP("layers", "{lon}° W, {lat}° S"),
    QT_TRANSLATE_NOOP("layers", "clicked at"),
    QT_TRANSLATE_NOOP("layers", "feature at"),
    QT_TRANSLATE_NOOP("layers", "length (geodesic)"),
    QT_TRANSLATE_NOOP("layers", "area (geodesic)"),
    QT_TRANSLATE_NOOP("layers", "perimeter (geodesic)"),
    QT_TRANSLATE_NOOP("layers", "distance from click"),
    QT_TRANSLATE_NOOP("layers", "{n} km"),
    QT_TRANSLATE_NOOP("layers", "{n} km²"),
    # layers/network.py: a linked feature's line
    QT_TRANSLATE_NOOP("layers", "feature {row}"),
    QT_TRANSLATE_NOOP("layers", "RFS {year}"),
    QT_TRANSLATE_NOOP("layers", "not yet in service (expected {date})"),
    QT_TRANSLATE_NOOP("layers", "not yet in service"),
    QT_TRANSLATE_NOOP("layers", "suppliers: {list}"),
    QT_TRANSLATE_NOOP("layers", "owners: {list}"),
    # layers/layer.py: the load report's line
    QT_TRANSLATE_NOOP("layers", "1 feature read"),
    QT_TRANSLATE_NOOP("layers", "{n} features read"),
    QT_TRANSLATE_NOOP("layers", "{n} drawn"),
    QT_TRANSLATE_NOOP("layers", "{n} without geometry"),
    QT_TRANSLATE_NOOP("layers", "{n} dropped (not geography)"),
    QT_TRANSLATE_NOOP("layers", "{n} repaired"),
    QT_TRANSLATE_NOOP("layers", "{n} invalid, drawn as read"),
    QT_TRANSLATE_NOOP("layers", ", "),
    QT_TRANSLATE_NOOP("layers", "{n} split at the antimeridian"),
    QT_TRANSLATE_NOOP("layers", "{n} skipped"),
    QT_TRANSLATE_NOOP("layers", "CRS {crs}"),
    QT_TRANSLATE_NOOP("layers", "encoding {encoding}"),
    QT_TRANSLATE_NOOP("layers", "time field {field}"),
    QT_TRANSLATE_NOOP("layers", "warning: {text}"),
)


#: Templates of the errors ``layers/`` raises with :meth:`~asean_atlas.layers.errors.AtlasError.of`
#: (the attribute filter's; a test checks every ``FilterError.of`` template of layers/filter.py is here).
ERROR_WORDS = (
    QT_TRANSLATE_NOOP("errors", "no attribute named {name}"),
    QT_TRANSLATE_NOOP("errors", "the expression is empty"),
    QT_TRANSLATE_NOOP("errors", "the expression is longer than {n} characters"),
    QT_TRANSLATE_NOOP("errors", "a back-quote (`) is not closed"),
    QT_TRANSLATE_NOOP("errors", "the expression has {n} conditions; at most {max} (each one scans the layer)"),
    QT_TRANSLATE_NOOP("errors", "the expression is nested too deeply"),
    QT_TRANSLATE_NOOP("errors", "the attribute name {name} is ambiguous (several columns match it)"),
    QT_TRANSLATE_NOOP("errors", "this part of the expression is not a condition"),
    QT_TRANSLATE_NOOP("errors", "an attribute name with a back-quote cannot be used in an expression: {name}"),
    QT_TRANSLATE_NOOP("errors", "unknown operator {name}"),
    QT_TRANSLATE_NOOP("errors", "cannot read the expression: {error}"),
    QT_TRANSLATE_NOOP("errors", "syntax error (the expression ends too early): {error}"),
    QT_TRANSLATE_NOOP("errors", "cannot read the expression ({error})"),
    QT_TRANSLATE_NOOP("errors", "a comparison needs an attribute on one side"),
    QT_TRANSLATE_NOOP("errors", "a list goes with in / not in: attribute in [value, value, …]"),
    QT_TRANSLATE_NOOP("errors", "compare null only with == or !="),
    QT_TRANSLATE_NOOP("errors", "syntax error at column {column}: {error}"),
    QT_TRANSLATE_NOOP("errors", "minus applies to numbers only"),
    QT_TRANSLATE_NOOP("errors", "year() takes an attribute"),
    QT_TRANSLATE_NOOP("errors", "{name} is not true/false; compare it with a value"),
    QT_TRANSLATE_NOOP("errors", "use: attribute in [value, value, …]"),
    QT_TRANSLATE_NOOP("errors", "cannot evaluate it on these attributes: {kind}: {error}"),
    QT_TRANSLATE_NOOP("errors", "cannot evaluate it on these attributes: {kind}"),
    QT_TRANSLATE_NOOP("errors", "only == != < <= > >= in and not in compare values"),
    QT_TRANSLATE_NOOP("errors", "is_empty() takes an attribute"),
    QT_TRANSLATE_NOOP("errors", "{name}() takes an attribute and a text"),
    QT_TRANSLATE_NOOP("errors", "unknown function; available: {names}"),
    QT_TRANSLATE_NOOP("errors", "{name}() takes {n} arguments"),
    QT_TRANSLATE_NOOP("errors", "{name}() takes 1 argument"),
    QT_TRANSLATE_NOOP("errors", "a list may hold only text and numbers"),
    QT_TRANSLATE_NOOP("errors", "only text, numbers, true, false and null are values"),
    QT_TRANSLATE_NOOP("errors", "not allowed in a filter: {kind}"),
    QT_TRANSLATE_NOOP("errors", "{name} holds numbers: compare it with a number, not {value}"),
)


#: Templates of what ``layers/`` says about a file (issue 13): a :class:`~asean_atlas.layers.errors.Message`
#: in a load report's warnings and notes, a ``LayerLoadError.of`` / ``CRSNeededError.of`` reason; the
#: script names of the encoding guess (layers/encoding.py SCRIPT_NAMES); and the styling dock's
#: ``StyleError.of`` (layers/classify.py). A test checks every literal template of layers/*.py is here.
LOAD_WORDS = (
    QT_TRANSLATE_NOOP("errors", "unknown colour ramp {name}; choose from {names}"),
    QT_TRANSLATE_NOOP("errors", "a ramp needs at least one class"),
    QT_TRANSLATE_NOOP("errors", "unknown palette {name}; choose from {names}"),
    QT_TRANSLATE_NOOP("errors", "unknown classification {name}; choose from {names}"),
    QT_TRANSLATE_NOOP("errors", "choose 2 to 9 classes"),
    QT_TRANSLATE_NOOP("errors", "no numeric value to classify"),
    QT_TRANSLATE_NOOP("errors", "the values span more than a float can hold; classify a smaller range"),
    QT_TRANSLATE_NOOP("errors", "cannot classify these values: {why}"),
    QT_TRANSLATE_NOOP("errors", "{reason}; they look like latitude, longitude in the wrong order (GeoJSON and this app expect longitude first): swap them"),
    QT_TRANSLATE_NOOP("errors", "coordinates off the Earth: longitude beyond ±{limit:g}° or latitude beyond ±90° (e.g. {lon:.6g}, {lat:.6g})"),
    QT_TRANSLATE_NOOP("errors", "coordinates that look like longitude/latitude degrees although the file's CRS is {crs} (read so, they would lie within 540 units of its origin)"),
    QT_TRANSLATE_NOOP("errors", "{path} (layer {layer})"),
    QT_TRANSLATE_NOOP("errors", ", "),
    QT_TRANSLATE_NOOP("errors", "Chinese"),
    QT_TRANSLATE_NOOP("errors", "Thai"),
    QT_TRANSLATE_NOOP("errors", "Vietnamese"),
    QT_TRANSLATE_NOOP("errors", "Western European"),
    QT_TRANSLATE_NOOP("errors", "reopened from the GeoParquet cache"),
    QT_TRANSLATE_NOOP("errors", "{encoding} (detected)"),
    QT_TRANSLATE_NOOP("errors", "{encoding} (chosen)"),
    QT_TRANSLATE_NOOP("errors", "UTF-8 with BOM"),
    QT_TRANSLATE_NOOP("errors", "UTF-16 (byte-order mark)"),
    QT_TRANSLATE_NOOP("errors", "text plausible as {script}: {score:.0%} of {n} non-ASCII characters"),
    QT_TRANSLATE_NOOP("errors", "starts with a UTF-8 byte-order mark but is not UTF-8 text"),
    QT_TRANSLATE_NOOP("errors", "is neither UTF-8 nor an encoding that could be detected; choose the encoding"),
    QT_TRANSLATE_NOOP("errors", "unknown text encoding {name}"),
    QT_TRANSLATE_NOOP("errors", "could not be read: {detail}"),
    QT_TRANSLATE_NOOP("errors", "feature {n}"),
    QT_TRANSLATE_NOOP("errors", "{features}"),
    QT_TRANSLATE_NOOP("errors", "says its CRS is {crs} ({units}) but {who} coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) that look like longitude/latitude degrees; read as {crs} they would all fall within {spread:.0f} {units} of one spot. If they are degrees, choose EPSG:4326 (on the command line: --crs EPSG:4326); otherwise choose the CRS they are in"),
    QT_TRANSLATE_NOOP("errors", "file not found"),
    QT_TRANSLATE_NOOP("errors", "is not a regular file (a pipe, a device or a socket)"),
    QT_TRANSLATE_NOOP("errors", "would expand from {packed} to {expanded} ({ratio:,.0f} times): refused as a likely zip bomb; if you trust it, unzip it yourself and open the file inside"),
    QT_TRANSLATE_NOOP("errors", "is a damaged zip archive: {member} fails its checksum"),
    QT_TRANSLATE_NOOP("errors", "not a readable vector file (GDAL could not recognise the format)"),
    QT_TRANSLATE_NOOP("errors", "holds a value too long for GDAL's JSON reader (over ~10 million characters): {detail}"),
    QT_TRANSLATE_NOOP("errors", "{features} not drawn, {why}: {named}"),
    QT_TRANSLATE_NOOP("errors", "1 feature"),
    QT_TRANSLATE_NOOP("errors", "{n} features"),
    QT_TRANSLATE_NOOP("errors", "{features} and {n} more"),
    QT_TRANSLATE_NOOP("errors", "{n} of {total} features have"),
    QT_TRANSLATE_NOOP("errors", "its features have"),
    QT_TRANSLATE_NOOP("errors", "the file is empty (0 bytes)"),
    QT_TRANSLATE_NOOP("errors", "is a folder, not a file"),
    QT_TRANSLATE_NOOP("errors", "geometry collections nested more than {n} deep"),
    QT_TRANSLATE_NOOP("errors", "coordinates that are not numbers (NaN or Infinity)"),
    QT_TRANSLATE_NOOP("errors", "{crs} (chosen)"),
    QT_TRANSLATE_NOOP("errors", "has no layer {name}; its layers are: {names}"),
    QT_TRANSLATE_NOOP("errors", "has no geometry"),
    QT_TRANSLATE_NOOP("errors", "1 coordinate value that is not a number"),
    QT_TRANSLATE_NOOP("errors", "{n} coordinate values that are not numbers"),
    QT_TRANSLATE_NOOP("errors", "its .dbf (attribute table) ends after {records} of {total} records (the file is cut short?): {features} loaded without attributes"),
    QT_TRANSLATE_NOOP("errors", "has {n:,} attributes, more than the {max:,} the Atlas reads"),
    QT_TRANSLATE_NOOP("errors", "holds more than {max:,} attribute values"),
    QT_TRANSLATE_NOOP("errors", "holds a view (a stored SQL query), {name}, which the Atlas does not run; export the view as a table (e.g. in QGIS or with ogr2ogr) and open that"),
    QT_TRANSLATE_NOOP("errors", "is an SQLite database that cannot be read: {detail}"),
    QT_TRANSLATE_NOOP("errors", "has a generated column {column} in {table} (SQL the database runs on every row read), which the Atlas does not run; save the layer without it (e.g. in QGIS or with ogr2ogr) and open that"),
    QT_TRANSLATE_NOOP("errors", "holds {name}, which is not a regular file (a pipe, a device or a socket) and would block reading the folder"),
    QT_TRANSLATE_NOOP("errors", "has unfinished changes beside it ({name}) that cannot be checked read-only; open it once in QGIS or SQLite to finish them"),
    QT_TRANSLATE_NOOP("errors", "is an SQLite or SpatiaLite database, which the Atlas does not open (its tables can run stored SQL and read other files); save the layer as a GeoPackage (e.g. in QGIS or with ogr2ogr) and open that"),
    QT_TRANSLATE_NOOP("errors", "holds a virtual table {name} (module {module}) that would read other files or run code; the Atlas opens GeoPackages of plain tables only"),
    QT_TRANSLATE_NOOP("errors", "has a companion file {name} that is not a regular file (a pipe, a device or a socket), which would block reading it"),
    QT_TRANSLATE_NOOP("errors", "holds a GeoPackage or SQLite database ({member}); unzip it and open the file inside"),
    QT_TRANSLATE_NOOP("errors", "holds geometry collections nested more than {n} deep; refused"),
    QT_TRANSLATE_NOOP("errors", "{features} with longitudes beyond ±180° (x {w:.6g}..{e:.6g}) moved by 360° into -180..180: {named}"),
    QT_TRANSLATE_NOOP("errors", "they have no date (undated features are shown at every date)"),
    QT_TRANSLATE_NOOP("errors", "they have no date (undated features are hidden)"),
    QT_TRANSLATE_NOOP("errors", "cannot be read: {detail}"),
    QT_TRANSLATE_NOOP("errors", "is a damaged zip archive ({detail})"),
    QT_TRANSLATE_NOOP("errors", "text that is not valid UTF-8 shown with � in {fields}: the file's encoding may be wrong (choose it: --encoding, or Add layer > options)"),
    QT_TRANSLATE_NOOP("errors", "its attribute names are not valid UTF-8: the file's encoding may be wrong (choose it: --encoding, or Add layer > options)"),
    QT_TRANSLATE_NOOP("errors", "is damaged: its header does not match its contents"),
    QT_TRANSLATE_NOOP("errors", "text is not UTF-8; choose its encoding"),
    QT_TRANSLATE_NOOP("errors", "refers to other files or to the network (a GDAL VRT, GDALG or web-service description), which the Atlas does not follow"),
    QT_TRANSLATE_NOOP("errors", "is a web page (HTML), not a data file: it was probably saved from a browser or is an error page; download the file itself"),
    QT_TRANSLATE_NOOP("errors", "attribute 'geometry' renamed 'geometry_attribute'"),
    QT_TRANSLATE_NOOP("errors", "{features} without geometry (null, empty, or coordinates that are not numbers), kept with their attributes, not drawn: {named}"),
    QT_TRANSLATE_NOOP("errors", "none (taken as EPSG:4326)"),
    QT_TRANSLATE_NOOP("errors", "coordinates do not fall on the Earth when read as {crs}; choose the right CRS"),
    QT_TRANSLATE_NOOP("errors", "coordinates that do not fall on the Earth in {crs}"),
    QT_TRANSLATE_NOOP("errors", "{features} with invalid geometry (e.g. self-intersecting) not repaired, drawn as read: repairing would pass the budget (over {crossings:,} self-intersections, {seconds:g} s or {gb:g} GB); fills and areas may be wrong: {named}"),
    QT_TRANSLATE_NOOP("errors", "{features} not drawn, invalid geometry GEOS could not repair: {named}"),
    QT_TRANSLATE_NOOP("errors", "Z values kept in the data ({n} features), drawn in 2D"),
    QT_TRANSLATE_NOOP("errors", "no features (an empty layer)"),
    QT_TRANSLATE_NOOP("errors", "contains no layers"),
    QT_TRANSLATE_NOOP("errors", "{n} layers in the file ({names}), read {name}"),
    QT_TRANSLATE_NOOP("errors", "has no geometry (for CSV: no lon/lat or WKT column found among: {columns})"),
    QT_TRANSLATE_NOOP("errors", "{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped: line {lines}"),
    QT_TRANSLATE_NOOP("errors", "{n} of its {total} lines are not GeoJSON features (not JSON, or cut short) and were skipped"),
    QT_TRANSLATE_NOOP("errors", "{values} ({shown}): GDAL reads them leniently (as the number they start with, or 0), so those features may be drawn in the wrong place"),
    QT_TRANSLATE_NOOP("errors", "has no .dbf (its attribute table): the features are loaded without attributes"),
    QT_TRANSLATE_NOOP("errors", "its .dbf (attribute table) is empty or damaged: the features are loaded without attributes"),
    QT_TRANSLATE_NOOP("errors", "its .dbf (attribute table) says each record is {record} bytes but its fields add up to {fields}: the attributes may be garbled"),
    QT_TRANSLATE_NOOP("errors", "its .shx (the index of its shapes) lists {shapes} shapes but its .dbf holds {records} records: {missing} features may be missing (the .shx cut short?); GDAL can rebuild the index: ogr2ogr -oo SHAPE_RESTORE_SHX=YES"),
    QT_TRANSLATE_NOOP("errors", "its .dbf (attribute table) holds {records} records but its .shx indexes {shapes} shapes: {missing} features not loaded (the .dbf is cut short?)"),
    QT_TRANSLATE_NOOP("errors", "is nested too deeply for a JSON reader"),
    QT_TRANSLATE_NOOP("errors", "read with Python's JSON reader: more than {n} distinct property names (GDAL's reader slows down with each one)"),
    QT_TRANSLATE_NOOP("errors", "read with Python's JSON reader: GDAL's stops at values over 10 million characters and at numbers beyond the range of a double"),
    QT_TRANSLATE_NOOP("errors", "1 number beyond the range of a double (e.g. {example}) read as 0 or infinity"),
    QT_TRANSLATE_NOOP("errors", "{n} numbers beyond the range of a double (e.g. {example}) read as 0 or infinity"),
    QT_TRANSLATE_NOOP("errors", "reading GeoParquet needs the pyarrow package"),
    QT_TRANSLATE_NOOP("errors", "attribute names repeated in the file, renamed: {names}"),
    QT_TRANSLATE_NOOP("errors", "{n} features without a date"),
    QT_TRANSLATE_NOOP("errors", "1 feature without a date"),
    QT_TRANSLATE_NOOP("errors", "they never end"),
    QT_TRANSLATE_NOOP("errors", "feature {n} ({name})"),
    QT_TRANSLATE_NOOP("errors", "{n} unclosed rings closed"),
    QT_TRANSLATE_NOOP("errors", "{n} geometries unreadable (too few points), kept without geometry"),
    QT_TRANSLATE_NOOP("errors", "unknown CRS {crs}"),
    QT_TRANSLATE_NOOP("errors", "cannot transform from {crs}: {why}"),
    QT_TRANSLATE_NOOP("errors", "{features} whose polygon collapsed to a line or a point when repaired (too few distinct points for an area): {named}"),
    QT_TRANSLATE_NOOP("errors", "many distinct property names (read with Python's JSON reader)"),
    QT_TRANSLATE_NOOP("errors", "its .dbf marks 1 record as deleted: that feature is not loaded (as GDAL and QGIS do)"),
    QT_TRANSLATE_NOOP("errors", "its .dbf marks {n} records as deleted: those features are not loaded (as GDAL and QGIS do)"),
    QT_TRANSLATE_NOOP("errors", "is not GeoJSON (no FeatureCollection, Feature or geometry at its top level)"),
    QT_TRANSLATE_NOOP("errors", "has the column {name} more than once; rename one so the coordinates are unambiguous"),
    QT_TRANSLATE_NOOP("errors", "is a Parquet file without GeoParquet metadata (no geometry column)"),
    QT_TRANSLATE_NOOP("errors", "its latitude and longitude columns hold each other's values (most latitudes beyond ±90°): swapped back"),
    QT_TRANSLATE_NOOP("errors", "while reading: {text}"),
    QT_TRANSLATE_NOOP("errors", "{features} whose {field} is not a date ({examples}): {what}"),
    QT_TRANSLATE_NOOP("errors", "has no CRS and its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) are not longitude/latitude; choose the CRS (e.g. EPSG:32647) or save the file with one"),
    QT_TRANSLATE_NOOP("errors", "its .prj could not be read (GDAL ignored it): coordinates taken as longitude/latitude (EPSG:4326); if they are not, choose the CRS"),
    QT_TRANSLATE_NOOP("errors", "names a CRS that cannot be read ({why}); choose the CRS of the coordinates"),
    QT_TRANSLATE_NOOP("errors", " (GeoJSON is always lon/lat, RFC 7946)"),
    QT_TRANSLATE_NOOP("errors", "text encoding: {why}"),
    QT_TRANSLATE_NOOP("errors", "ran out of memory while loading: keep the features and attributes you need (e.g. ogr2ogr -spat/-select) and open that"),
    QT_TRANSLATE_NOOP("errors", "has {n:,} attributes, more than the {max:,} the Atlas reads (a file whose features each have their own property names?)"),
    QT_TRANSLATE_NOOP("errors", "says its CRS is {crs}{implied} but its coordinates (x {w:.6g}..{e:.6g}, y {s:.6g}..{n:.6g}) are not longitude/latitude; choose the CRS they are in (e.g. EPSG:32647)"),
    QT_TRANSLATE_NOOP("errors", "text is not {codec}: {why}"),
    QT_TRANSLATE_NOOP("errors", "would need about {need} of memory or more ({done:,} features read so far) and {free} is free; close other programs, or keep the features and attributes you need (e.g. ogr2ogr -spat/-select) and open that"),
    QT_TRANSLATE_NOOP("errors", "holds more than {max:,} attribute values ({done:,} features x {n:,} attributes read so far); keep the attributes you need (e.g. ogr2ogr -select) and open that"),
)


#: Templates of the connectivity analysis' errors (``AnalysisError.of``, layers/connectivity.py and the
#: Connectivity panel; issue 14).
ANALYSIS_WORDS = (
    QT_TRANSLATE_NOOP("errors", "{spec} is neither a named area ({names}) nor a file"),
    QT_TRANSLATE_NOOP("errors", "{spec}: no polygon to cut with"),
    QT_TRANSLATE_NOOP("errors", "the scenario is not an object"),
    QT_TRANSLATE_NOOP("errors", "pairs: expected up to {n} pairs of ISO alpha-3 codes"),
    QT_TRANSLATE_NOOP("errors", "no cable layer (a layer with the attribute 'landing_station_ids') on the map"),
    QT_TRANSLATE_NOOP("errors", "no landing-station layer (points with the attributes 'id' and 'country') on the map"),
    QT_TRANSLATE_NOOP("errors", "the cut area is not a polygon"),
    QT_TRANSLATE_NOOP("errors", "no cable with id {ids}"),
    QT_TRANSLATE_NOOP("errors", "no landing station with id {ids}"),
    QT_TRANSLATE_NOOP("errors", "{key}: expected a list of ids"),
    QT_TRANSLATE_NOOP("errors", "unknown area {name}"),
    QT_TRANSLATE_NOOP("errors", "since: expected a year"),
    QT_TRANSLATE_NOOP("errors", "the cut area is not a list of 3 to {n} [lon, lat] points"),
    QT_TRANSLATE_NOOP("errors", "the cut area's file is not a path"),
    QT_TRANSLATE_NOOP("errors", "the cut area is neither a preset, a polygon nor a file"),
    QT_TRANSLATE_NOOP("errors", "nothing to export: no cable network on the map"),
    QT_TRANSLATE_NOOP("errors", "the cable layer has no attribute {names}"),
    QT_TRANSLATE_NOOP("errors", "the landing-station layer has no attribute {names}"),
)


#: Templates of the PostGIS layers' errors (``PostGISError.of``, layers/postgis.py; issue 15).
POSTGIS_WORDS = (
    QT_TRANSLATE_NOOP("errors", "{table}: no geometry column {column}"),
    QT_TRANSLATE_NOOP("errors", "{table}: no such table with a geometry column"),
    QT_TRANSLATE_NOOP("errors", "a table needs a schema and a name"),
    QT_TRANSLATE_NOOP("errors", "not a PostGIS source (postgresql://…?table=schema.name)"),
    QT_TRANSLATE_NOOP("errors", "{source}: no table (add ?table=schema.name)"),
    QT_TRANSLATE_NOOP("errors", "cannot connect to {source}: {why}"),
    QT_TRANSLATE_NOOP("errors", "{source}: not a connection string libpq reads ({why})"),
    QT_TRANSLATE_NOOP("errors", "{source}: a project file may not set {names} (it could send your saved password to another server or read your files); if you trust it, add the layer yourself"),
    QT_TRANSLATE_NOOP("errors", "{table}: permission denied (ask the database's owner for SELECT on it)"),
    QT_TRANSLATE_NOOP("errors", "{table}: {why}"),
    QT_TRANSLATE_NOOP("errors", "{table} exists already (use --replace to write over it)"),
    QT_TRANSLATE_NOOP("errors", "{table}: permission denied (the user may not create tables in {schema}, or does not own the table it would replace)"),
    QT_TRANSLATE_NOOP("errors", "{source}: no PostGIS here ({why})"),
)


def error_text(exc) -> str:
    """An Atlas error's message, or a load report's :class:`~asean_atlas.layers.errors.Message`, in
    the interface's language (its template through the ``errors`` catalogue context); any other
    error or text as it is."""
    translated = getattr(exc, "translated", None)
    if translated is None:
        return str(exc)
    return translated(message_tr)


def message_tr(text: str) -> str:
    """``text`` (one of :data:`ERROR_WORDS` or :data:`LOAD_WORDS`) in the interface's language."""
    return QCoreApplication.translate("errors", text)


def tr(text: str) -> str:
    """``text`` (one of :data:`LAYER_WORDS`) in the interface's language."""
    return QCoreApplication.translate("layers", text)


def layer_name(layer, document=None) -> str:
    """A layer's title as the window shows it: a built-in layer's in the map's language
    (:func:`asean_atlas.layers.map_text.layer_title`), a user's layer as titled."""
    from asean_atlas.layers.map_text import layer_title

    from . import i18n

    lang = getattr(document, "language", None) or i18n.current()
    return layer_title(layer, lang)


def field_name(field: str, document=None) -> str:
    """An attribute's name as the window shows it: the built-in layers' attributes in the
    interface's language (e.g. ``status`` -> 状态, an alias as QGIS shows), any other as named."""
    from asean_atlas.layers.map_text import field_label

    from . import i18n

    lang = getattr(document, "language", None) or i18n.current()
    return field_label(str(field), lang)
