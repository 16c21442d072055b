"""Static files are named by their content and kept by the browser for a year; anything
else (pages, exports, a stale or missing fingerprint) is not."""

from __future__ import annotations

import re

from mentorship.static_files import YEAR, fingerprint


def _asset_urls(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def test_every_page_names_its_static_files_by_content(client, login_as):
    login_as("admin")
    urls = _asset_urls(client.get("/").get_data(as_text=True))
    assert {u.split("?")[0] for u in urls} >= {"/static/app.css", "/static/app.js"}
    for url in urls:
        path, _, query = url.partition("?")
        assert re.fullmatch(r"v=[0-9a-f]{12}", query), url
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200
        assert response.cache_control.max_age == YEAR
        assert response.cache_control.public and response.cache_control.immutable
        assert "no-store" not in response.headers.get("Cache-Control", "")


def test_a_stale_or_missing_fingerprint_is_revalidated(client):
    for url in ("/static/app.css", "/static/app.css?v=000000000000", "/static/app.css?v="):
        response = client.get(url)
        assert response.status_code == 200
        assert response.cache_control.max_age is None, url
        assert not response.cache_control.immutable, url


def test_pages_are_still_not_stored(client, login_as):
    login_as("admin")
    page = client.get("/")
    assert page.headers["Cache-Control"] == "no-store"


def test_the_fingerprint_follows_the_content(tmp_path):
    asset = tmp_path / "a.css"
    asset.write_text("body{}")
    first = fingerprint(str(tmp_path), "a.css")
    asset.write_text("body{color:red}")
    second = fingerprint(str(tmp_path), "a.css")
    assert first and second and first != second
    assert fingerprint(str(tmp_path), "../a.css") is None
    assert fingerprint(str(tmp_path), "missing.css") is None
    assert fingerprint(str(tmp_path), None) is None
    (tmp_path / "folder").mkdir()
    assert fingerprint(str(tmp_path), "folder") is None
