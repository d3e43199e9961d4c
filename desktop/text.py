"""Text from files shown in Qt widgets as plain text, never as markup (issue 8).

Qt guesses whether a label, tooltip or message box holds rich text (``Qt::mightBeRichText``): a file
name or attribute such as ``<img src=...>`` would be rendered as HTML (and could load local images
or hide the real text). Widgets that show file-derived text are set to ``Qt.PlainText``; tooltips,
which have no text format of their own, get the text HTML-escaped inside a ``pre-wrap`` paragraph.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_tooltip(text: str) -> str:
    """Tooltip markup that shows ``text`` exactly (escaped, line breaks kept)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def plain_labels(widget: QWidget) -> QWidget:
    """Set every QLabel in ``widget`` (itself included) to plain text; returns ``widget``.

    For Qt dialogs that build their labels themselves (QMessageBox, QProgressDialog,
    QInputDialog): call it after the text is set.
    """
    labels = widget.findChildren(QLabel)
    if isinstance(widget, QLabel):
        labels.append(widget)
    for label in labels:
        label.setTextFormat(Qt.TextFormat.PlainText)
    return widget
