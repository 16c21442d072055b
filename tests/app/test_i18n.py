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


def test_english_catalogue_is_complete_and_placeholders_match(tmp_path):
    """Every extracted string has an English translation with the same placeholders.

    Fails when a new Swedish string is added without running scripts/update-translations
    and translating it, or when a translation drops, renames or adds a placeholder.
    """
    import re
    import subprocess
    import sys
    from pathlib import Path

    from babel.messages.mofile import read_mo
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parents[2]
    catalogue = root / "mentorship" / "translations" / "en" / "LC_MESSAGES"
    with open(catalogue / "messages.po", "rb") as f:
        po = read_po(f)

    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--omit-header",
            "-o",
            str(pot),
            ".",
        ],
        cwd=root,
        check=True,
        capture_output=True,
    )
    with open(pot, "rb") as f:
        extracted = [m.id for m in read_po(f) if m.id]
    assert extracted, "extraction found no messages"
    not_merged = [m for m in extracted if m not in po]
    assert not not_merged, f"run scripts/update-translations; not in messages.po: {not_merged}"

    # {{ and }} are literal braces in a round's texts, not placeholders.
    placeholder = re.compile(
        r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%%|(?<!\{)\{[^{}]*\}(?!\})"
    )
    problems = []
    for m in po:
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if m.fuzzy:
            problems.append(("fuzzy", ids[0]))
        for i, string in enumerate(strings):
            source = ids[min(i, len(ids) - 1)]
            if not string:
                problems.append(("untranslated", source))
            elif sorted(placeholder.findall(string)) != sorted(placeholder.findall(source)):
                problems.append(("placeholders differ", source, string))
    assert not problems, problems

    # The compiled catalogue is the one the app reads; it must agree with the .po.
    with open(catalogue / "messages.mo", "rb") as f:
        mo = read_mo(f)

    def text(string):
        return tuple(string) if isinstance(string, (list, tuple)) else string

    stale = [
        m.id for m in po if m.id and (m.id not in mo or text(mo[m.id].string) != text(m.string))
    ]
    assert not stale, f"run pybabel compile -d mentorship/translations -f; stale: {stale[:5]}"
