"""Issue 11.7 and 11.8: imports read any newline convention and are bounded."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from tests.app.trainees.test_trainee_reports import CSV, _import, _upload
from tests.said import refused

HEADER = CSV.split("\n", 1)[0]


def _count(app, model) -> int:
    from mentorship.extensions import db

    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("newline", ["\r", "\r\n", "\n"])
def test_a_trainee_csv_with_any_line_ending_is_read(client, auth, world, app, newline):
    from mentorship.trainees.models import Trainee

    auth.login("boss@example.org")
    r = _import(client, CSV.replace("\n", newline))
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    assert _count(app, Trainee) == 8


def _rows(n: int) -> str:
    return "".join(f"40;2020-09-01;Person {i};Bjuv;utredare;;;;\n" for i in range(n))


def test_more_rows_than_the_limit_are_refused_before_anything_is_written(
    client, auth, world, app
):
    from mentorship.trainees.models import Cohort, Trainee

    app.config["IMPORT_MAX_ROWS"] = 50
    before = _count(app, Trainee), _count(app, Cohort)
    auth.login("boss@example.org")
    response = _upload(client, HEADER + "\n" + _rows(51))
    html = response.get_data(as_text=True)
    assert "<title>Fel:" in html and refused(response) == {"file"}
    assert 'name="upload"' not in html  # no preview to confirm
    assert (_count(app, Trainee), _count(app, Cohort)) == before
    # The same as .xlsx.
    book = Workbook()
    sheet = book.active
    for line in (HEADER + "\n" + _rows(51)).strip().split("\n"):
        sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    r = client.post("/trainee/import", data={"file": (io.BytesIO(buffer.getvalue()), "h.xlsx")},
                    content_type="multipart/form-data")
    assert refused(r) == {"file"} and 'name="upload"' not in r.get_data(as_text=True)
    assert (_count(app, Trainee), _count(app, Cohort)) == before
    # At the limit the file is read.
    r = _import(client, HEADER + "\n" + _rows(50))
    assert r.status_code == 302
    assert _count(app, Trainee) == before[0] + 50


def test_the_documented_limits(app):
    assert app.config["IMPORT_MAX_ROWS"] == 5000
    assert app.config["IMPORT_MAX_BYTES"] == 2 * 1024 * 1024


def test_a_file_over_the_size_limit_is_refused_on_the_file_field(client, auth, world, app):
    from mentorship.trainees.models import Cohort, Trainee

    app.config["IMPORT_MAX_BYTES"] = 1024 * 1024
    before = _count(app, Trainee), _count(app, Cohort)
    auth.login("boss@example.org")
    big = HEADER + "\n" + "x" * (1024 * 1024) + "\n"
    response = _upload(client, big)
    assert response.status_code == 200 and refused(response) == {"file"}
    assert (_count(app, Trainee), _count(app, Cohort)) == before


@pytest.mark.wording
def test_the_limits_are_named_in_the_refusals(app):
    from mentorship.imports import read_table
    from mentorship.refusals import ServiceError

    app.config["IMPORT_MAX_ROWS"] = 50
    app.config["IMPORT_MAX_BYTES"] = 1024 * 1024
    with app.test_request_context():
        with pytest.raises(ServiceError) as err:
            read_table("x.csv", ("a\n" + "1\n" * 51).encode())
        assert err.value.message.startswith("Filen har fler än 50 rader.")
        with pytest.raises(ServiceError) as err:
            read_table("x.csv", b"a\n" + b"x" * (1024 * 1024))
        assert err.value.message.startswith("Filen är för stor: högst 1 MB går att läsa in.")
        with pytest.raises(ServiceError) as err:
            read_table("x.csv", b"a\n" + b"x" * 200_000)  # over the csv field limit
        assert err.value.message == "Filen kunde inte läsas som CSV."


def test_read_table_refuses_a_file_over_the_size_limit(app):
    from mentorship.imports import read_table
    from mentorship.refusals import ServiceError

    app.config["IMPORT_MAX_BYTES"] = 1024
    with app.test_request_context():
        assert len(read_table("x.csv", b"a\n" + b"1\n" * 500)) == 500  # 1,002 bytes
        with pytest.raises(ServiceError) as err:
            read_table("x.csv", b"a\n" + b"1\n" * 512)
        assert err.value.field == "file"


def test_read_table_stops_at_the_limit_and_reads_every_newline(app):
    from mentorship.imports import read_table
    from mentorship.refusals import ServiceError

    with app.test_request_context():
        rows = read_table("x.csv", b"a;b\r1;2\r\r3;4\r")
        assert [(r.number, r.values) for r in rows] == [
            (2, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "4"})
        ]
        limit = app.config["IMPORT_MAX_ROWS"]
        assert len(read_table("x.csv", ("a\n" + "1\n" * limit).encode())) == limit
        with pytest.raises(ServiceError) as too_many:
            read_table("x.csv", ("a\n" + "1\n" * (limit + 1)).encode())
        assert too_many.value.field == "file"
        with pytest.raises(ServiceError) as err:  # empty rows do not go on for ever
            read_table("x.csv", ("a\n" + ";\n" * (2 * limit + 1)).encode())
        assert err.value.message == too_many.value.message  # the same refusal: too many rows
        with pytest.raises(ServiceError) as err:
            read_table("x.csv", b"a\n" + b"x" * 200_000)  # over the csv field limit
        assert err.value.field == "file" and err.value.message != too_many.value.message
