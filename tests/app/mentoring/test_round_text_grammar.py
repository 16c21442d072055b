"""Round texts cannot break the round (issue 23, item 3): placeholders are {name} and
nothing else, refused with the field named when saving; filling in never raises and is
capped, whatever was stored before the grammar was checked."""

import pytest
from sqlalchemy import select

from tests.said import refused

HOSTILE = [
    ("{omgång:>99999999999999999999}", "format (:)"),
    ("{namn!r}", "omvandling (!)"),
    ("{namn.__class__}", "attribut (.)"),
    ("{namn[0]}", "index ("),
    ("{}", "Tomma klammerparenteser"),
    ("{0}", "ingen platshållare"),
    ("{ namn }", "ingen platshållare"),
    ("Hej {namn", "saknar sin motsvarighet"),
    ("Hej namn}", "saknar sin motsvarighet"),
]


@pytest.mark.parametrize("field", ["subject", "body"])
@pytest.mark.parametrize(("text", "why"), HOSTILE)
def test_anything_but_a_plain_name_is_refused_with_the_field_named(app, text, why, field):
    from mentorship.mentoring.rounds import texts
    from mentorship.refusals import ServiceError

    with app.test_request_context():
        for kind in texts.KINDS:
            good = {"subject": "Omgång {omgång}", "body": "Hej!"}
            good[field] = text
            with pytest.raises(ServiceError) as err:
                texts.check(kind, good["subject"], good["body"])
            assert err.value.field == field
            assert why in err.value.message


def test_plain_names_and_doubled_braces_pass(app):
    from mentorship.mentoring.rounds import texts

    with app.test_request_context():
        texts.check(texts.ENROLLED, "{omgång}", "Hej {namn}! {{inte en platshållare}} {länk}")
        for kind in texts.KINDS:
            texts.check(kind, *texts.defaults(kind))  # today's texts follow the grammar
        assert texts.fill("{{namn}} {namn}", {"namn": "Anna"}) == "{namn} Anna"


@pytest.mark.parametrize("stored", [t for t, _why in HOSTILE] + [
    "{namn}" * 3000, "{" * 5000, "{namn:{omgång}}", "{omgång.__init__.__globals__}"])
def test_filling_in_never_raises_and_is_capped(app, stored):
    from mentorship.mentoring.rounds import texts

    values = {"namn": "A" * 120, "omgång": "Hösten 2026", "länk": "https://x/"}
    with app.test_request_context():
        for field, limit in texts.FILLED_MAX.items():
            out = texts.fill(stored, values, field)
            assert len(out) <= limit
        # The placeholders are filled in once: a value that looks like one stays as it is.
        assert texts.fill("{namn}", {"namn": "{omgång}", "omgång": "X"}) == "{omgång}"


def test_saving_the_issue_text_is_refused_on_the_page(app, client, auth, build_round,
                                                      admin_user):
    from mentorship.extensions import db
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=1, state="open")
    auth.login(admin_user.email)
    response = client.post(f"/mentorskap/omgangar/{r.id}/texter?text=anmald",
                           data={"subject": "Anmäld till {omgång:>99999999999999999999}",
                                 "body": "Hej {namn}", "action": "save"})
    assert response.status_code == 400
    assert refused(response) == {"subject"}  # why: the service test above
    with app.app_context():
        assert not (db.session.get(MentorRound, r.id).texts or {}).get("anmald")


def test_a_bad_text_stored_earlier_does_not_break_enrolment(app, client, auth, build_round,
                                                          admin_user, make_user):
    """The issue's case: such a text in the database (saved before the check) made every
    later enrolment answer 500. Every text kind is filled through `fill`, so none can."""
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=1, state="open")
    make_user("ny.chef@example.org", roles=("participant",), name="Ny Chef")
    bad = {"subject": "{omgång:>99999999999999999999}", "body": "{namn!r} {länk.x} " * 400}
    with app.app_context():
        round_ = db.session.get(MentorRound, r.id)
        round_.texts = {kind: dict(bad) for kind in ("anmald", "publicering", "avslutat",
                                                      "paminnelse")}
        db.session.commit()
    auth.login(admin_user.email)
    response = client.post(f"/mentorskap/omgangar/{r.id}/bjud-in",
                           data={"email": "ny.chef@example.org",
                                 "municipality_id": str(admin_user.municipality_id)})
    assert response.status_code == 302
    with app.app_context():
        mail = db.session.scalars(select(OutboxMessage)
                                  .where(OutboxMessage.recipient == "ny.chef@example.org")).all()
    mine = [m for m in mail if m.subject.startswith("{omgång")]
    assert len(mine) == 1 and len(mine[0].body) <= 8000
    # The reminder's default text builds from the stored one without raising either.
    page = client.get(f"/mentorskap/omgangar/{r.id}/paminnelser?urval=tysta")
    assert page.status_code == 200


def test_publishing_with_a_bad_text_stored_earlier_sends_capped_mail(app, client, auth,
                                                                    build_round, admin_user):
    from mentorship.extensions import db
    from mentorship.mail.models import OutboxMessage
    from mentorship.mentoring.models import MentorRound

    r = build_round(pairs=2)
    with app.app_context():
        db.session.get(MentorRound, r.id).texts = {"publicering": {
            "subject": "{omgång:>99999999999999999999}", "body": "{partner.x} {namn}" * 900}}
        db.session.commit()
    auth.login(admin_user.email)
    client.post(f"/mentorskap/omgangar/{r.id}/matchning/kor",
                data={"min_score": "0", "w_business_area": "30", "w_goals": "40",
                      "w_experience": "20", "w_gender": "10", "w_distance": "20"})
    assert client.post(f"/mentorskap/omgangar/{r.id}/publicera").status_code == 302
    with app.app_context():
        sent = db.session.scalars(select(OutboxMessage)).all()
    assert len(sent) == 4
    assert all(m.subject == "{omgång:>99999999999999999999}" and len(m.body) <= 8000
               for m in sent)


def test_no_code_formats_text_with_pythons_grammar():
    """Round texts are filled by texts.fill alone: nothing in the application runs a text
    through str.format, format_map or string.Formatter, whose grammar a saved text could
    use to break or read the round."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[3] / "mentorship"
    pattern = re.compile(r"\.format\(|\.format_map\(|\bstring\.Formatter\b")
    users = [str(path.relative_to(root)) for path in root.rglob("*.py")
             if pattern.search(path.read_text(encoding="utf-8"))]
    assert users == []
