"""PySide6 6.12.0 on Python 3.11 dies after some tens of thousands of void calls
(DESIGN.md "Known platform facts"); the pin in pyproject.toml avoids it. This test makes
~200,000 void calls in one process so a bad release fails here, not in a user's session."""

import subprocess
import sys

CODE = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPen, QColor, QPainterPath
app = QGuiApplication([])
img = QImage(64, 64, QImage.Format.Format_ARGB32)
p = QPainter(img)
pen = QPen(QColor("red"))
path = QPainterPath()
for i in range(50_000):
    p.setPen(pen)
    path.lineTo(i % 64, i % 61)
    p.drawLine(0, 0, i % 64, 5)
    p.setOpacity(1.0)
p.end()
print("ok")
"""


def test_many_void_calls_do_not_crash():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
