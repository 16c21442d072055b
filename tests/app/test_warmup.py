"""The warm-up gunicorn's master runs before forking: every template, no database, and the
heap frozen out of the garbage collector's reach."""

from __future__ import annotations

import gc
import runpy
import weakref
from pathlib import Path


def test_warm_up_compiles_every_template_without_the_database(app, count_queries):
    from mentorship.warmup import warm_up

    names = [n for n in app.jinja_env.list_templates() if n.endswith((".html", ".txt"))]
    with count_queries() as counter:
        compiled = warm_up(app)
    assert compiled == len(names) > 50
    assert counter.count == 0
    # Compiled templates are cached: getting one again does not load it anew.
    assert app.jinja_env.get_template("base.html") is app.jinja_env.get_template("base.html")


def test_gunicorn_settings_preload_and_reset_the_pool_in_each_worker():
    settings = runpy.run_path(str(Path(__file__).parents[2] / "gunicorn.conf.py"))
    assert settings["preload_app"] is True
    assert callable(settings["when_ready"]) and callable(settings["post_fork"])
    # A worker accepts only while a thread is free; the proxy opens a connection per request.
    assert settings["worker_connections"] == settings["threads"]
    assert settings["keepalive"] == 0


def test_freeze_heap_puts_the_masters_objects_out_of_the_collectors_reach(app):
    from mentorship.warmup import freeze_heap

    tracked_before = len(gc.get_objects())
    try:
        frozen = freeze_heap()
        assert frozen == gc.get_freeze_count() > 10_000
        # A full collection now walks only what was made after the freeze.
        assert len(gc.get_objects()) < tracked_before - 10_000

        # ... and still frees new garbage: a reference cycle made now is collected.
        class Node:
            pass

        collected = []
        node = Node()
        node.self = node
        weakref.finalize(node, collected.append, True)
        del node
        gc.collect()
        assert collected == [True]
    finally:
        gc.unfreeze()  # the test process goes on collecting everything
    assert gc.get_freeze_count() == 0
