"""The network register in a real browser, with the demo data: the secretariat registers a
network and takes it through the start checklist to aktiv (with this year's plan and a
coordinator), opens the survey, and a member answers it. Every page passes axe, error
states included, and the CSP holds (no console errors)."""

import re
from datetime import date

from mentorship.networks.models import ACTIVE, NO, STARTING, YES
from tests.e2e.conftest import axe_check, flash_kinds, follow, from_db, login, logout
from tests.said import cards, flashes, refused

MUNICIPALITIES = ("Bjuv", "Båstad", "Helsingborg", "Höganäs", "Klippan", "Landskrona",
                  "Perstorp", "Svalöv", "Åstorp", "Ängelholm", "Örkelljunga")


HR_NETWORK = "Nätverket för HR-ansvariga"  # the demo's network, by its name


def _network(app, network_id: int) -> dict:
    """What the register holds about the network: its name and status, its municipalities'
    answers, this year's plan, its coordinator."""
    from mentorship.networks.models import Network
    from mentorship.networks.rights import current_coordinator
    from mentorship.networks.services import plan_for

    def read(session):
        network = session.get(Network, network_id)
        plan = plan_for(network, date.today().year)
        coordinator = current_coordinator(network)
        return {
            "name": network.name, "status": network.status,
            "invited": sum(nm.invited_on is not None for nm in network.municipalities),
            "answers": {nm.municipality.name: nm.answer for nm in network.municipalities
                        if nm.answer},
            "asked": sum(nm.management_asked for nm in network.municipalities),
            "told": sum(nm.secretariat_told for nm in network.municipalities),
            "plan": plan is not None and plan.has_purpose and plan.has_meetings,
            "coordinator": coordinator.user.email if coordinator and coordinator.user else None,
        }

    return from_db(app, read)


def _steps(app, network_id: int) -> list[tuple[str, bool]]:
    """The network's start checklist as the app makes it: (label, done) per step."""
    from mentorship.extensions import db
    from mentorship.networks import checklist
    from mentorship.networks.models import Network
    from mentorship.networks.services import today

    with app.test_request_context():
        network = db.session.get(Network, network_id)
        made = checklist.start_checklist(network, checklist.start_plan_year(network, today()))
        return [(s.label, s.done) for s in made.steps]


def test_register_a_network_and_start_it_to_aktiv(live_server, page):
    app, base = live_server.app, live_server.url
    year = date.today().year
    login(page, base, "admin@example.org")
    follow(page.get_by_role("link", name="Nätverk", exact=True).first)
    assert HR_NETWORK in page.content()
    axe_check(page, "nätverkslistan")

    follow(page.get_by_role("link", name="Nytt nätverk"))
    follow(page.get_by_role("button", name="Spara"))
    assert page.title().startswith("Fel:")
    assert "name" in refused(page.content())
    axe_check(page, "nytt nätverk med fel")
    page.get_by_label("Nätverkets namn").fill("Kulturnätverket")
    page.get_by_label("Samverkansområde").select_option(label="Lärande")
    follow(page.get_by_role("button", name="Spara"))
    network_id = int(re.fullmatch(rf"{re.escape(base)}/natverk/(\d+)", page.url).group(1))
    assert flash_kinds(page) == ["success"]
    registered = _network(app, network_id)
    assert (registered["name"], registered["status"]) == ("Kulturnätverket", STARTING)
    assert registered["invited"] == 0
    # the page lists the start checklist, nothing of it done yet
    steps = _steps(app, network_id)
    assert steps and not any(done for _label, done in steps)
    main = page.inner_text("main")
    assert all(label in main for label, _done in steps)
    axe_check(page, "nätverk under uppstart")

    follow(page.get_by_role("link", name="Startchecklista"))
    axe_check(page, "startchecklista")
    # one row per municipality: invited, the answer (ja / nej / inte svarat), management,
    # and whether the answer has reached the secretariat
    for name in MUNICIPALITIES:
        page.get_by_label(f"{name}: Inbjuden", exact=True).check()
    for name in MUNICIPALITIES[:6]:
        page.get_by_label(f"Svar från {name}", exact=True).select_option(label="Ja")
        page.get_by_label(f"{name}: Tillfrågad", exact=True).check()
        page.get_by_label(f"{name}: Besked till sekretariatet", exact=True).check()
    page.get_by_label("Svar från Perstorp", exact=True).select_option(label="Nej")
    page.get_by_label("Perstorp: Besked till sekretariatet", exact=True).check()
    follow(page.get_by_role("button", name="Spara"))
    assert page.url == f"{base}/natverk/{network_id}"
    assert flash_kinds(page) == ["success"]
    saved = _network(app, network_id)
    assert saved["invited"] == len(MUNICIPALITIES)
    assert saved["answers"] == {**{name: YES for name in MUNICIPALITIES[:6]}, "Perstorp": NO}
    assert (saved["asked"], saved["told"]) == (6, 7)

    # what is missing is listed before any button; there is none to press until it is done
    follow(page.get_by_role("link", name="Gör aktivt"))
    missing = [label for label, done in _steps(app, network_id) if not done]
    assert len(missing) == 4  # the plan's three parts and a coordinator
    assert page.locator("ul.missing-steps li").all_inner_texts() == missing
    assert page.locator("form.confirm").count() == 0
    axe_check(page, "gör aktivt med saknade steg")
    follow(page.locator(f"main a[href='/natverk/{network_id}']"))

    follow(page.get_by_role("link", name=f"Plan för {year}"))
    axe_check(page, "årsplan")
    follow(page.get_by_role("button", name="Spara"))
    assert page.title().startswith("Fel:")
    assert not _network(app, network_id)["plan"]
    axe_check(page, "årsplan med fel")
    page.get_by_label("Syfte").fill("Stärka kulturlivet i nordvästra Skåne tillsammans.")
    page.get_by_label("Mål").fill("En gemensam kulturkalender.")
    page.get_by_label("Hur ofta nätverket träffas").fill("Fyra gånger per år")
    page.get_by_label("Var nätverket träffas").fill("Hos kommunerna i tur och ordning")
    page.get_by_label("Vem som leder mötena").fill("Samordnaren")
    follow(page.get_by_role("button", name="Spara"))
    assert flash_kinds(page) == ["success"]
    assert _network(app, network_id)["plan"]

    follow(page.get_by_role("link", name="Välj samordnare"))
    axe_check(page, "samordnare")
    page.get_by_label("Samordnarens e-postadress").fill("hr.klippan@example.org")
    follow(page.get_by_role("button", name="Spara"))
    assert flash_kinds(page) == ["success"]
    assert _network(app, network_id)["coordinator"] == "hr.klippan@example.org"

    follow(page.get_by_role("link", name="Gör aktivt"))
    axe_check(page, "gör aktivt")
    assert page.locator("ul.missing-steps").count() == 0  # nothing missing now
    follow(page.locator("form.confirm button[type=submit]"))
    assert page.url == f"{base}/natverk/{network_id}"
    assert flash_kinds(page) == ["success"]
    assert _network(app, network_id)["status"] == ACTIVE
    axe_check(page, "aktivt nätverk")

    for path in ("/natverk/rapport", "/natverk/saknas", "/natverk/omraden", "/natverk/enkater"):
        page.goto(base + path)
        axe_check(page, path)
    assert not page.console_errors, page.console_errors


