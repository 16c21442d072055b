"""The year's report as files: a Word document and a PDF with å, ä and ö, the cooperation's
name, the charts as images and tables with the real numbers; the HTML; the same from the
command line; and a large year as a job with progress."""

from __future__ import annotations

import io
import re
import zlib

import pytest

from tests.app.mentoring.test_mentor_jobs import jobs_on_redis, work  # noqa: F401

ENDED_17 = ("Traineegrupp 17 avslutade sitt traineeår den 1 september 2023. Samtliga åtta "
            "traineer har erhållit tillsvidareanställning i Bjuv, Helsingborg, Höganäs, "
            "Klippan, Perstorp och Ängelholm")


@pytest.fixture
def admin(make_user):
    return make_user("koordinator@example.org", roles=("admin",))


def _docx(body: bytes):
    from docx import Document

    return Document(io.BytesIO(body))


def test_the_word_document(client, auth, year_2023, admin):
    auth.login(admin.email)
    response = client.get("/rapport/ar/2023/export.docx")
    assert response.status_code == 200
    assert 'filename="aret-i-siffror-2023.docx"' in response.headers["Content-Disposition"]
    document = _docx(response.data)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Året i siffror 2023"
    assert "Familjen Helsingborg" in texts[1]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:1] == ["Mentorsprogrammet"]
    assert {"Traineeprogrammet", "Nätverksregistret"} <= set(headings)
    assert any(t.startswith(ENDED_17) for t in texts)
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
    auth.login(hr.email)
    document = _docx(client.get("/rapport/ar/2023/export.docx").data)
    texts = [p.text for p in document.paragraphs]
    assert "Versionen för Bjuv." in texts[1]
    assert any(t.startswith("Från Bjuv deltog fem chefer") for t in texts)
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


def test_the_html_file(client, auth, year_2023, admin):
    auth.login(admin.email)
    html = client.get("/rapport/ar/2023/export.html").get_data(as_text=True)
    assert "<h1>Året i siffror 2023</h1>" in html and ENDED_17 in html
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
    assert any(p.text.startswith(ENDED_17) for p in _docx(target.read_bytes()).paragraphs)
    target = tmp_path / "rapport.html"
    runner.invoke(args=["annual-report", "2023", "--format", "html", "-o", str(target)])
    assert "Samtliga elva medlemskommuner var representerade." in target.read_text()
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
    assert any(p.text.startswith(ENDED_17) for p in _docx(kept.data).paragraphs)
    # a small year is written at once
    assert client.get("/rapport/ar/2021/export.docx").status_code == 200
