"""File > Export map…: one dialog for PNG, SVG, PDF, the HTML page, GIF and MP4 with a live
preview of the page (issue 12 item 1), in the manner of QGIS's print layout and kepler.gl's image
export. The HTML page takes the title, size (its first view) and the centre and scale; the
animations take the page's layout at each time step of the Time dock (range, step, mode), with
the frame time (and the MP4's frame rate), a progress bar and Cancel.

The dialog fills an :class:`~asean_atlas.layers.export_options.ExportOptions` -- the same object
``asean-atlas export`` fills from its flags, so the window and the command line write the same
files (:meth:`ExportDialog.command_line` gives the equivalent command). The map frame keeps the
canvas's centre and scale (``--center``/``--scale``), not the canvas's pixel shape. The choices
are remembered between sessions (``QSettings``, group ``export``).
"""

from __future__ import annotations

import dataclasses
import shlex
from pathlib import Path

import numpy as np

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from asean_atlas.layers.map_text import map_text
from asean_atlas.layers.document import MapDocument
from asean_atlas.layers.errors import AtlasError
from asean_atlas.layers.export_options import PAGE_PRESETS, ExportOptions, parse_size, scale_denominator
from asean_atlas.layers.projection import display_to_lonlat
from asean_atlas.layers.viewport import Viewport

from . import words
from .settings import setting_bool

#: Size choices: key, ``--size`` value (None: custom pixels / millimetres). The key is the English
#: label (:meth:`ExportDialog.size_labels` gives the shown, translated one) and what QSettings keeps.
SIZE_CHOICES = [
    ("A4 portrait", "A4"), ("A4 landscape", "A4-landscape"), ("A3 portrait", "A3"), ("A3 landscape", "A3-landscape"),
    ("16:9 (screen, slides)", "16:9"), ("4:5 (social)", "4:5"), ("Square", "square"),
    ("Custom, pixels", None), ("Custom, millimetres", None),
]
#: Format choices: English label (:meth:`ExportDialog.format_labels` gives the shown one), suffix.
FORMATS = [("PNG image", ".png"), ("SVG (vector)", ".svg"), ("PDF (vector, selectable text)", ".pdf"),
           ("HTML page (interactive)", ".html"), ("GIF animation (time steps)", ".gif"),
           ("MP4 video, H.264 (time steps)", ".mp4")]
#: Formats drawn with the page layout (legend, scale bar, north arrow... apply).
PAGE_FORMATS = (".png", ".svg", ".pdf", ".gif", ".mp4")
ANIMATIONS = (".gif", ".mp4")
#: Legend choices: English label (:meth:`ExportDialog.legend_labels` gives the shown one), value.
LEGEND_CHOICES = [("Automatic", "auto"), ("Right of the map", "right"), ("Under the map", "bottom"),
                  ("Inside the map (emptiest corner)", "inside"), ("None", "off")]
