"""layers/ and geodata/ must import and work with no Qt at all (DESIGN.md import rules)."""

import subprocess
import sys

CODE = """
import sys
class _Block:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6.") or name.startswith("shiboken6"):
            raise ImportError("Qt is blocked in this test")
sys.meta_path.insert(0, _Block())
import asean_atlas.layers.io, asean_atlas.layers.html_export, asean_atlas.layers.info
import asean_atlas.layers.builtin, asean_atlas.layers.export_options, asean_atlas.layers.document
import asean_atlas.geodata
assert not any(m.startswith("PySide6") for m in sys.modules), "Qt was imported"
print("ok")
"""


def test_layers_and_geodata_import_without_qt():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
