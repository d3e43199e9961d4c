"""A throw-away PostgreSQL server with PostGIS for the tests (issue 15 item 4): initdb in a
temporary folder, started on a Unix socket there and on 127.0.0.1 (scram passwords), stopped and
removed at the end. Run as the ``postgres`` user when the tests run as root (the server refuses
root). Skips when PostgreSQL or PostGIS is not installed (``.ci/run`` installs them)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bin(name: str) -> str | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(d, name)):
            return os.path.join(d, name)
    return shutil.which(name)


def available() -> str:
    """"" when a server can be started, else why not."""
    if not (_bin("initdb") and _bin("pg_ctl")):
        return "PostgreSQL server binaries (initdb, pg_ctl) not installed"
    if not glob.glob("/usr/share/postgresql/*/extension/postgis.control"):
        return "PostGIS not installed (Debian: postgresql-15-postgis-3)"
    if os.geteuid() == 0 and not shutil.which("runuser"):
        return "running as root without runuser"
    return ""


class Server:
    """The server: :attr:`uri` (superuser ``atlas`` on the socket, database ``atlas_test``),
    :attr:`tcp` (host 127.0.0.1 and port, for password logins)."""

    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="atlas-pg-"))
        self.data = self.base / "data"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
            os.chmod(self.base, 0o755)
        self._run([_bin("initdb"), "-D", str(self.data), "-U", "atlas", "--auth-local=trust",
                   "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"])
        self.start()
        self.uri = f"postgresql://atlas@/atlas_test?host={self.base}&port={self.port}"
        import psycopg

        with psycopg.connect(f"host={self.base} port={self.port} user=atlas dbname=postgres", autocommit=True) as con:
            con.execute("CREATE DATABASE atlas_test")
        with psycopg.connect(f"host={self.base} port={self.port} user=atlas dbname=atlas_test", autocommit=True) as con:
            con.execute("CREATE EXTENSION postgis")

    def start(self) -> None:
        """Start (or start again after :meth:`halt`) the server on its port and socket."""
        self._run([_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.base / "log"), "-w", "-t", "60", "-o",
                   f"-k {self.base} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off", "start"])

    def halt(self) -> None:
        """Stop the server and keep its data (a server going away mid-session): :meth:`start`
        brings it back."""
        self._run([_bin("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])

    def _run(self, cmd: list[str]) -> None:
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--"] + cmd
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"{cmd[-1]} failed: {out.stderr.strip()[-500:]}")

    def stop(self) -> None:
        try:
            self._run([_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"])
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
