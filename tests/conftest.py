"""Fixtures: the Flask app and client (SQLite in a temp instance folder), a throwaway PostgreSQL
cluster started by the suite itself, and a real `mailtact serve` on a free loopback port."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ADMIN_TOKEN = "test-admin-token-7f3a"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app(tmp_path):
    from server import create_app

    return create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "ADMIN_TOKEN": ADMIN_TOKEN,
                       "TESTING": True, "RATE_LIMIT": ""})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def admin_headers():
    return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


@pytest.fixture(scope="session")
def postgres_url():
    """A PostgreSQL cluster in a temp dir, run as an unprivileged user when we are root."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (Debian package 'postgresql'; `make test` "
                    "installs it)")
    base = tempfile.mkdtemp(prefix="mailtact-pg-")
    data, sock = os.path.join(base, "data"), os.path.join(base, "sock")
    os.makedirs(sock)
    port = free_port()
    prefix: list[str] = []
    if os.geteuid() == 0:
        # initdb refuses to run as root: hand the folder to the 'postgres' (or 'nobody') user.
        user = "postgres" if _user_exists("postgres") else "nobody"
        shutil.chown(base, user)
        shutil.chown(sock, user)
        os.chmod(base, 0o755)
        prefix = ["runuser", "-u", user, "--"]
    subprocess.run(prefix + [f"{bindir}/initdb", "-D", data, "-U", "mailtact", "-A", "trust",
                             "--no-sync", "-E", "UTF8"], check=True, capture_output=True)
    subprocess.run(prefix + [f"{bindir}/pg_ctl", "-D", data, "-l", os.path.join(base, "log"),
                             "-o", f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off",
                             "-w", "start"], check=True, capture_output=True)
    try:
        subprocess.run(prefix + [f"{bindir}/createdb", "-h", "127.0.0.1", "-p", str(port), "-U",
                                 "mailtact", "mailtact"], check=True, capture_output=True)
        yield f"postgresql://mailtact@127.0.0.1:{port}/mailtact"
    finally:
        subprocess.run(prefix + [f"{bindir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


class RunningServer:
    def __init__(self, tmp: Path, extra_env: dict | None = None, args: list[str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.tmp = tmp
        env = {**os.environ, "MAILTACT_INSTANCE_PATH": str(tmp / "instance"),
               "MAILTACT_ADMIN_TOKEN": ADMIN_TOKEN, "MAILTACT_RATE_LIMIT": "",
               **(extra_env or {})}
        self.log = open(tmp / "server.log", "w+")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "engine.cli", "serve", "--port", str(self.port),
             *(args or [])], cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.wait()

    def wait(self, timeout: float = 30) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.output())
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=1).read()
                return
            except OSError:
                time.sleep(0.01)
        raise RuntimeError("server did not start: " + self.output())

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    server = RunningServer(tmp_path_factory.mktemp("live"))
    yield server
    server.stop()
