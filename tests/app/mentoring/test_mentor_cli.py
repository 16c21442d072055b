"""Operator commands: rounds list / match / export."""

import csv

import pytest
from sqlalchemy import select

from tests.said import cards


def test_rounds_list_match_and_export(app, runner, build_round, tmp_path):
    r = build_round(pairs=3, name="Hösten CLI")
    result = runner.invoke(args=["rounds", "list"])
    assert result.exit_code == 0, result.output
    assert "Hösten CLI" in result.output and "matching" in result.output

    out = tmp_path / "pairs.csv"
    result = runner.invoke(args=["rounds", "export", str(r.id), "--out", str(out)])
    assert result.exit_code != 0  # nothing to export yet

    result = runner.invoke(args=["rounds", "match", str(r.id)])
    assert result.exit_code == 0, result.output
    assert "3 par" in result.output

    result = runner.invoke(args=["rounds", "export", str(r.id), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:3] == ["adept_id", "mentor_id", "score"]
    assert rows[0][-4:] == ["adept_name", "adept_municipality", "mentor_name",
                            "mentor_municipality"]
    assert len(rows) == 4
    assert rows[1][-4].startswith("Adept ")


def test_match_refuses_a_round_in_the_wrong_state(runner, build_round):
    r = build_round(pairs=2, state="open")
    result = runner.invoke(args=["rounds", "match", str(r.id)])
    assert result.exit_code != 0
    assert "köra matchningen" in result.output


def _my_mentor(app, adept_id: int) -> tuple[str, str]:
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorPair

    with app.app_context():
        pair = db.session.scalar(select(MentorPair).where(MentorPair.adept_id == adept_id))
        return pair.mentor.user.name, pair.mentor.user.municipality.name


def test_start_page_and_menu_show_the_programme(app, client, auth, build_round, password_hash):
    r = build_round(pairs=2, state="published", password_hash=password_hash)
    auth.login("adept0@example.org")
    html = client.get("/").get_data(as_text=True)
    mine = [(title, text) for href, title, text in cards(html) if href == "/mentorskap/"]
    assert len(mine) == 1  # the participant's own round first
    assert cards(html)[0][0] == "/mentorskap/"
    name, municipality = _my_mentor(app, r.adepts[0].id)
    assert f"{name} ({municipality})" in mine[0][1]
    assert 'href="/mentorskap/"' in html[html.index("<nav"):]  # in the menu too


@pytest.mark.wording
def test_the_start_page_names_the_participants_mentor(app, client, auth, build_round,
                                                     password_hash):
    r = build_round(pairs=2, state="published", password_hash=password_hash)
    auth.login("adept0@example.org")
    html = client.get("/").get_data(as_text=True)
    name, municipality = _my_mentor(app, r.adepts[0].id)
    assert cards(html)[0][1] == "Mitt mentorsprogram"
    assert f"din mentor är {name} ({municipality})" in cards(html)[0][2]
