"""The round's PEOPLE import is previewed: every problem of every row and column in one
pass, new / updated / unchanged, nothing saved or sent before the confirmation; the
checks the file gets (lists, pairs, numbers, example rows, column names)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mentorship.mentoring.enrolment.importer import ACCOUNTS
from tests.app.formats_helpers import confirm, excel_csv, kept_token, workbook_bytes
from tests.app.mentoring.test_mentor_enrolment import preview as service_preview
from tests.said import refused, summary

SV = ["ID", "Roll", "Namn", "Kommun", "Verksamhetsområde", "Chefsnivå", "År som chef", "Mål",
      "Språk", "Mötesform", "Kapacitet", "Undantag", "Lås", "E-post"]
EN = ["id", "role", "name", "municipality", "business_area", "level", "years_as_manager",
      "goals", "languages", "meeting_mode", "capacity", "exclude", "lock", "email"]
SV_OF = dict(zip(EN, SV, strict=True))  # a column's header in the Swedish file
MENTOR = ["m1", "mentor", "Åsa Öberg", "Ängelholm", "Socialtjänst", "2", "12", "Svåra samtal",
          "sv", "båda", "1", "", "", "asa@example.org"]
ADEPT = ["a1", "adept", "Örjan Ek", "Åstorp", "Grundskola", "1", "2", "Leda förändring", "sv",
         "digitalt", "", "", "m1", "orjan@example.org"]


def as_file(rows: list[list[str]], kind: str) -> tuple[bytes, str]:
    """The rows as Excel and LibreOffice save them."""
    if kind == "xlsx":
        return workbook_bytes(("Deltagare", rows)), "deltagare.xlsx"
    return excel_csv(rows, kind), "deltagare.csv"


def counts(app) -> tuple[int, ...]:
    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import Enrolment, MatchRule

    with app.app_context():
        return tuple(db.session.scalar(select(func.count()).select_from(m))
                     for m in (User, Enrolment, OutboxMessage, MatchRule))


def preview(client, round_id, rows, kind="utf-8-sig"):
    import io

    data, name = as_file(rows, kind)
    return client.post(f"/mentorskap/omgangar/{round_id}/importera",
                       data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def lines(response) -> list[str]:
    import re

    html = response.get_data(as_text=True)
    block = html.split('class="import-problems"', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"&#3[49];|&quot;", "'", li) for li in re.findall(r"<li>(.*?)</li>", block)]


@pytest.fixture
def coordinator(auth, admin_user, build_round):
    r = build_round(pairs=0, state="open")
    auth.login(admin_user.email)
    return r


def planned(app, round_id, rows, kind="utf-8-sig"):
    """The importer's own preview of the same file (as the coordinator), with its problems
    as ImportProblem (row, column, message) and the lines the page shows."""
    data, name = as_file(rows, kind)
    result = service_preview(app, round_id, data, "coordinator@example.org", name)
    with app.test_request_context():
        return result, result.lines, result.notes


def where(result) -> list[tuple[int | None, str | None]]:
    return [(p.row, p.column) for p in result.problems]


def message_at(result, row: int, column: str) -> str:
    return next(p.message for p in result.problems if (p.row, p.column) == (row, column))


@pytest.mark.parametrize("kind", ["xlsx", "utf-8-sig", "cp1252"])
def test_every_problem_of_every_row_and_column_in_one_pass(app, client, coordinator, kind):
    before = counts(app)
    bad_mentor = [*MENTOR[:2], "Åsa Öberg", "Ängelholm", "Golfbana", "2", "2,5", "Golf", "sv",
                  "båda", "0", "", "", "inte-en-adress"]
    bad_adept = ["a1", "chef", "", "Malmö", "Grundskol", "x", "2", "Svåra samtal", "sv", "",
                 "", "", "", "ny@example.org"]
    response = preview(client, coordinator.id, [SV, bad_mentor, bad_adept], kind)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<title>Fel: Förhandsvisning: Importera deltagare" in html
    result, expected, _notes = planned(app, coordinator.id, [SV, bad_mentor, bad_adept], kind)
    # Row 2: the engine's columns and the app's, all at once (today: the bad address and
    # the capacity of 0 appeared only once the others were fixed). Row 3: every column
    # that is wrong.
    wrong = [(2, "years_as_manager"), (2, "business_area"), (2, "goals"), (2, "capacity"),
             (2, "email"), (3, "role"), (3, "municipality"), (3, "level"), (3, "business_area"),
             (3, "name")]
    assert sorted(where(result)) == sorted((row, SV_OF[key]) for row, key in wrong)
    for row, key, value in ((2, "years_as_manager", "2,5"), (2, "business_area", "Golfbana"),
                            (2, "goals", "Golf"), (2, "capacity", "0"), (3, "role", "chef"),
                            (3, "municipality", "Malmö"), (3, "level", "x")):
        assert value in message_at(result, row, SV_OF[key])  # names the value written
    assert "Grundskola" in message_at(result, 3, SV_OF["business_area"])  # the value meant
    assert lines(response) == expected  # the page lists each, in order
    assert 'name="upload"' not in html  # nothing to confirm
    assert counts(app) == before


@pytest.mark.wording
def test_every_problem_is_worded_with_its_row_column_and_value(client, coordinator):
    bad_mentor = [*MENTOR[:2], "Åsa Öberg", "Ängelholm", "Golfbana", "2", "2,5", "Golf", "sv",
                  "båda", "0", "", "", "inte-en-adress"]
    bad_adept = ["a1", "chef", "", "Malmö", "Grundskol", "x", "2", "Svåra samtal", "sv", "",
                 "", "", "", "ny@example.org"]
    found = lines(preview(client, coordinator.id, [SV, bad_mentor, bad_adept]))
    assert "Rad 2, År som chef: måste vara ett heltal, inte '2,5' (decimaler går inte)" in found
    assert any(f.startswith("Rad 2, Verksamhetsområde: okänt värde ”Golfbana”.") for f in found)
    assert any(f.startswith("Rad 2, Mål: okänt värde ”Golf”.") for f in found)
    assert "Rad 2, Kapacitet: en mentor kan ta 1–3 adepter, inte 0" in found
    assert "Rad 2, E-post: e-postadressen saknas eller är felaktig" in found
    assert "Rad 3, Roll: okänd roll 'chef' (mentor eller adept)" in found
    assert "Rad 3, Kommun: okänd kommun 'Malmö'" in found
    assert "Rad 3, Chefsnivå: måste vara ett heltal, inte 'x'" in found
    assert "Rad 3, Verksamhetsområde: okänt värde ”Grundskol”. Menade du ”Grundskola”?" in found
    assert "Rad 3, Namn: saknas för en ny person" in found


def test_the_preview_counts_and_saves_and_sends_nothing_until_confirmed(app, client,
                                                                        coordinator):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    url = f"/mentorskap/omgangar/{coordinator.id}/importera"
    before = counts(app)
    response = preview(client, coordinator.id, [EN, MENTOR, ADEPT], "cp1252")
    html = response.get_data(as_text=True)
    result, _lines, notes = planned(app, coordinator.id, [EN, MENTOR, ADEPT], "cp1252")
    assert result.counts.created[ACCOUNTS] == 2 and result.counts.added == 2
    assert 'class="import-preview"' in html and notes and notes[0] in html
    assert counts(app) == before  # no account, enrolment, e-mail or lock yet
    assert confirm(client, url, kept_token(response)).status_code == 302
    users, enrolments, mails, rules = counts(app)
    assert (users, enrolments, mails, rules) == (before[0] + 2, before[1] + 2, before[2] + 2,
                                                before[3] + 1)

    # The same file with one profile changed and one new person: 1 new, 1 updated,
    # 1 unchanged, and nothing happens until the confirmation.
    changed = [*MENTOR[:6], "13", *MENTOR[7:]]
    new = ["a2", "adept", "Eva Lund", "Klippan", "HR", "1", "1", "Svåra samtal", "sv", "",
           "", "", "", "eva@example.org"]
    response = preview(client, coordinator.id, [EN, changed, ADEPT, new], "utf-8-sig")
    html = response.get_data(as_text=True)
    table = html.split('class="import-counts"')[1].split("</table>")[0]
    assert [c for c in table.split('<td class="num">')[1:]] == [
        "1</td></tr>\n      <tr><th scope=\"row\">Uppdateras</th>",
        "1</td></tr>\n      <tr><th scope=\"row\">Oförändrade</th>",
        "1</td></tr>\n    </tbody>\n  ",
    ]
    result, _lines, notes = planned(app, coordinator.id, [EN, changed, ADEPT, new])
    assert result.counts.created[ACCOUNTS] == 1 and notes[0] in html
    assert counts(app) == (users, enrolments, mails, rules)
    assert confirm(client, url, kept_token(response)).status_code == 302
    assert counts(app) == (users + 1, enrolments + 1, mails + 1, rules)
    with app.app_context():
        years = db.session.scalar(select(Enrolment.years_as_manager)
                                  .where(Enrolment.external_id == "m1"))
    assert years == 13


@pytest.mark.parametrize("column, typed, stored", [
    ("level", "2,0", 2), ("years_as_manager", "12,0", 12), ("capacity", "2,0", 2),
])
def test_whole_numbers_typed_with_a_decimal_comma_are_read(app, client, coordinator, column,
                                                           typed, stored):
    from mentorship.extensions import db
    from mentorship.mentoring.models import Enrolment

    row = list(MENTOR)
    row[EN.index(column)] = typed
    url = f"/mentorskap/omgangar/{coordinator.id}/importera"
    assert confirm(client, url, kept_token(preview(client, coordinator.id, [EN, row]))
                   ).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(getattr(Enrolment, column))) == stored


@pytest.mark.parametrize("column", ["level", "years_as_manager", "capacity"])
def test_numbers_with_decimals_are_refused_clearly(app, client, coordinator, column):
    row = list(MENTOR)
    row[EN.index(column)] = "2,5"
    found = lines(preview(client, coordinator.id, [SV, row]))
    result, expected, _notes = planned(app, coordinator.id, [SV, row])
    header = SV[EN.index(column)]
    assert where(result) == [(2, header)] and "2,5" in message_at(result, 2, header)
    assert found == expected


def test_locks_and_exclusions_between_people_who_can_never_be_a_pair_are_refused(
    app, client, coordinator
):
    before = counts(app)
    # locked to m1, also in Ängelholm (and with another mistake: still checked)
    same_town = [*ADEPT[:3], "Ängelholm", ADEPT[4], "x", *ADEPT[6:]]
    other_mentor = ["m2", "mentor", "Bo Berg", "Bjuv", "HR", "2", "5", "Svåra samtal", "sv",
                    "", "1", "m1", "", "bo@example.org"]  # excludes another mentor
    excluder = ["a2", "adept", "Eva Lund", "Ängelholm", "HR", "1", "1", "Svåra samtal", "sv",
                "", "", "m1", "", "eva@example.org"]  # excludes a mentor in her own town
    rows = [SV, MENTOR, same_town, other_mentor, excluder]
    found = lines(preview(client, coordinator.id, rows))
    result, expected, _notes = planned(app, coordinator.id, rows)
    assert where(result) == [(3, "Chefsnivå"), (3, "Lås"), (4, "Undantag"), (5, "Undantag")]
    with app.test_request_context():
        from mentorship.mentoring.enrolment.importer import _pair_rules

        rules = _pair_rules()
    for (row, column), me, rule in (((3, "Lås"), "a1", "same_municipality"),
                                    ((4, "Undantag"), "m2", "same_role"),
                                    ((5, "Undantag"), "a2", "same_municipality")):
        message = message_at(result, row, column)
        assert me in message and "m1" in message and rules[rule] in message
    assert found == expected
    assert counts(app) == before


@pytest.mark.wording
def test_a_pair_that_can_never_be_is_worded_with_both_rows(client, coordinator):
    same_town = [*ADEPT[:3], "Ängelholm", *ADEPT[4:]]
    other_mentor = ["m2", "mentor", "Bo Berg", "Bjuv", "HR", "2", "5", "Svåra samtal", "sv",
                    "", "1", "m1", "", "bo@example.org"]
    assert lines(preview(client, coordinator.id, [SV, MENTOR, same_town, other_mentor])) == [
        "Rad 3, Lås: a1 och m1 (rad 2): de är från samma kommun och kan aldrig bli ett par",
        "Rad 4, Undantag: m2 och m1 (rad 2): båda har samma roll och kan aldrig bli ett par",
    ]


def test_problems_name_the_columns_as_the_file_does(client, coordinator):
    """Every column of the file, wrong at once, with headers in the file's own spelling:
    each problem names its column exactly as the header row does."""
    headers = [h.upper() for h in SV]
    wrong = ["", "chef", "", "Malmö", "Golfbana", "9", "-1", "Golf", "sv", "ibland", "x",
             "zz", "yy", "inte-en-adress"]
    found = lines(preview(client, coordinator.id, [headers, wrong]))
    named = {line.split(", ", 1)[1].split(":", 1)[0] for line in found}
    assert named <= set(headers), named
    assert named == set(headers) - {"SPRÅK"}, named  # every other column has a problem


def test_the_kept_file_is_the_uploaders_and_no_url_carries_it(app, client, coordinator, auth,
                                                              make_user):
    from mentorship.jobs.queue import redis_connection

    url = f"/mentorskap/omgangar/{coordinator.id}/importera"
    response = preview(client, coordinator.id, [EN, MENTOR, ADEPT])
    token = kept_token(response)
    html = response.get_data(as_text=True)
    assert token not in html.split('name="upload"')[0]  # only in the form's hidden field
    assert "asa@example.org" not in response.request.url
    with app.app_context():
        ttl = redis_connection().ttl(f"mentorship:import-upload:{app.config['JOBS_QUEUE']}:"
                                     f"{token}")
    assert 0 < ttl <= app.config["IMPORT_PREVIEW_SECONDS"]
    before = counts(app)
    make_user("other.admin@example.org", roles=("admin",))
    auth.login("other.admin@example.org")
    page = confirm(client, url, token)
    assert page.status_code == 200 and refused(page) == {"file"}  # not theirs to confirm
    assert counts(app)[1:] == before[1:]  # (the other admin's account aside)


def test_without_redis_the_one_process_demo_keeps_the_file_on_disk(app, client, coordinator,
                                                                   monkeypatch, tmp_path):
    """`make run` on a machine without Redis runs jobs in the request (JOBS_SYNC): the
    preview keeps the file in the instance folder and the confirmation imports it, once.
    A deployment with a worker (no JOBS_SYNC) refuses instead, and changes nothing."""
    from mentorship import import_preview

    def away():
        raise ConnectionError("Redis is away")

    monkeypatch.setattr(import_preview, "_redis", away)
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
    url = f"/mentorskap/omgangar/{coordinator.id}/importera"
    before = counts(app)
    token = kept_token(preview(client, coordinator.id, [EN, MENTOR, ADEPT]))
    assert sorted(p.suffix for p in (tmp_path / "import-previews").iterdir()) == [
        ".data", ".json"]
    assert confirm(client, url, token).status_code == 302
    assert counts(app)[:2] == (before[0] + 2, before[1] + 2)
    assert list((tmp_path / "import-previews").iterdir()) == []  # gone once used
    assert confirm(client, url, token).status_code == 200  # a second click imports nothing
    assert counts(app)[:2] == (before[0] + 2, before[1] + 2)

    app.config["JOBS_SYNC"] = False
    page = preview(client, coordinator.id, [EN, MENTOR, ADEPT])
    assert refused(page) == {"file"} and 'name="upload"' not in page.get_data(as_text=True)
    assert counts(app)[:2] == (before[0] + 2, before[1] + 2)


@pytest.mark.wording
def test_a_preview_says_nothing_is_saved_and_what_is_created(app, client, coordinator, auth,
                                                             make_user):
    url = f"/mentorskap/omgangar/{coordinator.id}/importera"
    response = preview(client, coordinator.id, [EN, MENTOR, ADEPT])
    html = response.get_data(as_text=True)
    assert "Ingenting är sparat och inga e-postmeddelanden är skickade än." in html
    assert "2 nya konton skapas och får en inbjudan." in html
    result, _lines, notes = planned(app, coordinator.id, [EN, MENTOR])
    assert notes == ["1 nytt konto skapas och får en inbjudan."]
    make_user("other.admin@example.org", roles=("admin",))
    auth.login("other.admin@example.org")
    page = confirm(client, url, kept_token(response))
    assert any(item.endswith("Förhandsvisningen har gått ut eller är redan använd. Ladda upp "
                             "filen igen.") for item in summary(page))


@pytest.mark.wording
def test_a_preview_that_cannot_be_kept_says_so(app, client, coordinator, monkeypatch):
    from mentorship import import_preview

    def away():
        raise ConnectionError("Redis is away")

    monkeypatch.setattr(import_preview, "_redis", away)
    app.config["JOBS_SYNC"] = False
    page = preview(client, coordinator.id, [EN, MENTOR, ADEPT])
    assert any(item.endswith("Filen kunde inte sparas till bekräftelsen just nu. Inget har "
                             "ändrats; försök igen om en stund.") for item in summary(page))
