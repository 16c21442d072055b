"""The year's report as files: a Word document and a PDF with å, ä and ö, the cooperation's
name, the charts as images and tables with the real numbers; the HTML; the same from the
command line; and a large year as a job with progress."""

from __future__ import annotations

import io
import re
import zlib
from types import SimpleNamespace

from markupsafe import escape
from sqlalchemy import select

from tests.app.mentoring.test_mentor_jobs import jobs_on_redis, work  # noqa: F401


def _expected(app, email: str | None = None, year: int = 2023) -> SimpleNamespace:
    """What a file of the year's report should hold, from the report service: its title,
    subtitle and paragraphs (the reader's version: an HR contact's, or with no reader the
    cooperation's, as the command line writes it)."""
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.reports import exports
    from mentorship.reports.services import year_report

    with app.test_request_context():
        actor = None if email is None else db.session.scalar(
            select(User).where(User.email == email))
        report = year_report(actor, year)
        return SimpleNamespace(title=exports.title(report), subtitle=exports.subtitle(report),
                               text={p.key: p.text for p in report.paragraphs})


def _docx(body: bytes):
    from docx import Document

    return Document(io.BytesIO(body))


def test_the_word_document(app, client, auth, year_2023, admin):
    expected = _expected(app, admin.email)
    auth.login(admin.email)
    response = client.get("/rapport/ar/2023/export.docx")
    assert response.status_code == 200
    assert 'filename="aret-i-siffror-2023.docx"' in response.headers["Content-Disposition"]
    document = _docx(response.data)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == expected.title and "2023" in texts[0]
    assert texts[1] == expected.subtitle and "Familjen Helsingborg" in texts[1]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:1] == ["Mentorsprogrammet"]
    assert {"Traineeprogrammet", "Nätverksregistret"} <= set(headings)
    # every paragraph of the report, in its order
    assert [t for t in texts if t in expected.text.values()] == list(expected.text.values())
    assert "trainee.ended.17" in expected.text
    assert len(document.inline_shapes) == 3  # the three charts
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    outcomes = next(t for t in tables if t[0][0] == "Traineegrupp")
    assert outcomes[1:] == [["16", "2021", "5", "3", "60"], ["17", "2022", "8", "8", "100"]]
    participants = next(t for t in tables if t[0] == ["Kommun", "Chefer"])
    assert participants[1] == ["Bjuv", "8"] and len(participants) == 12


def test_an_export_is_audited_and_an_hr_contacts_file_is_their_version(
    app, client, auth, year_2023, make_user
):
    from sqlalchemy import select

    from mentorship.audit.models import AuditEntry
    from mentorship.extensions import db

    hr = make_user("hr.bjuv@example.org", roles=("hr",), municipality="Bjuv")
    theirs, everyones = _expected(app, hr.email), _expected(app)
    auth.login(hr.email)
    document = _docx(client.get("/rapport/ar/2023/export.docx").data)
    texts = [p.text for p in document.paragraphs]
    assert texts[1] == theirs.subtitle != everyones.subtitle and "Bjuv" in texts[1]
    # Bjuv's paragraphs, not the cooperation's
    round_key = f"mentor.round.{year_2023.autumn}"
    assert theirs.text[round_key] != everyones.text[round_key]
    assert theirs.text[round_key] in texts and everyones.text[round_key] not in texts
    assert [t for t in texts if t in theirs.text.values()] == list(theirs.text.values())
    with app.app_context():
        entry = db.session.scalars(
            select(AuditEntry).where(AuditEntry.record_type == "annual_report")).one()
        assert (entry.action, entry.record_id) == ("export", 2023)


def _pdf_text_map(body: bytes) -> str:
    """The PDF's decompressed streams (the ToUnicode map shows which characters it has)."""
    out = []
    for match in re.finditer(rb"stream(.*?)endstream", body, re.S):
        raw = match.group(1).strip(b"\r\n")
        try:
            out.append(zlib.decompress(raw).decode("latin-1"))
        except zlib.error:
            out.append(raw.decode("latin-1"))
    return "\n".join(out)


def test_the_pdf_has_the_swedish_letters_and_the_charts(client, auth, year_2023, admin):
    auth.login(admin.email)
    response = client.get("/rapport/ar/2023/export.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    body = response.data
    assert body.startswith(b"%PDF")
    streams = _pdf_text_map(body)
    for char in ("00E5", "00E4", "00F6", "00C5", "00C4"):  # å ä ö Å Ä
        assert f"<{char}>" in streams.upper(), char
    assert b"DejaVu" in body
    assert body.count(b"/Subtype /Image") >= 3
    assert "Familjen Helsingborg".encode("utf-16-be") in body or b"Familjen Helsingborg" in body


def test_the_html_file(app, client, auth, year_2023, admin):
    expected = _expected(app, admin.email)
    auth.login(admin.email)
    html = client.get("/rapport/ar/2023/export.html").get_data(as_text=True)
    assert f"<h1>{escape(expected.title)}</h1>" in html
    for text in expected.text.values():
        assert f"<p>{escape(text)}</p>" in html, text
    assert html.count('src="data:image/png;base64,') == 3
    assert "<th scope=\"row\">Örkelljunga</th>" in html


def test_the_command_line(app, runner, year_2023, tmp_path):
    target = tmp_path / "rapport.pdf"
    result = runner.invoke(args=["annual-report", "2023", "--format", "pdf", "-o",
                                 str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF")
    target = tmp_path / "rapport.docx"
    result = runner.invoke(args=["annual-report", "2023", "-o", str(target)])
    assert result.exit_code == 0, result.output
    expected = _expected(app)  # the cooperation's version
    texts = [p.text for p in _docx(target.read_bytes()).paragraphs]
    assert [t for t in texts if t in expected.text.values()] == list(expected.text.values())
    target = tmp_path / "rapport.html"
    runner.invoke(args=["annual-report", "2023", "--format", "html", "-o", str(target)])
    html = target.read_text()
    for text in expected.text.values():
        assert f"<p>{escape(text)}</p>" in html, text
    result = runner.invoke(args=["annual-report", "1999"])
    assert result.exit_code != 0


def test_a_large_year_is_written_by_a_job(app, client, auth, year_2023, admin, monkeypatch,
                                          jobs_on_redis):  # noqa: F811
    from mentorship.jobs.queue import current_for

    monkeypatch.setitem(app.config, "EXPORT_JOB_ROWS", 50)  # 2023 counts 54 + 18 people
    auth.login(admin.email)
    response = client.get("/rapport/ar/2023/export.docx")
    assert response.status_code == 302
    assert response.headers["Location"] == "/rapport/ar/2023"
    assert "<progress" in client.get("/rapport/ar/2023").get_data(as_text=True)
    work(app)
    with app.test_request_context():
        job = current_for(f"export:{admin.id}:annual-report", admin.id, "annual_report")
    page = client.get("/rapport/ar/2023").get_data(as_text=True)
    assert f'href="/jobb/{job.id}/fil"' in page
    kept = client.get(f"/jobb/{job.id}/fil")
    assert kept.status_code == 200
    expected = _expected(app, admin.email)
    texts = [p.text for p in _docx(kept.data).paragraphs]
    assert [t for t in texts if t in expected.text.values()] == list(expected.text.values())
    # a small year is written at once
    assert client.get("/rapport/ar/2021/export.docx").status_code == 200
