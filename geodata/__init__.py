"""ASEAN Digital Atlas: geodata (built-in data, its sources and build scripts).

Importing it (or :mod:`asean_atlas.layers`, which imports it) first keeps GDAL from registering the
drivers that make a file reach other files or the network (issue 8): see :data:`BLOCKED_GDAL_DRIVERS`.
GDAL reads ``GDAL_SKIP`` when it registers its drivers, i.e. when pyogrio is first imported.
"""

import os as _os

#: GDAL drivers never registered in the Atlas: vector VRT (``<OGRVRTDataSource>`` reads any local
#: file or URL), GDALG (streamed algorithms), web-service and database clients, GPSBabel (runs a
#: program), raster web services. (Database clients are not listed: GDAL opens them only from a
#: connection string such as ``PG:...``, never from a file; naming a driver this GDAL build lacks
#: would print a warning.)
BLOCKED_GDAL_DRIVERS = (
    "OGR_VRT", "VRT", "GDALG", "WFS", "OAPIF", "OGCAPI", "CSW", "HTTP", "PLSCENES", "Elasticsearch",
    "Carto", "AmigoCloud", "NGW", "EEDA", "ADBC", "GPSBabel", "WMS", "WMTS", "WCS", "DAAS", "STACIT",
    "STACTA",
)
_os.environ["GDAL_SKIP"] = " ".join(sorted(set(_os.environ.get("GDAL_SKIP", "").split()) | set(BLOCKED_GDAL_DRIVERS)))
