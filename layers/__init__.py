"""ASEAN Digital Atlas: layers (the model, file reading, time, HTML export; no Qt).

Importing it imports :mod:`asean_atlas.geodata` first, which keeps GDAL from registering the drivers
that let a file reach other files or the network (issue 8); :mod:`.io` checks that it took effect.
"""

import asean_atlas.geodata  # noqa: F401  (GDAL_SKIP before pyogrio registers GDAL's drivers)
