"""Layer > Add PostGIS layer… (issue 15 item 1), in the manner of QGIS's connection dialog: host,
port, database, user, SSL mode or a service name from ``pg_service.conf``; the password is asked
here or taken from libpq's password file, used for this connection only and never saved (the
layers' sources and project files hold no password). "List tables" shows the tables and views
with a geometry column, their SRID and the planner's row estimate; the chosen ones are added.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from asean_atlas.layers.errors import AtlasError

from . import words

#: libpq's SSL modes, in QGIS's order.
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable", "allow")


class PostGISDialog(QDialog):
    """The connection and table-choice dialog; :meth:`sources` gives the chosen tables' URIs."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add PostGIS layer"))
        form = QFormLayout()
        self.service = QLineEdit()
        self.service.setPlaceholderText(self.tr("optional: a name from the service file ('pg_service.conf')"))
        self.host = QLineEdit("localhost")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("empty: from the password file ('.pgpass') or the service file"))
        self.sslmode = QComboBox()
        for mode in SSL_MODES:
            self.sslmode.addItem(mode, userData=mode)  # libpq's own words, as QGIS shows them
        form.addRow(self.tr("Service"), self.service)
        form.addRow(self.tr("Host"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("User"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("SSL mode"), self.sslmode)
        note = QLabel(self.tr("The password is used for this connection only: it is never saved in the layer or "
                              "the project."))
        note.setWordWrap(True)
        self.list_button = QPushButton(self.tr("List tables"))
        self.list_button.clicked.connect(self.list_tables)
        self.tables = QTableWidget(0, 5)
        self.tables.setHorizontalHeaderLabels([self.tr("Table"), self.tr("Geometry"), self.tr("SRID"), self.tr("Type"),
                                               self.tr("Rows (estimate)")])
        self.tables.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tables.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tables.verticalHeader().setVisible(False)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.list_button)
        layout.addWidget(self.tables)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(560, 520)

    def conninfo(self) -> str:
        """The connection as a ``postgresql://`` URI, without the password."""
        query = {"sslmode": self.sslmode.currentData()}
        service = self.service.text().strip()
        if service:
            query["service"] = service
            netloc, path = "", ""
        else:
            user = self.user.text().strip()
            netloc = (quote(user, safe="") + "@" if user else "") + quote(self.host.text().strip(), safe="") \
                + f":{self.port.value()}"
            path = "/" + quote(self.database.text().strip(), safe="")
        return f"postgresql://{netloc}{path}?{urlencode(query)}"

    def password_text(self) -> str | None:
        """The password typed (None when empty: libpq's password file then)."""
        return self.password.text() or None

    def list_tables(self) -> int:
        """Connect and list the tables with a geometry column; returns how many (an error is said
        in the dialog, nothing else changes)."""
        from asean_atlas.layers.postgis import list_tables

        self.tables.setRowCount(0)
        try:
            frame = list_tables(self.conninfo(), password=self.password_text())
        except AtlasError as exc:
            self.status.setText(words.error_text(exc))
            return 0
        self.tables.setRowCount(len(frame))
        for i, r in enumerate(frame.itertuples(index=False)):
            for j, value in enumerate((f"{r.schema}.{r.table}", r.geometry, str(r.srid), r.type,
                                       f"{r.rows:,}" if r.rows >= 0 else "?")):
                item = QTableWidgetItem(str(value))
                if j == 0:
                    item.setData(Qt.ItemDataRole.UserRole, (r.schema, r.table, r.geometry))
                self.tables.setItem(i, j, item)
        self.status.setText(self.tr("{n} tables with a geometry column").format(n=len(frame)))
        if len(frame):
            self.tables.selectRow(0)
        return len(frame)

    def sources(self) -> list[str]:
        """The chosen tables as source URIs (``…?table=schema.name&geometry=column``)."""
        from asean_atlas.layers.postgis import PostGISSource

        out = []
        for row in sorted({i.row() for i in self.tables.selectedIndexes()}):
            schema, table, geometry = self.tables.item(row, 0).data(Qt.ItemDataRole.UserRole)
            out.append(PostGISSource(self.conninfo(), schema, table, geometry).uri())
        return out
