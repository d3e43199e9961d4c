"""The map view: which part of the EPSG:3857 plane is shown in a widget or image of given size.

Pure arithmetic on an affine map from display metres to pixels (y down); shared by the canvas,
the PNG export and identify, so a pixel means the same in all three.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from pyproj import Geod

from .projection import MAX_LATITUDE, bbox_to_display, display_to_lonlat

#: Half the width of the Web Mercator world, metres (EPSG:3857 x at lon 180°).
WORLD_HALF = 20037508.342789244
_GEOD = Geod(ellps="WGS84")


@dataclass
class Viewport:
    """A view of the display plane.

    Attributes
    ----------
    cx, cy : float
        Map centre, metres (EPSG:3857).
    resolution : float
        Metres per pixel (> 0).
    width, height : int
        Size of the paint device, pixels.
    """

    cx: float = 0.0
    cy: float = 0.0
    resolution: float = 10_000.0
    width: int = 800
    height: int = 600

    # -- extent -------------------------------------------------------------------------------
    def extent(self) -> tuple[float, float, float, float]:
        """``(xmin, ymin, xmax, ymax)`` in metres of the whole paint device."""
        hw = self.width * self.resolution / 2
        hh = self.height * self.resolution / 2
        return self.cx - hw, self.cy - hh, self.cx + hw, self.cy + hh

    def bbox(self) -> tuple[float, float, float, float]:
        """Visible ``(west, south, east, north)`` in degrees (EPSG:4326)."""
        xmin, ymin, xmax, ymax = self.extent()
        lon, lat = display_to_lonlat([xmin, xmax], [ymin, ymax])
        return float(lon[0]), float(lat[0]), float(lon[1]), float(lat[1])

    def fit_extent(self, extent: tuple[float, float, float, float], pad: float = 0.0) -> None:
        """Centre on ``extent`` (metres) and pick the resolution that shows all of it.

        The extent is widened on one axis to keep the device's aspect ratio (as QGIS does).

        Parameters
        ----------
        extent : tuple of float
            ``(xmin, ymin, xmax, ymax)``, metres.
        pad : float
            Extra margin as a fraction of the extent on each side (0.05 = 5 %).
        """
        xmin, ymin, xmax, ymax = extent
        w = max(xmax - xmin, 1.0)
        h = max(ymax - ymin, 1.0)
        w *= 1 + 2 * pad
        h *= 1 + 2 * pad
        self.cx = (xmin + xmax) / 2
        self.cy = (ymin + ymax) / 2
        self.resolution = max(w / max(self.width, 1), h / max(self.height, 1))

    def fit_bbox(self, bbox: tuple[float, float, float, float], pad: float = 0.0) -> None:
        """:meth:`fit_extent` for a ``(west, south, east, north)`` bbox in degrees.

        A degenerate bbox (a single point) is widened to at least 20 km so it zooms to a
        padded extent, not to infinity.
        """
        w, s, e, n = bbox
        s = max(s, -MAX_LATITUDE)
        n = min(n, MAX_LATITUDE)
        xmin, ymin, xmax, ymax = bbox_to_display((w, s, e, n))
        min_size = 20_000.0
        if xmax - xmin < min_size:
            xmin, xmax = (xmin + xmax) / 2 - min_size / 2, (xmin + xmax) / 2 + min_size / 2
        if ymax - ymin < min_size:
            ymin, ymax = (ymin + ymax) / 2 - min_size / 2, (ymin + ymax) / 2 + min_size / 2
        self.fit_extent((xmin, ymin, xmax, ymax), pad)

    def resize(self, width: int, height: int) -> None:
        """Change the device size, keeping centre and resolution."""
        self.width, self.height = max(1, int(width)), max(1, int(height))

    # -- navigation ---------------------------------------------------------------------------
    def pan_pixels(self, dx: float, dy: float) -> None:
        """Move the map by ``(dx, dy)`` pixels (drag right moves the map right)."""
        self.cx -= dx * self.resolution
        self.cy += dy * self.resolution

    def zoom(self, factor: float, px: float | None = None, py: float | None = None) -> None:
        """Zoom in by ``factor`` (> 1 zooms in) keeping the map point under pixel ``(px, py)``.

        The resolution stays between 0.5 m and the whole world's width per device.
        """
        if px is None or py is None:
            px, py = self.width / 2, self.height / 2
        mx, my = self.to_map(px, py)
        max_res = 2 * WORLD_HALF / max(self.width, 1) * 1.5
        self.resolution = min(max(self.resolution / factor, 0.5), max_res)
        # keep (mx, my) under the cursor
        self.cx = mx - (px - self.width / 2) * self.resolution
        self.cy = my + (py - self.height / 2) * self.resolution

    # -- transforms ---------------------------------------------------------------------------
    def to_pixels(self, x, y):
        """Map metres to device pixels (works on floats and numpy arrays; arrays give new float64
        arrays, made with one allocation each)."""
        xmin, _, _, ymax = self.extent()
        if isinstance(x, np.ndarray) and isinstance(y, np.ndarray):
            px = np.subtract(x, xmin, dtype=np.float64)
            px /= self.resolution
            py = np.subtract(ymax, y, dtype=np.float64)
            py /= self.resolution
            return px, py
        return (x - xmin) / self.resolution, (ymax - y) / self.resolution

    def to_map(self, px, py):
        """Device pixels to map metres (floats or numpy arrays)."""
        xmin, _, _, ymax = self.extent()
        return xmin + px * self.resolution, ymax - py * self.resolution

    def affine(self) -> tuple[float, float, float, float, float, float]:
        """Coefficients ``(m11, m12, m21, m22, dx, dy)`` of the metres -> pixels map (QTransform order)."""
        xmin, _, _, ymax = self.extent()
        r = self.resolution
        return 1 / r, 0.0, 0.0, -1 / r, -xmin / r, ymax / r

    # -- the seam -------------------------------------------------------------------------------
    def world_shifts(self, max_copies: int = 3) -> list[float]:
        """x offsets (metres, multiples of the world width) of the world copies in view.

        ``[0.0]`` for a view inside the world; a view across the antimeridian also gets the copy
        east or west of it, so data and basemap continue across ±180° (as Leaflet's world copies).
        """
        width = 2 * WORLD_HALF
        xmin, _, xmax, _ = self.extent()
        k0 = math.floor((xmin + WORLD_HALF) / width)
        k1 = math.floor((xmax + WORLD_HALF) / width)
        ks = list(range(k0, k1 + 1))
        if len(ks) > max_copies:  # zoomed far out: the copies nearest the centre
            kc = math.floor((self.cx + WORLD_HALF) / width)
            ks = [k for k in ks if abs(k - kc) <= max_copies // 2]
        return [k * width for k in ks]

    @staticmethod
    def wrap_x(x: float) -> float:
        """Bring an x (metres) from any world copy back into ``[-WORLD_HALF, WORLD_HALF)``."""
        width = 2 * WORLD_HALF
        return (x + WORLD_HALF) % width - WORLD_HALF

    # -- scale --------------------------------------------------------------------------------
    def ground_metres_per_pixel(self) -> float:
        """Geodesic ground distance of one pixel at the map centre, metres (pyproj ``Geod``, WGS84)."""
        lon, lat = display_to_lonlat([self.cx - self.resolution * 50, self.cx + self.resolution * 50], [self.cy] * 2)
        _, _, dist = _GEOD.inv(lon[0], lat[0], lon[1], lat[1])
        return float(dist) / 100.0

    def scale_bar(self, max_pixels: float = 150.0) -> tuple[float, float, str]:
        """A round scale-bar length no longer than ``max_pixels``.

        Returns
        -------
        pixels : float
            Bar length on the device.
        metres : float
            Ground length it stands for (geodesic, at the map centre latitude).
        label : str
            E.g. ``"500 km"`` or ``"200 m"``.
        """
        mpp = self.ground_metres_per_pixel()
        target = max_pixels * mpp
        exp = math.floor(math.log10(target)) if target > 0 else 0
        nice = 10**exp
        for step in (5, 2, 1):
            if step * 10**exp <= target:
                nice = step * 10**exp
                break
        label = f"{nice / 1000:g} km" if nice >= 1000 else f"{nice:g} m"
        return nice / mpp, float(nice), label