#: Longest side of the preview image, pixels.
PREVIEW_PX = 460
#: Item-data role of the size list holding the choice's key (SIZE_CHOICES).
SIZE_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class ExportDialog(QDialog):
    """The export dialog; ``options()`` is what it would export, ``export(path)`` writes it."""

    def __init__(self, document: MapDocument, viewport: Viewport, renderer=None, parent: QWidget | None = None,
                 time_filter=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export map"))
        self.document = document
        self.renderer = renderer
        self.time_filter = time_filter
        lon, lat = display_to_lonlat([viewport.cx], [viewport.cy])
        self.center = (round(float(lon[0]), 6), round(float(lat[0]), 6))
        #: the canvas's scale on a 96-DPI screen: the map frame keeps it at any DPI
        self.scale_96 = scale_denominator(viewport, 96.0)

        self.format = QComboBox()
        format_labels = self.format_labels()
        for label, suffix in FORMATS:
            self.format.addItem(format_labels.get(suffix, label), suffix)
        self.size = QComboBox()
        size_labels = self.size_labels()
        for key, value in SIZE_CHOICES:
            self.size.addItem(size_labels.get(key, key), value)
            self.size.setItemData(self.size.count() - 1, key, SIZE_KEY_ROLE)
        self.width_box, self.height_box = QDoubleSpinBox(), QDoubleSpinBox()
        for box in (self.width_box, self.height_box):
            box.setRange(16, 20000)
            box.setDecimals(0)
        self.dpi = QSpinBox()
        self.dpi.setRange(24, 1200)
        # the default title in the map's language (东盟数字地图集); a title the user wrote as written
        self.title = QLineEdit(map_text(document.title or "", getattr(document, "language", "en")))
        self.subtitle = QLineEdit()
        self.subtitle.setPlaceholderText(self.tr("automatic: 'As of YEAR' when the time filter is on"))
        self.legend = QComboBox()
        legend_labels = self.legend_labels()
        for label, value in LEGEND_CHOICES:
            self.legend.addItem(legend_labels.get(value, label), value)
        self.scale_bar = QCheckBox(self.tr("Scale bar"))
        self.north_arrow = QCheckBox(self.tr("North arrow"))
        self.locator = QCheckBox(self.tr("Locator inset (overview map with the map's extent)"))
        self.date_stamp = QCheckBox(self.tr("Date stamp"))
        self.sources = QCheckBox(self.tr("Sources footnote (numbered sources of the features in view)"))
        self.frame_ms = QSpinBox()
        self.frame_ms.setRange(20, 60_000)
        self.frame_ms.setSuffix(self.tr(" ms per time step"))
        self.frame_ms.setValue(int(document.time.interval_ms))
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setSuffix(self.tr(" frames per second"))
        self.fps.setValue(25)
        self.steps = QLabel()
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setWordWrap(True)
        self.keep_scale = QCheckBox(self.tr("Keep the window's centre and scale"))
        self.keep_scale.setToolTip(self.tr("Off: the whole Atlas region (or the layers' extent) fitted to the frame"))
        self.pixels = QLabel()
        self.pixels.setTextFormat(Qt.TextFormat.PlainText)
        self.command = QLineEdit()
        self.command.setReadOnly(True)
        self.preview = QLabel()
        self.preview.setMinimumSize(PREVIEW_PX, PREVIEW_PX)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note = QLabel()
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5a4a00")
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)

        size_row = QHBoxLayout()
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_box)
        form = self.form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Page size"), self.size)
        form.addRow(self.tr("Width × height"), size_row)
        form.addRow(self.tr("Resolution (DPI)"), self.dpi)
        form.addRow("", self.pixels)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Subtitle"), self.subtitle)
        form.addRow(self.tr("Legend"), self.legend)
        form.addRow(self.tr("Time steps"), self.steps)
        form.addRow(self.tr("Step duration"), self.frame_ms)
        form.addRow(self.tr("Video frame rate"), self.fps)
        for box in (self.scale_bar, self.north_arrow, self.locator, self.date_stamp, self.sources, self.keep_scale):
            form.addRow("", box)
        form.addRow(self.tr("Command line"), self.command)
        form.addRow("", self.note)
        form.addRow("", self.error)
        left = QWidget()
        left.setLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(left, 1)
        row.addWidget(self.preview, 1)
        outer = QVBoxLayout(self)
        outer.addLayout(row)
        outer.addWidget(buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.update_preview)
        self._restore()
        for w in (self.format, self.size, self.legend):
            w.currentIndexChanged.connect(self._changed)
        for w in (self.width_box, self.height_box, self.dpi, self.frame_ms, self.fps):
            w.valueChanged.connect(self._changed)
        self.format.currentIndexChanged.connect(self._format_choice)
        for w in (self.title, self.subtitle):
            w.textChanged.connect(self._changed)
        for w in (self.scale_bar, self.north_arrow, self.locator, self.date_stamp, self.sources, self.keep_scale):
            w.toggled.connect(self._changed)
        self.size.currentIndexChanged.connect(self._size_choice)
        self.saved_path: Path | None = None
        self._size_choice()
        self._format_choice()
        self.update_preview()

    # -- labels (translated) --------------------------------------------------------------------
    def format_labels(self) -> dict[str, str]:
        """The shown label of each format, by suffix (FORMATS)."""
        return {".png": self.tr("PNG image"), ".svg": self.tr("SVG (vector)"),
                ".pdf": self.tr("PDF (vector, selectable text)"), ".html": self.tr("HTML page (interactive)"),
                ".gif": self.tr("GIF animation (time steps)"), ".mp4": self.tr("MP4 video, H.264 (time steps)")}

    def size_labels(self) -> dict[str, str]:
        """The shown label of each size choice, by key (SIZE_CHOICES)."""
        return {"A4 portrait": self.tr("A4 portrait"), "A4 landscape": self.tr("A4 landscape"),
                "A3 portrait": self.tr("A3 portrait"), "A3 landscape": self.tr("A3 landscape"),
                "16:9 (screen, slides)": self.tr("16:9 (screen, slides)"), "4:5 (social)": self.tr("4:5 (social)"),
                "Square": self.tr("Square"), "Custom, pixels": self.tr("Custom, pixels"),
                "Custom, millimetres": self.tr("Custom, millimetres")}

    def legend_labels(self) -> dict[str, str]:
        """The shown label of each legend choice, by value (LEGEND_CHOICES)."""
        return {"auto": self.tr("Automatic"), "right": self.tr("Right of the map"), "bottom": self.tr("Under the map"),
                "inside": self.tr("Inside the map (emptiest corner)"), "off": self.tr("None")}

    # -- settings -------------------------------------------------------------------------------
    def _restore(self) -> None:
        st = QSettings()
        st.beginGroup("export")
        self.format.setCurrentIndex(max(0, self.format.findData(st.value("format", ".png"))))
        size = str(st.value("size", "16:9 (screen, slides)"))  # the choice's key (its English label)
        self.size.setCurrentIndex(max(0, self.size.findData(size, SIZE_KEY_ROLE)))
        self.width_box.setValue(float(st.value("width", 1600)))
        self.height_box.setValue(float(st.value("height", 900)))
        self.dpi.setValue(int(st.value("dpi", 96)))
        self.legend.setCurrentIndex(max(0, self.legend.findData(st.value("legend", "auto"))))
        for key, box in (("scale_bar", self.scale_bar), ("north_arrow", self.north_arrow),
                         ("date_stamp", self.date_stamp), ("sources", self.sources), ("keep_scale", self.keep_scale)):
            box.setChecked(setting_bool(st.value(key), True))
        self.locator.setChecked(setting_bool(st.value("locator"), False))
        self.fps.setValue(int(st.value("fps", 25)))
        st.endGroup()

    def _remember(self) -> None:
        st = QSettings()
        st.beginGroup("export")
        st.setValue("format", self.format.currentData())
        st.setValue("size", self.size.currentData(SIZE_KEY_ROLE))  # the key, in any language
        st.setValue("width", self.width_box.value())
        st.setValue("height", self.height_box.value())
        st.setValue("dpi", self.dpi.value())
        st.setValue("legend", self.legend.currentData())
        st.setValue("fps", self.fps.value())
        for key, box in (("scale_bar", self.scale_bar), ("north_arrow", self.north_arrow),
                         ("date_stamp", self.date_stamp), ("sources", self.sources), ("keep_scale", self.keep_scale),
                         ("locator", self.locator)):
            st.setValue(key, "true" if box.isChecked() else "false")
        st.endGroup()

    # -- options --------------------------------------------------------------------------------
    def _format_choice(self, *_args) -> None:
        """Enable what the chosen format uses: the page's furniture for PNG/SVG/PDF/GIF/MP4, the
        time steps and step duration for the animations, the frame rate for the MP4."""
        suffix = self.format.currentData()
        page = suffix in PAGE_FORMATS
        for w in (self.dpi, self.legend, self.scale_bar, self.north_arrow, self.locator, self.date_stamp, self.sources,
                  self.subtitle):
            w.setEnabled(page)
        self.frame_ms.setEnabled(suffix in ANIMATIONS)
        self.fps.setEnabled(suffix == ".mp4")
        for w in (self.steps, self.frame_ms, self.fps):
            self.form.setRowVisible(w, suffix in ANIMATIONS)
        if suffix in ANIMATIONS:
            try:
                filters = self.animation_filters()
                self.steps.setText(
                    (self.tr("1 step, {first} to {last} (the Time dock's range, step and mode)") if len(filters) == 1
                     else self.tr("{n} steps, {first} to {last} (the Time dock's range, step and mode)"))
                    .format(n=len(filters), first=filters[0].label, last=filters[-1].label))
            except AtlasError as exc:
                self.steps.setText(words.error_text(exc))
        else:
            self.steps.setText("")

    def animation_arguments(self) -> list[str]:
        """``--from``, ``--to``, ``--step`` (and ``--mode``, ``--end-inclusive``) of the Time
        dock's playback, as ``asean-atlas export`` takes them."""
        from asean_atlas.layers.temporal import MODE_WINDOW
        from asean_atlas.layers.time_controller import STEP_SOURCE, STEP_YEAR

        ctl = self.document.time
        step = "source" if ctl.step_unit == STEP_SOURCE else f"{ctl.step_size}{'y' if ctl.step_unit == STEP_YEAR else 'm'}"
        filters = ctl.filters()
        args = []
        if filters:
            def when(t) -> str:
                day = str(np.datetime64(t, "D"))
                return day[:4] if ctl.step_unit == STEP_YEAR and day.endswith("-01-01") else day

            args += ["--from", when(filters[0].t0), "--to", when(filters[-1].t0)]
        args += ["--step", step]
        if ctl.mode == MODE_WINDOW:
            args += ["--mode", "window"]
        if ctl.end_inclusive:
            args.append("--end-inclusive")
        return args

    def animation_filters(self):
        """The time steps of a GIF/MP4: those of :meth:`animation_arguments`, computed as the
        command line computes them (:func:`~.export.animation_filters`).

        Raises
        ------
        ExportError
        """
        from .cli import parse_when
        from .export import animation_filters

        args = self.animation_arguments()
        get = lambda flag: args[args.index(flag) + 1] if flag in args else None  # noqa: E731
        return animation_filters(self.document, parse_when(get("--from")), parse_when(get("--to")), get("--step"))

    def _size_choice(self) -> None:
        value = self.size.currentData()
        custom = value is None
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        if not custom:  # show the preset's size, in pixels at 96 DPI
            w, h = parse_size(value, 96.0)
            for box, v in ((self.width_box, w), (self.height_box, h)):
                box.blockSignals(True)
                box.setValue(v)
                box.blockSignals(False)
        self._changed()

    def size_argument(self) -> str:
        """The ``--size`` of the current choice: a preset, ``WxH`` pixels or ``WxHmm``."""
        value = self.size.currentData()
        if value is not None:
            return value
        w, h = int(self.width_box.value()), int(self.height_box.value())
        return f"{w}x{h}mm" if self.size.currentData(SIZE_KEY_ROLE) == "Custom, millimetres" else f"{w}x{h}"

    def options(self) -> ExportOptions:
        """What the dialog would export (validated).

        Raises
        ------
        ExportError
        """
        dpi = float(self.dpi.value())
        width, height = parse_size(self.size_argument(), dpi)
        keep = self.keep_scale.isChecked()
        opts = ExportOptions(
            width=width, height=height, dpi=dpi, title=self.title.text(),
            subtitle=self.subtitle.text() or None, legend=self.legend.currentData(),
            scale_bar=self.scale_bar.isChecked(), north_arrow=self.north_arrow.isChecked(),
            date_stamp=self.date_stamp.isChecked(), sources_footnote=self.sources.isChecked(),
            locator=self.locator.isChecked(),
            center=self.center if keep else None,
            # the same ground per page inch as the canvas showed per screen inch
            scale_denominator=round(self.scale_96) if keep else None,
            time_filter=self.time_filter,
        )
        opts.validate()
        return opts

    def command_line(self, path: str = "map") -> str:
        """The ``asean-atlas export`` command that writes the same file (layers and time aside:
        save the project and give ``--project``)."""
        o = self.options()
        suffix = self.format.currentData()
        page = suffix in PAGE_FORMATS
        args = ["asean-atlas", "export", "--size", self.size_argument()]
        if page:
            args += ["--dpi", f"{o.dpi:g}"]
        args += ["--title", o.title or ""]
        if page:  # the page's furniture: PNG, SVG, PDF and each frame of the animations
            if o.subtitle is not None:
                args += ["--subtitle", o.subtitle]
            if o.legend != "auto":
                args += ["--legend", o.legend]
            args += [flag for flag, on in (("--no-scale-bar", o.scale_bar), ("--no-north-arrow", o.north_arrow),
                                           ("--no-date-stamp", o.date_stamp), ("--no-sources", o.sources_footnote)) if not on]
            if o.locator:
                args.append("--locator")
        if suffix in ANIMATIONS:
            args += self.animation_arguments() + ["--frame-ms", str(self.frame_ms.value())]
            if suffix == ".mp4":
                args += ["--fps", str(self.fps.value())]
        if o.center is not None:
            # exactly the numbers the dialog uses (6 decimals of a degree, a whole scale), so the
            # command writes the same pixels
            args += [f"--center={o.center[0]:.6f},{o.center[1]:.6f}", "--scale", f"{o.scale_denominator:.0f}"]
        tf = self.time_filter
        if tf is not None and str(tf.label).isdigit() and suffix not in ANIMATIONS:
            args += ["--year", str(tf.label)]
            if tf.mode == "window":
                args += ["--mode", "window"]
            if tf.end_inclusive:
                args.append("--end-inclusive")
        args += [f"--{suffix[1:]}", f"{path}{suffix}"]
        return shlex.join(args)

    def command_note(self) -> str:
        """What the command line shown leaves out, or "": the window's own layers, hidden
        layers, filters, and a time that is not a year (a month step) come with ``--project``."""
        doc = self.document
        tf = self.time_filter
        custom = any(not lyr.builtin or not lyr.visible or lyr.filter is not None for lyr in doc.layers)
        odd_time = tf is not None and not str(tf.label).isdigit() and self.format.currentData() not in ANIMATIONS
        if not (custom or odd_time):
            return ""
        if custom and odd_time:
            text = self.tr("The command shown does not hold this window's layers, visibility and filters and the "
                           "date {date}: save the project (File > Save project) and add {option} to it.")
        elif custom:
            text = self.tr("The command shown does not hold this window's layers, visibility and filters: save the "
                           "project (File > Save project) and add {option} to it.")
        else:
            text = self.tr("The command shown does not hold the date {date}: save the project (File > Save project) "
                           "and add {option} to it.")
        return text.format(date=tf.label if odd_time else "", option="--project FILE.atlas.json")

    # -- preview --------------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        self._timer.start()

    def preview_options(self) -> ExportOptions:
        """The page rendered for the preview: the same layout with every size scaled by one
        factor (the layout scales with the DPI), at least half the page's pixels so that text,
        which has a smallest size, keeps its proportions; the image is then shrunk to fit."""
        o = self.options()
        factor = min(1.0, max(PREVIEW_PX / max(o.width, o.height), 0.5))
        factor = max(factor, 24.0 / o.dpi)  # the smallest DPI the renderer accepts
        return dataclasses.replace(o, width=max(16, round(o.width * factor)), height=max(16, round(o.height * factor)),
                                   dpi=o.dpi * factor)

    def update_preview(self) -> QImage | None:
        """Render the preview now; returns it (None with an error shown)."""
        from .export import render_image

        try:
            opts = self.options()
            html = self.format.currentData() == ".html"
            size = (self.tr("the page's first view: {width} × {height} pixels") if html
                    else self.tr("{width} × {height} pixels")).format(width=opts.width, height=opts.height)
            if opts.scale_denominator:
                size = self.tr("{size}, scale 1:{scale}").format(size=size, scale=f"{opts.scale_denominator:,.0f}")
            self.pixels.setText(size)
            self.command.setText(self.command_line())
            self.note.setText(self.command_note())
            preview = self.preview_options()
            if html:  # the page's first view: the map, its own title box, legend and controls are the page's
                preview = dataclasses.replace(preview, legend="off", scale_bar=False, north_arrow=False,
                                              sources_footnote=False, locator=False, date_stamp=False)
            image = render_image(self.document, preview, self.renderer)
        except AtlasError as exc:
            self.error.setText(words.error_text(exc))
            return None
        self.error.setText("")
        image = image.scaled(PREVIEW_PX, PREVIEW_PX, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
        self.preview.setPixmap(QPixmap.fromImage(image))
        self.last_preview = image
        return image

    # -- export ---------------------------------------------------------------------------------
    def export(self, path: str | Path) -> Path:
        """Write the page to ``path`` in the chosen format (its suffix is added when missing).

        Raises
        ------
        ExportError
        """
        from .export import export_gif, export_mp4, export_pdf, export_png, export_svg

        suffix = self.format.currentData()
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        options = self.options()
        if suffix == ".html":
            from asean_atlas.layers.html_export import export_html

            out = export_html(self.document, path, options)
        elif suffix in ANIMATIONS:
            out = self._export_animation(path, options, export_gif if suffix == ".gif" else export_mp4)
        else:
            writer = {".png": export_png, ".svg": export_svg, ".pdf": export_pdf}[suffix]
            out = writer(self.document, path, options, self.renderer)
        self._remember()
        return out

    def _export_animation(self, path: Path, options: ExportOptions, writer) -> Path:
        """Render the time steps with a progress dialog whose Cancel stops the export (nothing is
        written then: the file is atomic)."""
        from PySide6.QtWidgets import QApplication, QProgressDialog

        filters = self.animation_filters()
        text = (self.tr("Rendering 1 frame…") if len(filters) == 1
                else self.tr("Rendering {n} frames…").format(n=len(filters)))
        progress_dialog = QProgressDialog(text, self.tr("Cancel"), 0, len(filters), self)
        progress_dialog.setWindowModality(Qt.WindowModality.WindowModal)
        progress_dialog.setMinimumDuration(300)
        self.progress_dialog = progress_dialog

        def progress(done: int, total: int) -> bool:
            progress_dialog.setValue(done)
            QApplication.processEvents()
            return not progress_dialog.wasCanceled()

        extra = {"fps": float(self.fps.value())} if writer.__name__ == "export_mp4" else {}
        try:
            return writer(self.document, path, options, filters, frame_ms=self.frame_ms.value(),
                          renderer=self.renderer, progress=progress, **extra)
        finally:
            progress_dialog.close()

    def _save(self) -> None:
        suffix = self.format.currentData()
        label = self.format_labels()[suffix]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export map"), f"atlas{suffix}", f"{label} (*{suffix})")
        if not path:
            return
        try:
            self.saved_path = self.export(path)
        except AtlasError as exc:
            self.error.setText(words.error_text(exc))
            return
        self.accept()


__all__ = ["ExportDialog", "PAGE_PRESETS"]
