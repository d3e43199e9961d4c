"""The window's start imports the data stack before Qt (issue 9): PySide6's import hook reads the
source of every module imported after it and linecache keeps that text (~30 MB and ~0.1 s for
pandas' modules), so ``asean-atlas`` must not import PySide6 before geopandas."""

import os
import subprocess
import sys


def test_entry_point_imports_pandas_before_pyside6(tmp_path):
    out = tmp_path / "w.png"
    code = "\n".join([
        "import sys",
        "order = []",
        "class Spy:",
        "    def find_spec(self, name, path=None, target=None):",
        "        top = name.split('.')[0]",
        "        if top in ('pandas', 'PySide6') and top not in order:",
        "            order.append(top)",
        "        return None",
        "sys.meta_path.insert(0, Spy())",
        "from asean_atlas.desktop import app",
        "print('QT_AT_IMPORT', 'PySide6' in sys.modules)",
        f"code = app.main(['--no-builtin', '--screenshot', {str(out)!r}])",
        "import linecache",
        "print('ORDER', ','.join(order))",
        "print('SOURCES', len(linecache.cache), sum(1 for k in linecache.cache if '/pandas/' in k))",
        "sys.exit(code)",
    ])
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    lines = dict(line.split(" ", 1) for line in r.stdout.splitlines() if " " in line)
    assert lines["QT_AT_IMPORT"] == "False"  # the entry point's module does not import Qt
    assert lines["ORDER"] == "pandas,PySide6"
    total, pandas_files = (int(v) for v in lines["SOURCES"].split())
    # only the few pandas modules imported lazily later are read (PySide6 first: ~600)
    assert pandas_files < 30, lines["SOURCES"]
    assert out.exists()
