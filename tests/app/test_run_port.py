"""Issue 23.8: `make run` on another PORT builds its links from that port.

scripts/run-with-worker (what `make run` starts) sets MENTORSHIP_BASE_URL from the port
unless it is set, so the link in a password-reset e-mail opens the app that sent it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

from tests.app.redis_server import free_port

ROOT = Path(__file__).parents[2]


def _database(tmp: Path) -> str:
    from sqlalchemy import select

    from mentorship import create_app
    from mentorship.auth.services import NewUser, create_user
    from mentorship.extensions import db
    from mentorship.reference.models import Municipality
    from mentorship.reference.services import seed_reference_data
    from tests.conftest import make_test_config

    url = f"sqlite:///{tmp}/run.sqlite"
    app = create_app(make_test_config(url, str(tmp)))
    with app.app_context():
        db.create_all()
        seed_reference_data()
        bjuv = db.session.scalar(select(Municipality).where(Municipality.name == "Bjuv"))
        create_user(None, NewUser("kim@example.org", "Kim Berg", bjuv.id, ("participant",)))
        db.session.commit()
        db.engine.dispose()
    return url


def test_make_run_on_another_port_links_to_that_port(tmp_path):
    from sqlalchemy import create_engine, text

    url = _database(tmp_path)
    port = free_port()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("MENTORSHIP_") and not k.startswith("FLASK_")}
    env.update(MENTORSHIP_ENV="development", MENTORSHIP_DATABASE_URL=url,
               MENTORSHIP_INSTANCE_PATH=str(tmp_path),
               MENTORSHIP_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")  # no Redis there
    process = subprocess.Popen([str(ROOT / "scripts" / "run-with-worker"), str(port)],
                               cwd=ROOT, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        html = opener.open(base + "/glomt-losenord", timeout=10).read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, "email": "kim@example.org"})
        opener.open(base + "/glomt-losenord", data=data.encode(), timeout=10).read()
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(20)
    engine = create_engine(url)
    with engine.connect() as conn:
        bodies = conn.scalars(text("SELECT body FROM outbox_message")).all()
    engine.dispose()
    assert bodies and all(f"http://127.0.0.1:{port}/" in body for body in bodies), bodies