def _survey(app, survey_id: int) -> tuple[date | None, int]:
    """When the survey was opened, and how many answers it has."""
    from sqlalchemy import func, select

    from mentorship.networks.models import NetworkSurvey, NetworkSurveyAnswer

    return from_db(app, lambda s: (s.get(NetworkSurvey, survey_id).opened_on, s.scalar(
        select(func.count()).select_from(NetworkSurveyAnswer)
        .where(NetworkSurveyAnswer.survey_id == survey_id))))


def test_the_survey_is_opened_and_answered(live_server, page):
    app, base = live_server.app, live_server.url
    login(page, base, "admin@example.org", then="/natverk/enkater")
    follow(page.get_by_role("link", name="Ny enkät"))
    axe_check(page, "ny enkät")
    follow(page.get_by_role("button", name="Spara"))
    survey_id = int(re.fullmatch(rf"{re.escape(base)}/natverk/enkater/(\d+)", page.url).group(1))
    assert flash_kinds(page) == ["success"]
    assert _survey(app, survey_id) == (None, 0)  # made, not open
    follow(page.get_by_role("link", name="Öppna enkäten"))
    axe_check(page, "öppna enkäten?")
    follow(page.locator("form.confirm button[type=submit]"))
    assert flash_kinds(page) == ["success"]
    assert _survey(app, survey_id) == (date.today(), 0)
    logout(page)

    # The HR contact of Bjuv is a member of the HR network.
    login(page, base, "hr.bjuv@example.org")
    mine = "/natverk/enkater/mina"
    [(_link, title, text)] = [c for c in cards(page.content()) if c[0] == mine]
    assert re.search(r"\b1\b", title) and HR_NETWORK in text, (title, text)  # one missing
    follow(page.locator(f"main a[href='{mine}']"))
    axe_check(page, "mina enkäter")
    answer = page.locator(f"main a[href^='/natverk/enkater/{survey_id}/svara/']")
    assert answer.count() == 1
    follow(answer)
    axe_check(page, "svara")
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert page.title().startswith("Fel:")
    questions = page.locator("main form fieldset")
    assert len(refused(page.content())) == questions.count() > 0  # every question unanswered
    assert _survey(app, survey_id)[1] == 0
    axe_check(page, "svara med fel")
    for question in questions.all():
        question.get_by_label("4", exact=True).check()
    follow(page.get_by_role("button", name="Skicka svaret"))
    assert page.url == f"{base}{mine}"
    assert flashes(page.content())[0][0] == "success"
    assert HR_NETWORK in flashes(page.content())[0][1]  # the answer was for the HR network
    assert _survey(app, survey_id)[1] == 1
    assert page.locator("main a[href*='/svara/']").count() == 0  # nothing more to answer

    # The member reads the network's page and last year's results (8 answers: shown).
    page.goto(f"{base}/natverk/")
    follow(page.get_by_role("link", name=HR_NETWORK).first)
    axe_check(page, "HR-nätverket som medlem")
    follow(page.get_by_role("link", name=f"Nätverksenkäten {date.today().year - 1}"))
    assert "8 svar" in page.content()
    axe_check(page, "resultat för nätverket")
    assert not page.console_errors, page.console_errors
