"""gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app` (flags on the command line win).

The app is loaded and warmed up once in the master (templates compiled, translations and
locale data loaded) and the workers are forked from it: without this every worker compiled
every template on its first visitors, which the load test saw as slow first pages after
each start (benchmarks/README.md). What the master built is then frozen out of the garbage
collector's reach (`freeze_heap`), so the workers' collections stay short.
"""


def _no_server_header() -> None:
    """gunicorn writes `Server: gunicorn` into every response; the app names no software
    (mentorship.security does the same for the development server)."""
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers
    if getattr(original, "_hides_server", False):
        return

    def default_headers(self):
        return [h for h in original(self) if not h.lower().startswith("server:")]

    default_headers._hides_server = True
    wsgi.Response.default_headers = default_headers


_no_server_header()

preload_app = True
worker_class = "gthread"
threads = 2
# A worker takes a connection only while one of its threads is free, so waiting requests
# stay in the kernel's queue, which all workers share, instead of queuing inside one busy
# worker. It holds because the proxy in front opens a connection per request.
worker_connections = threads
keepalive = 0


def when_ready(server):
    from mentorship.warmup import freeze_heap, warm_up
    from wsgi import app

    warm_up(app)
    freeze_heap()  # last: everything built before the fork


def post_fork(server, worker):
    import os
    import sys

    # A thread back from the database waits for the GIL up to the switch interval while
    # another thread of the worker computes (an export, a matching run): 1 ms instead of
    # Python's 5 ms keeps such waits short on pages that make ten round trips.
    sys.setswitchinterval(float(os.environ.get("MENTORSHIP_SWITCH_INTERVAL", "0.001")))
    # A worker must never use a database connection opened by the master.
    from mentorship.extensions import db
    from wsgi import app

    with app.app_context():
        db.engine.dispose(close=False)
