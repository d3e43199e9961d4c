"""The Connectivity panel (issue 14 items 2–4): per-country figures of the cable network as of the
time slider's date, their chart over the years, what-if cuts drawn on the map, pairs of countries
and the reach of a facility. The numbers are :mod:`asean_atlas.layers.connectivity`'s, the same
as ``asean-atlas analyze`` prints.

The scenario (cables, stations, an area, pairs, the "since" year) lives in
``MapDocument.analysis`` and is saved in projects; the map layers it draws have sources
``analysis:…`` and are rebuilt from it (never saved as layers).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from asean_atlas.layers.connectivity import (
    AnalysisError,
    CableNetwork,
    Cut,
    analysis_state,
    area_presets,
    cable_layer_of,
    country_names,
    cut_of,
    scenario_layers,
    terrestrial_layer_of,
)
from asean_atlas.layers.errors import AtlasError

from . import words

#: Countries charted when none is selected in the table: the ASEAN members with a coast, China,
#: Hong Kong.
DEFAULT_CHART = ("SGP", "CHN", "HKG", "VNM", "PHL", "IDN", "MYS", "THA")
#: First year of the chart.
CHART_FROM = 1990


def _item(text: str, sort_value=None, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if sort_value is not None:
        item.setData(Qt.ItemDataRole.UserRole, sort_value)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _button_row(layout, *buttons) -> list[QPushButton]:
    """A row of push buttons ``(text, slot)`` added to ``layout``; returns the buttons."""
    row = QHBoxLayout()
    out = []
    for text, slot in buttons:
        button = QPushButton(text)
        button.clicked.connect(slot)
        row.addWidget(button)
        out.append(button)
    layout.addLayout(row)
    return out


class ConnectivityDock(QWidget):
    """The Connectivity dock's widget.

    Signals
    -------
    scenario_changed()
        The what-if scenario changed (the project is unsaved).
    """

    scenario_changed = Signal()

    def __init__(self, document, canvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.canvas = document, canvas
        self.net: CableNetwork | None = None
        self._net_key = None
        self.scenario = None
        self.cable_layer = None
        self._busy = False
        self._series_cache: dict = {}
        self.chart = None
        self.last_error = ""
        self.drawing = None  # the polygon tool while the user draws a cut area
        self._reach_from = None  # (lon, lat, name, country) of the facility whose reach is drawn

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.as_of = QLabel()
        self.as_of.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.as_of, 1)
        self.since_on = QCheckBox(self.tr("Change since"))
        self.since = QSpinBox()
        self.since.setRange(1980, 2100)
        self.since.setValue(2015)
        top.addWidget(self.since_on)
        top.addWidget(self.since)
        layout.addLayout(top)
        self.caveat = QLabel(self.tr("Counts of cables in the Atlas's regional cable set, not capacity (see the analysis guide in the documentation)."))
        self.caveat.setWordWrap(True)
        self.caveat.setStyleSheet("color: #555555")
        layout.addWidget(self.caveat)

        self.table = QTableWidget(0, 8)
        self.table.setHorizontalHeaderLabels([
            self.tr("Country"), self.tr("International cables"), self.tr("Change"), self.tr("Landing stations"),
            self.tr("Countries reached"), self.tr("Chinese carrier"), self.tr("HMN Tech"), self.tr("After the cut")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSortingEnabled(False)
        self.table.itemSelectionChanged.connect(self._update_chart)
        layout.addWidget(self.table, 3)

        self.chart_box = QVBoxLayout()
        layout.addLayout(self.chart_box, 2)

        cut_group = QGroupBox(self.tr("What if…"))
        cut_layout = QVBoxLayout(cut_group)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Cut an area:")))
        self.area_box = QComboBox()
        self.area_box.addItem(self.tr("(none)"), None)
        lang = self._language()
        col = {"zh_CN": "name_zh", "zh_TW": "name_zh_hant"}.get(lang, "name")
        for pid, name in zip(area_presets()["id"], area_presets()[col]):
            self.area_box.addItem(name, userData=f"preset:{pid}")  # item data: what the code reads
        self.area_box.addItem(self.tr("Polygon file…"), userData="file:")
        self.area_box.addItem(self.tr("Draw on the map…"), userData="draw:")
        self.area_box.activated.connect(self._area_chosen)
        row.addWidget(self.area_box, 1)
        cut_layout.addLayout(row)
        self.cut_selected_button, self.clear_button = _button_row(
            cut_layout, (self.tr("Cut the selected cables or stations"), self.cut_selected),
            (self.tr("Clear the cut"), self.clear_cut))
        self.cut_selected_button.setToolTip(self.tr(
            "Cuts the feature identified on the map or found by search, or the rows selected in the attribute table"))
        self.cut_list = QListWidget()
        self.cut_list.setMaximumHeight(90)
        cut_layout.addWidget(self.cut_list)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        cut_layout.addWidget(self.summary)
        layout.addWidget(cut_group)

        pair_group = QGroupBox(self.tr("Between two countries"))
        pair_layout = QVBoxLayout(pair_group)
        row = QHBoxLayout()
        self.pair_a, self.pair_b = QComboBox(), QComboBox()
        add = QPushButton(self.tr("Add"))
        add.clicked.connect(self.add_pair_from_boxes)
        row.addWidget(self.pair_a, 1)
        row.addWidget(QLabel("↔"))
        row.addWidget(self.pair_b, 1)
        row.addWidget(add)
        pair_layout.addLayout(row)
        self.pair_table = QTableWidget(0, 4)
        self.pair_table.setHorizontalHeaderLabels([self.tr("Pair"), self.tr("Linked"), self.tr("Disjoint cable paths"),
                                                   self.tr("Shortest path")])
        self.pair_table.verticalHeader().setVisible(False)
        self.pair_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pair_table.horizontalHeader().setStretchLastSection(True)
        self.pair_table.setMaximumHeight(130)
        pair_layout.addWidget(self.pair_table)
        layout.addWidget(pair_group)

        reach_group = QGroupBox(self.tr("Reach from a facility"))
        reach_layout = QVBoxLayout(reach_group)
        self.reach_button, self.clear_reach_button = _button_row(
            reach_layout, (self.tr("Reach from the selected feature"), self.reach_selected),
            (self.tr("Clear"), self.clear_reach))
        self.clear_reach_button.setEnabled(False)
        self.reach_text = QPlainTextEdit()
        self.reach_text.setReadOnly(True)
        self.reach_text.setMaximumHeight(110)
        reach_layout.addWidget(self.reach_text)
        layout.addWidget(reach_group)

        self.export_button, self.report_button = _button_row(
            layout, (self.tr("Export table (CSV)…"), self.export_csv_dialog),
            (self.tr("Export report (map and CSV)…"), self.export_report_dialog))

        self.since_on.toggled.connect(self._since_changed)
        self.since.valueChanged.connect(self._since_changed)
        # the time slider and the layers: recomputed after the event (a drag of the slider sends
        # many; the last one counts)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        document.time_changed.connect(lambda *_: self._schedule())
        document.layers_changed.connect(self._layers_changed)

    # -- state ---------------------------------------------------------------------------------
    def _language(self) -> str:
        from . import i18n

        return i18n.current()

    def state(self) -> dict:
        """The scenario (:func:`asean_atlas.layers.connectivity.analysis_state`'s form)."""
        return dict(self.document.analysis or {"cables": [], "stations": [], "area": None, "pairs": [], "since": None})

    def set_state(self, state: dict | None) -> None:
        """Replace the scenario (checked) and recompute."""
        state = analysis_state(state)
        empty = not state or (not state["cables"] and not state["stations"] and not state["area"]
                              and not state["pairs"] and state["since"] is None)
        self.document.analysis = None if empty else state
        self.scenario_changed.emit()
        self.refresh()

    def _update_state(self, **changes) -> None:
        s = self.state()
        s.update(changes)
        self.set_state(s)

    def _schedule(self) -> None:
        if not self._busy:
            self._timer.start()

    def _layers_changed(self) -> None:
        if self._busy:  # our own overlays
            return
        if self.drawing is not None:  # a project opened or layers removed under the drawing
            self.cancel_drawing()
        self._schedule()

    # -- computing -----------------------------------------------------------------------------
    def _network(self):
        layers = [lyr for lyr in self.document.layers if not lyr.source.startswith("analysis:")]
        cable_layer = cable_layer_of(layers)
        if cable_layer is None:
            self.net, self.cable_layer, self._net_key = None, None, None
            return None
        try:
            net_layers = [cable_layer] + [lyr for lyr in layers if lyr is not cable_layer]
            key = (id(cable_layer.attributes),) + tuple(id(lyr.attributes) for lyr in layers if "country" in lyr.attributes.columns)
            if key != self._net_key:
                self.net = CableNetwork.from_layers(net_layers)[0]
                self._net_key = key
                self._series_cache.clear()
        except AtlasError as exc:
            self.net, self._net_key = None, None
            self.last_error = words.error_text(exc)
            return None
        self.cable_layer = cable_layer
        return self.net

    def refresh(self) -> None:
        """Recompute the figures and the scenario for the current time and redraw the overlays."""
        net = self._network()
        tf = self.document.time_filter
        when_label = tf.label if tf is not None else self.tr("all dates")
        self.as_of.setText(self.tr("As of {date}").format(date=when_label))
        if net is None:
            self._show_nothing(self.last_error or self.tr("No cable layer (a layer with the attribute 'landing_station_ids') on the map."))
            return
        state = self.state()
        self.since_on.blockSignals(True)
        self.since.blockSignals(True)
        self.since_on.setChecked(state.get("since") is not None)
        if state.get("since") is not None:
            self.since.setValue(int(state["since"]))
        self.since_on.blockSignals(False)
        self.since.blockSignals(False)
        try:
            cut = cut_of(state)
        except AtlasError as exc:  # an area file gone or broken since: said; the rest still computed
            area_problem = words.error_text(exc)
            cut = cut_of({**state, "area": None})
        else:
            area_problem = ""
        # ids the network does not hold (a project made with other layers) are left out, said once
        unknown = [c for c in cut.cables if c not in net.routes] + [s for s in cut.stations if s not in net.station_xy]
        if unknown:
            cut = Cut(tuple(c for c in cut.cables if c in net.routes), tuple(s for s in cut.stations if s in net.station_xy),
                      cut.area, cut.area_name)
        active = CableNetwork.active_ids(self.cable_layer, tf)
        try:
            self.scenario = net.scenario(active, cut)
        except AnalysisError as exc:
            self._show_nothing(words.error_text(exc))
            return
        self._fill_table()
        if area_problem:
            self.summary.setText(area_problem)
        self._fill_cut_list(state, unknown)
        self._fill_pairs(state)
        self._set_overlays(([] if cut.empty else scenario_layers(self.scenario, self.cable_layer.attributes,
                                                                  self.document.language))
                           + self._reach_overlays())
        self._update_chart()

    def _show_nothing(self, message: str) -> None:
        """No figures to show (no network, or it cannot be computed): everything cleared, the
        reason said; exports refuse until there is a scenario again."""
        self.scenario = None
        self.table.setRowCount(0)
        self.pair_table.setRowCount(0)
        self.cut_list.clear()
        self.summary.setText(message)
        self._set_overlays([])

    def _fill_table(self) -> None:
        names = country_names(self._language())
        t = self.scenario.country_table()
        since = self.since.value() if self.since_on.isChecked() else None
        then = None
        if since is not None:
            then = self._table_at(since).set_index("country")["international_cables"]
        t = t[(t.international_cables > 0) | (t.international_cables_after > 0)]
        t = t.sort_values(["international_cables", "country"], ascending=[False, True])
        cut_on = not self.scenario.cut.empty
        selected = self.selected_countries()
        self.table.setRowCount(len(t))
        for i, r in enumerate(t.itertuples(index=False)):
            name = names.get(r.country, r.name)
            self.table.setItem(i, 0, _item(f"{name} ({r.country})", r.country))
            self.table.setItem(i, 1, _item(str(r.international_cables), align_right=True))
            change = "" if then is None else f"{r.international_cables - int(then.get(r.country, 0)):+d}"
            self.table.setItem(i, 2, _item(change, align_right=True))
            self.table.setItem(i, 3, _item(str(r.landing_stations), align_right=True))
            self.table.setItem(i, 4, _item(str(r.countries_reached), align_right=True))
            share = "" if r.chinese_carrier_share != r.chinese_carrier_share else f" ({r.chinese_carrier_share:.0%})"
            self.table.setItem(i, 5, _item(f"{r.chinese_carrier_cables}{share}", align_right=True))
            self.table.setItem(i, 6, _item(str(r.hmn_tech_cables), align_right=True))
            after = ""
            if cut_on:
                after = f"{r.international_cables_after}"
                if r.cables_lost:
                    after += self.tr(" (−{n}, {share:.0%} lost)").format(n=r.cables_lost, share=r.share_lost)
                if r.countries_reached_after != r.countries_reached:
                    after += self.tr("; reaches {n} countries").format(n=r.countries_reached_after)
            self.table.setItem(i, 7, _item(after))
            if r.country in selected:
                self.table.selectRow(i)
        self.table.setColumnHidden(2, since is None)
        self.table.setColumnHidden(7, not cut_on)
        # the pair boxes list the countries in the table
        for box, default in ((self.pair_a, "CHN"), (self.pair_b, "SGP")):
            current = box.currentData() or default
            box.blockSignals(True)
            box.clear()
            for code in sorted(t.country, key=lambda c: names.get(c, c)):
                box.addItem(f"{names.get(code, code)} ({code})", code)
            if current is not None and box.findData(current) >= 0:
                box.setCurrentIndex(box.findData(current))
            box.blockSignals(False)
        if self.pair_b.count() > 1 and self.pair_b.currentData() == self.pair_a.currentData():
            self.pair_b.setCurrentIndex(1)
        if self.scenario.cut.empty:
            self.summary.setText(self.tr("No cut: pick an area, or cut the selected cables or stations."))
        else:
            n, m = len(self.scenario.cut_cables), len(self.scenario.isolated_stations)
            parts = [self.tr("1 cable cut") if n == 1 else self.tr("{n} cables cut").format(n=n),
                     self.tr("1 station left without a working cable") if m == 1
                     else self.tr("{n} stations left without a working cable").format(n=m)]
            k = len(self.scenario.cut.stations)
            if k:
                parts.append(self.tr("1 landing station cut") if k == 1 else self.tr("{n} landing stations cut").format(n=k))
            self.summary.setText(self.tr("{summary} (computed in {ms} ms)").format(
                summary=self.tr("; ").join(parts), ms=max(1, round(self.scenario.seconds * 1000))))

    def _table_at(self, year: int):
        key = ("table", year, self._filter_key())
        hit = self._series_cache.get(key)
        if hit is None:
            hit = self.net.scenario(CableNetwork.active_ids(self.cable_layer, year)).country_table()
            self._series_cache[key] = hit
        return hit

    def _filter_key(self):
        f = self.cable_layer.filter
        return f.expression if f is not None else None

    def _fill_cut_list(self, state: dict, unknown: list[str]) -> None:
        self.cut_list.clear()
        net = self.net
        active = set(self.scenario.active) if self.scenario is not None else set()
        for c in state.get("cables", []):
            text = self.tr("Cable: {name}").format(name=net.cable_name.get(c, c))
            if c in net.routes and c not in active:
                text += self.tr(" (not in service at this date)")
            self.cut_list.addItem(QListWidgetItem(text))
        for s in state.get("stations", []):
            self.cut_list.addItem(QListWidgetItem(self.tr("Landing station: {name}").format(name=net.station_name.get(s, s))))
        area = state.get("area")
        if area:
            if "preset" in area:
                name = self.area_box.itemText(max(self.area_box.findData(f"preset:{area['preset']}"), 0))
            else:
                name = area.get("name") or self.tr("polygon")
            self.cut_list.addItem(QListWidgetItem(self.tr("Area: {name}").format(name=name)))
        if unknown:
            self.cut_list.addItem(QListWidgetItem(self.tr("Not on this map, left out: {ids}").format(ids=", ".join(unknown))))
        preset = area.get("preset") if area else None
        i = self.area_box.findData(f"preset:{preset}") if preset else 0
        self.area_box.setCurrentIndex(max(i, 0))

    def _fill_pairs(self, state: dict) -> None:
        pairs = state.get("pairs", [])
        names = country_names(self._language())
        self.pair_table.setRowCount(len(pairs))
        self.pair_results = []
        cut_on = not self.scenario.cut.empty
        for i, (a, b) in enumerate(pairs):
            before = self.scenario.pair(a, b, after=False)
            after = self.scenario.pair(a, b) if cut_on else before
            self.pair_results.append((before, after))
            self.pair_table.setItem(i, 0, _item(f"{names.get(a, a)} ↔ {names.get(b, b)}"))
            linked = self.tr("yes") if after.connected else self.tr("no")
            if cut_on and before.connected != after.connected:
                linked = self.tr("no longer") if not after.connected else linked
            self.pair_table.setItem(i, 1, _item(linked))
            paths = f"{after.disjoint_paths}" if not cut_on else f"{before.disjoint_paths} → {after.disjoint_paths}"
            self.pair_table.setItem(i, 2, _item(paths, align_right=True))
            overland, water = self.tr("overland"), self.tr("overland, across water")
            if after.connected:
                hops = " → ".join([self.net.station_name.get(after.path[0]["from"], after.path[0]["from"])] + [
                    f"[{self.net.cable_name.get(h['via'], h['via']) if h['via'] != 'overland' else (water if h.get('water') else overland)}] "
                    f"{self.net.station_name.get(h['to'], h['to'])}" for h in after.path]) if after.path else ""
                text = self.tr("{km} km: {hops}").format(km=f"{after.km + after.overland_km:,.0f}", hops=hops)
            else:
                text = ""
            self.pair_table.setItem(i, 3, _item(text))

    def _reach_overlays(self) -> list:
        if self._reach_from is None or self.scenario is None:
            return []
        from asean_atlas.layers.connectivity import reach_layers

        lon, lat, name, country = self._reach_from
        terrestrial = terrestrial_layer_of(self.document.layers)
        r = self.scenario.reach(lon, lat, country, n=3, terrestrial=terrestrial.frame if terrestrial is not None else None)
        return reach_layers(self.net, r, lon, lat, name, self.cable_layer.attributes)

    def clear_reach(self) -> None:
        """Take the facility's reach off the map."""
        self._reach_from = None
        self.reach_text.clear()
        self.clear_reach_button.setEnabled(False)
        self.refresh()

    # -- the map ---------------------------------------------------------------------------------
    def _set_overlays(self, layers: list) -> None:
        doc = self.document
        old = [lyr for lyr in doc.layers if lyr.source.startswith("analysis:")]
        if not old and not layers:
            return
        self._busy = True
        try:
            for lyr in old:
                doc.remove_layer(lyr)
            for lyr in layers:
                doc.add_layer(lyr)
            loss = [lyr for lyr in layers if lyr.source == "analysis:loss"]
            if loss:  # the shaded countries over the built-in countries, under every line and point
                base = [i for i, lyr in enumerate(doc.layers) if lyr.source == "builtin:countries"]
                doc.move_layer(loss[0], base[0] + 1 if base else 0)
        finally:
            self._busy = False

    # -- the chart -------------------------------------------------------------------------------
    def selected_countries(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        out = []
        for r in rows:
            item = self.table.item(r, 0)
            if item is not None:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def series(self, countries: list[str]) -> tuple[list[int], dict[str, list[int]]]:
        """International cables in service of ``countries`` at the end of each year from
        :data:`CHART_FROM` to the later of this year and the time slider's (the chart's data)."""
        import datetime

        tf = self.document.time_filter
        this_year = datetime.date.today().year
        # the slider may stand far in the future (year 9999): the chart stops 10 years ahead
        last = min(max(this_year, tf.year if tf is not None else 0), this_year + 10)
        years = list(range(CHART_FROM, last + 1))
        out = {c: [] for c in countries}
        for y in years:
            t = self._table_at(y).set_index("country")["international_cables"]
            for c in countries:
                out[c].append(int(t.get(c, 0)))
        return years, out

    def _ensure_chart(self) -> None:
        if self.chart is not None:
            return
        import matplotlib

        matplotlib.use("QtAgg", force=False)
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        from .labels import families

        fig = Figure(figsize=(5, 2.4), dpi=90, layout="constrained")
        self.chart = FigureCanvasQTAgg(fig)
        self.chart.setMinimumHeight(170)
        self._chart_fonts = [f for f in families(self._language()) if f]
        self.chart_box.addWidget(self.chart)

    def _update_chart(self) -> None:
        if self.net is None or self.cable_layer is None or not self.isVisible():
            return
        self._ensure_chart()
        names = country_names(self._language())
        countries = self.selected_countries() or [c for c in DEFAULT_CHART if c in set(self.scenario.country_table().country)]
        years, data = self.series(countries[:8])
        fig = self.chart.figure
        fig.clear()
        ax = fig.add_subplot(111)
        # the label fonts, each glyph from the first that has it (matplotlib's font fallback):
        # Chinese country names need Noto Sans CJK
        fonts = self._chart_fonts
        for c, ys in data.items():
            ax.plot(years, ys, label=names.get(c, c), linewidth=1.6)
        tf = self.document.time_filter
        if tf is not None and years[0] <= tf.year <= years[-1]:
            ax.axvline(tf.year, color="#555555", linewidth=1, linestyle="--")
        ax.set_title(self.tr("International cables in service"), fontsize=9, fontfamily=fonts)
        ax.set_xlim(years[0], years[-1])
        ax.set_ylim(bottom=0)
        ax.tick_params(labelsize=7)
        ax.grid(True, linewidth=0.3)
        if data:
            ax.legend(prop={"family": fonts, "size": 7}, ncol=2, loc="upper left", frameon=False)
        self.chart_data = (years, data)
        self.chart.draw_idle()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt)
        super().showEvent(event)
        self._schedule()

    def _since_changed(self, *_args) -> None:
        self._update_state(since=self.since.value() if self.since_on.isChecked() else None)

    # -- what-if actions -------------------------------------------------------------------------
    def _area_chosen(self, index: int) -> None:
        data = self.area_box.itemData(index)
        kind, _, value = (data or "").partition(":")
        if not kind:
            self._update_state(area=None)
        elif kind == "preset":
            self._update_state(area={"preset": value})
        elif kind == "file":
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Polygon to cut with"), "",
                                                  self.tr("Vector files (*.geojson *.json *.gpkg *.shp *.kml *.fgb *.zip)"))
            if path:
                self.cut_area_from_file(path)
        elif kind == "draw":
            self.start_drawing()

    def cut_area_from_file(self, path: str) -> bool:
        """Cut everything crossing the polygons of a file; a bad file is said in the summary."""
        from asean_atlas.layers.connectivity import area_from

        from pathlib import Path

        try:
            area, name = area_from(path)
        except AtlasError as exc:
            self.last_error = words.error_text(exc)
            self.summary.setText(self.last_error)
            return False
        # the file itself (all its polygons, holes kept): the same area as --area FILE
        self._update_state(area={"file": str(Path(path).resolve()), "name": name})
        return True

    def start_drawing(self) -> None:
        """Draw the cut area on the map: click its corners; right-click or Enter closes it; Esc
        cancels."""
        from .measure_tool import MeasureTool

        self.drawing = MeasureTool(self)
        self.drawing.changed.connect(self._drawing_changed)
        self.canvas.measure = self.drawing
        self.canvas.setFocus()
        self.summary.setText(self.tr("Click the corners of the area on the map; right-click or Enter closes it, Esc cancels."))

    def cancel_drawing(self, message: str = "") -> None:
        """Stop drawing a cut area (Esc, or the map's layers changed under it); nothing changes."""
        tool, self.drawing = self.drawing, None
        if tool is not None and self.canvas.measure is tool:
            self.canvas.measure = None
            self.canvas.update()
        if message:
            self.summary.setText(message)

    def _drawing_changed(self) -> None:
        tool = self.drawing
        if tool is None:
            return
        if not tool.finished:
            if tool.measurement.points:
                self._drew = True
            elif getattr(self, "_drew", False):  # Esc cleared the corners: the drawing is cancelled
                self._drew = False
                self.cancel_drawing(self.tr("Drawing cancelled."))
            return
        self._drew = False
        points = [list(map(float, p)) for p in tool.measurement.points]
        self.drawing = None
        if self.canvas.measure is tool:
            self.canvas.measure = None
        self.canvas.update()
        import shapely

        if len(points) >= 3 and shapely.make_valid(shapely.Polygon(points)).area > 1e-8:
            self._update_state(area={"polygon": points, "name": self.tr("drawn area")})
        else:
            self.summary.setText(self.tr("An area needs at least three corners that enclose some sea."))

    def cut_selected(self) -> list[str]:
        """Cut the cables or landing stations selected (identified on the map, found by search, or
        selected in the attribute table); returns the ids added."""
        if self.net is None:
            self.refresh()
        if self.net is None:
            return []
        picked = []
        if self.canvas.selected_rows is not None:
            layer, rows = self.canvas.selected_rows
            picked += [(layer, int(r)) for r in rows]
        if self.canvas.selection is not None:
            picked.append(self.canvas.selection)
        state = self.state()
        added = []
        for layer, row in picked:
            if "id" not in layer.attributes.columns:
                continue
            fid = str(layer.attributes["id"].iloc[row])
            if layer is self.cable_layer and fid in self.net.routes and fid not in state["cables"]:
                state["cables"].append(fid)
                added.append(fid)
            elif fid in self.net.station_xy and "landing_station_ids" not in layer.attributes.columns and fid not in state["stations"]:
                state["stations"].append(fid)
                added.append(fid)
        if not added:
            self.summary.setText(self.tr("Select a cable or a landing station first (click it on the map, search it, "
                                         "or select rows in the attribute table)."))
            return []
        self.set_state(state)
        return added

    def clear_cut(self) -> None:
        self._update_state(cables=[], stations=[], area=None)

    def add_pair(self, a: str, b: str) -> None:
        state = self.state()
        if a != b and [a, b] not in state["pairs"]:
            state["pairs"] = state["pairs"] + [[a, b]]
            self.set_state(state)

    def add_pair_from_boxes(self) -> None:
        a, b = self.pair_a.currentData(), self.pair_b.currentData()
        if a and b:
            self.add_pair(a, b)

    def reach_selected(self) -> str:
        """List what the selected point feature reaches (nearest stations, cables, countries,
        terrestrial links); returns the text shown."""
        if self.net is None:
            self.refresh()
        sel = self.canvas.selection
        if self.net is None or sel is None or not sel[0].is_point_layer:
            text = self.tr("Select a point feature first (a data centre, a factory, the Nanning computing centre…).")
            self.reach_text.setPlainText(text)
            return text
        layer, row = sel
        geom = layer.geometry_at(row)
        country = str(layer.attributes["country"].iloc[row]) if "country" in layer.attributes.columns else None
        terrestrial = terrestrial_layer_of(self.document.layers)
        r = self.scenario.reach(geom.x, geom.y, country, n=3,
                                terrestrial=terrestrial.frame if terrestrial is not None else None)
        names = country_names(self._language())
        lines = [self.tr("Nearest landing stations with a working cable:")]
        lines += ["  " + self.tr("{name} ({country}) — {km} km").format(name=s["name"], country=s["country"],
                                                                         km=f"{s['km']:,.0f}") for s in r.stations]
        lines.append(self.tr("Cables there ({n}): {list}").format(
            n=len(r.cables), list=", ".join(self.net.cable_name.get(c, c) for c in r.cables)))
        lines.append(self.tr("Countries they reach ({n}): {list}").format(
            n=len(r.countries), list=", ".join(names.get(c, c) for c in r.countries)))
        if r.terrestrial:
            lines.append(self.tr("Terrestrial cross-border links: {list}").format(
                list="; ".join(t["name"] for t in r.terrestrial)))
        text = "\n".join(lines)
        self.reach_text.setPlainText(text)
        self.last_reach = r
        self._reach_from = (float(geom.x), float(geom.y), str(layer.attributes["name"].iloc[row]) if "name" in layer.attributes.columns
                            else "", country)
        self.clear_reach_button.setEnabled(True)
        self.refresh()  # draws the reach on the map (and keeps it as the time slider moves)
        return text

    # -- export ----------------------------------------------------------------------------------
    def table_frame(self):
        """The per-country table as shown (a DataFrame, the CLI's columns).

        Raises
        ------
        AnalysisError
            Nothing computed (no cable layer, or the network could not be built).
        """
        if self.scenario is None:
            raise AnalysisError.of("nothing to export: no cable network on the map")
        t = self.scenario.country_table()
        return t[(t.international_cables > 0) | (t.international_cables_after > 0)]

    def export_csv(self, path: str) -> str:
        from asean_atlas.layers.atomic import write_text_atomic

        write_text_atomic(path, self.table_frame().round(4).to_csv(index=False))
        return path

    def export_csv_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export table"), "connectivity.csv", self.tr("CSV (*.csv)"))
        if path:
            try:
                self.export_csv(path)
            except AtlasError as exc:
                self.summary.setText(words.error_text(exc))

    def export_report(self, png: str, size=(1600, 1000)) -> tuple[str, str]:
        """Write the map (PNG, or PDF for a .pdf name) with the scenario's layers and the table as
        CSV beside it (same name, ``.csv``)."""
        from pathlib import Path

        from asean_atlas.layers.export_options import ExportOptions

        from .analyze_cli import map_titles
        from .export import export_pdf, export_png

        self.table_frame()  # raises when there is nothing to report
        tf = self.document.time_filter
        label = tf.label if tf is not None else ""
        preset = (self.state().get("area") or {}).get("preset")
        title, subtitle = map_titles(self.scenario, label, self.document.language, preset, self.net)
        options = ExportOptions(width=size[0], height=size[1], title=title, subtitle=subtitle,
                                bbox=self.canvas.viewport.bbox())
        out = Path(png)
        # the report is the what-if: a facility's reach drawn on the map is left out of it
        reach = [lyr for lyr in self.document.layers if lyr.source.startswith("analysis:reach") and lyr.visible]
        for lyr in reach:
            lyr.visible = False
        try:
            (export_pdf if out.suffix.lower() == ".pdf" else export_png)(self.document, out, options)
        finally:
            for lyr in reach:
                lyr.visible = True
        csv = str(out.with_suffix(".csv"))
        self.export_csv(csv)
        return str(out), csv

    def export_report_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export report"), "what-if.png",
                                              self.tr("PNG image (*.png);;PDF document (*.pdf)"))
        if path:
            try:
                self.export_report(path)
            except AtlasError as exc:
                self.summary.setText(words.error_text(exc))
