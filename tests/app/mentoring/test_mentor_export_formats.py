"""Exports as Swedish Excel opens them, read back with openpyxl and csv: real date cells
in Swedish time, numbers as numbers, ";" and decimal comma in Swedish, and PAIRS.csv
exactly in the engine's format."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook
from sqlalchemy import select


def _running_round_with_a_talk_an_end_and_a_workshop(app, build_round):
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair, Workshop
    from mentorship.mentoring.pairing import publishing
    from mentorship.mentoring.talks import services as talks

    r = build_round(pairs=2, state="running")
    with app.test_request_context():
        pairs = list(db.session.scalars(select(MentorPair).where(MentorPair.round_id == r.id)
                                        .order_by(MentorPair.id)))
        adept = db.session.get(User, pairs[0].adept.user_id)
        talks.log_talk(adept, pairs[0], talks.NewTalk(date(2026, 3, 2), 60),
                       today=date(2026, 3, 3))
        admin = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
        publishing.end_pair(admin, pairs[1], publishing.EndPair("Flyttat"))
        pairs[1].ended_at = datetime(2026, 3, 4, 13, 15, tzinfo=UTC)  # 14:15 in Sweden
        workshop = db.session.scalar(select(Workshop).where(Workshop.round_id == r.id))
        workshop.starts_at = datetime(2026, 3, 10, 8, 30, tzinfo=UTC)  # 09:30 in Sweden
        workshop.place = "Stadshuset"
        db.session.commit()
    return r


def test_xlsx_exports_have_date_cells_in_swedish_time_and_numbers(
    app, client, auth, build_round, admin_user
):
    r = _running_round_with_a_talk_an_end_and_a_workshop(app, build_round)
    auth.login(admin_user.email)
    response = client.get(f"/mentorskap/omgangar/{r.id}/export/par.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    header = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    score, last, ended = (header.index(h) for h in ("Poäng", "Senaste samtal", "Avslutat"))
    talked = next(row for row in rows if row[last].value is not None)
    assert talked[last].is_date and talked[last].value == datetime(2026, 3, 2)
    assert talked[score].data_type == "n"
    gone = next(row for row in rows if row[ended].value is not None)
    assert gone[ended].is_date and gone[ended].value == datetime(2026, 3, 4, 14, 15)

    response = client.get(f"/mentorskap/omgangar/{r.id}/export/workshoppar.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    timed = [row[1] for row in sheet.iter_rows(min_row=2) if row[1].value is not None]
    assert timed and all(c.is_date for c in timed)
    assert datetime(2026, 3, 10, 9, 30) in [c.value for c in timed]


def test_csv_uses_semicolon_and_decimal_comma_in_swedish_and_not_in_english(
    app, client, auth, build_round, admin_user
):
    r = _running_round_with_a_talk_an_end_and_a_workshop(app, build_round)
    auth.login(admin_user.email)
    body = client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv").data
    assert body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
    assert body.count(b"\r\n") == body.count(b"\n")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:2] == ["Adept", "Adeptens kommun"]
    scores = [row[header.index("Poäng")] for row in rows[1:]]
    assert all("," in s or s.lstrip("-").isdigit() for s in scores) and not any("." in s
                                                                              for s in scores)
    ended = [row[header.index("Avslutat")] for row in rows[1:] if row[header.index("Avslutat")]]
    assert ended == ["2026-03-04 14:15"]
    client.post("/sprak", data={"lang": "en", "next": "/"})
    body = client.get(f"/mentorskap/omgangar/{r.id}/export/par.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Mentee" and not any("," in row[6] for row in rows[1:])


def test_pairs_csv_is_the_engines_format_with_negative_distances_as_numbers(
    app, client, auth, build_round, admin_user
):
    from matching.csvwrite import pairs_rows
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment, MentorRound
    from mentorship.mentoring.pairing import proposals
    from mentorship.mentoring.pairing.adapter import EngineInput, run_engine

    r = build_round(pairs=4, state="matching")
    with app.test_request_context():
        enrolments = list(db.session.scalars(select(Enrolment).where(Enrolment.round_id == r.id)))
        for e in enrolments:
            e.meeting_mode = "in_person"
        round_ = db.session.get(MentorRound, r.id)
        proposals.run_matching(None, round_)
        db.session.commit()
        external = {str(e.id): e.external_id for e in enrolments}
        result = run_engine(EngineInput(proposals.matchable_enrolments(round_)), round_.weights,
                            round_.min_score)
        expected = [[external.get(c, c) if k < 2 else c for k, c in enumerate(row)]
                    for row in pairs_rows(result)]
    auth.login(admin_user.email)
    body = client.get(f"/mentorskap/omgangar/{r.id}/export/pairs-engine.csv").data
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    got = [row[: len(expected[0])] for row in rows]
    assert got[0] == expected[0]
    assert sorted(got[1:]) == sorted(expected[1:])
    distances = [row[expected[0].index("distance")] for row in rows[1:]]
    assert any(d.startswith("-") for d in distances)
    assert all(float(d) <= 0 for d in distances if d)
