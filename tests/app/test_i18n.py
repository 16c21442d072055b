"""Swedish by default, English selectable."""


def test_swedish_by_default_and_english_on_request(client):
    assert '<html lang="sv">' in client.get("/logga-in").get_data(as_text=True)
    response = client.post("/sprak", data={"lang": "en", "next": "/logga-in"})
    assert response.headers["Location"] == "/logga-in"
    html = client.get("/logga-in").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Log in" in html


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post("/sprak", data={"lang": "en", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_unknown_language_is_ignored(client):
    client.post("/sprak", data={"lang": "xx"})
    assert '<html lang="sv">' in client.get("/logga-in").get_data(as_text=True)
