"""The year in figures: every figure and sentence of a year built with known numbers (2023 as
the annual report tells it, see conftest.py), the HR contact's version, the small-group rule,
an empty year, a key of its own for each paragraph and small counts in words. The report's
page (names, the quote's consent, the links) is in test_year_report_page.py."""

from __future__ import annotations

import re

import pytest

from tests.app.reports.conftest import report_of


def test_the_2023_figures(app, year_2023, admin):
    from mentorship.extensions import db
    from mentorship.networks.models import Network

    report, _texts, _links = report_of(app, admin.email)
    with app.app_context():
        hr_field = db.session.get(Network, year_2023.hr_network).field
        env_field = db.session.get(Network, year_2023.env_network).field
        fields = [(env_field.id, env_field.name), (hr_field.id, hr_field.name)]
    mentor, trainee, network = report.figures.mentor, report.figures.trainee, \
        report.figures.network
    assert [r.name for r in mentor.rounds] == ["Mentorsprogrammet 2022/23",
                                               "Mentorsprogrammet 2023/24"]
    spring, autumn = mentor.rounds
    assert (autumn.managers, autumn.mentors, autumn.adepts) == (48, 24, 24)
    assert len(autumn.municipalities) == 11 and autumn.municipalities[-1] == "Örkelljunga"
    assert (autumn.pairs, autumn.talks, autumn.workshops, autumn.attendance) == (24, 48, 4, 40)
    assert autumn.evaluation.answers == 6 and autumn.evaluation.average == 4.33
    assert autumn.winner is None  # the round ends in 2024
    assert (spring.managers, spring.pairs, spring.talks, spring.workshops) == (6, 3, 3, 0)
    assert spring.evaluation.answers == 3 and spring.evaluation.hidden
    assert spring.winner == "Person 49" and spring.winner_municipality == "Klippan"
    assert spring.quote is None  # no consent
    assert mentor.managers == 54
    assert dict(mentor.per_municipality)["Bjuv"] == 5 + 3
    assert [name for name, _n in mentor.per_municipality][:3] == ["Bjuv", "Båstad",
                                                                  "Helsingborg"]

    (g17,), (g18,) = trainee.ended, trainee.started
    assert (g17.number, g17.trainees, g17.permanent, g17.reported) == (17, 8, 8, 8)
    assert g17.permanent_places == ["Bjuv", "Helsingborg", "Höganäs", "Klippan", "Perstorp",
                                    "Ängelholm"]
    assert len(g17.permanent_roles) == 8
    assert (g18.number, g18.trainees) == (18, 10)
    assert g18.hosts == ["Helsingborg", "Höganäs", "Svalöv", "Åstorp", "Ängelholm",
                         "Örkelljunga"]
    assert g18.roles[:2] == ["utvecklingsstrateg", "HR-utvecklare"]
    assert len(g18.roles) == 9  # "Utredare" twice, "Nämndsekreterare" once
    assert (trainee.training_days, trainee.study_visits) == (5, 11)
    assert all(visited for _name, visited in trainee.coverage)
    assert [(line.label, line.trainees, line.permanent) for line in trainee.history] == [
        ("16", 5, 3), ("17", 8, 8)]

    assert network.totals == {"active": 2, "starting": 1, "closed": 1}
    # a to ö by the field's name: the environment's field before the HR network's
    assert [(field_id, name) for name, field_id, _counts in network.by_field] == fields
    assert [counts for _name, _id, counts in network.by_field] == [
        {"active": 1, "starting": 0, "closed": 0}, {"active": 1, "starting": 1, "closed": 1}]
    assert [name for _id, name, _p in network.purposes] == ["HR-nätverket", "Miljönätverket"]
    (survey, overall, networks), = network.surveys
    assert (overall.answers, networks, overall.figures[0].average) == (7, 2, 4.0)


@pytest.mark.wording
def test_the_2023_sentences_read_like_the_annual_report(app, year_2023, admin):
    report, texts, _links = report_of(app, admin.email)
    autumn, spring = year_2023.autumn, year_2023.spring
    assert texts["mentor.year"] == (
        "Under 2023 pågick två omgångar av mentorsprogrammet med sammanlagt 54 chefer från "
        "samtliga elva medlemskommuner.")
    assert texts[f"mentor.round.{autumn}"] == (
        "Omgången Mentorsprogrammet 2023/24 hade 48 deltagande chefer: 24 som mentorer och "
        "24 som adepter. Samtliga elva medlemskommuner var representerade.")
    assert texts[f"mentor.round.{spring}"] == (
        "Omgången Mentorsprogrammet 2022/23 hade sex deltagande chefer: tre som mentorer och "
        "tre som adepter. Två av elva medlemskommuner var representerade: Bjuv och Klippan.")
    assert texts[f"mentor.activity.{autumn}"] == (
        "24 par matchades över kommun- och verksamhetsgränserna. Under 2023 loggades 48 "
        "mentorssamtal. Omgången hade fyra gemensamma programworkshops under året med "
        "sammanlagt 40 närvarande deltagare.")
    assert texts[f"mentor.activity.{spring}"] == (
        "Tre par matchades över kommun- och verksamhetsgränserna. Under 2023 loggades tre "
        "mentorssamtal. Omgången hade ingen programworkshop under året.")
    assert texts[f"mentor.evaluation.{autumn}"] == (
        "Sex deltagare svarade på utvärderingen och gav programmet som helhet i genomsnitt "
        "4,3 av 5.")
    assert texts[f"mentor.evaluation.{spring}"] == (
        "Utvärderingen fick tre svar; med färre än fem svar redovisas inga betyg.")
    assert texts[f"mentor.winner.{spring}"] == "Årets mentor 2023 blev Person 49, Klippan."
    assert f"mentor.winner.{autumn}" not in texts
    assert texts["trainee.ended.17"] == (
        "Traineegrupp 17 avslutade sitt traineeår den 1 september 2023. Samtliga åtta "
        "traineer har erhållit tillsvidareanställning i Bjuv, Helsingborg, Höganäs, Klippan, "
        "Perstorp och Ängelholm, som nämndsekreterare, ekonom, folkhälsostrateg, "
        "informationssäkerhetsstrateg, utvecklingsstrateg, systemförvaltare, utredare och "
        "enhetschef.")
    assert texts["trainee.project.17"] == (
        "Grupprojektet i traineegrupp 17 hade uppdraget: Hur kan kommunerna få ut mer av "
        "direktupphandling? Resultat: Ett förslag till företagskatalog. Det presenterades "
        "för ett releaseevent och styrgruppen.")
    assert texts["trainee.started.18"] == (
        "Traineegrupp 18 startade den 1 september 2023 med tio traineer placerade i "
        "Helsingborg, Höganäs, Svalöv, Åstorp, Ängelholm och Örkelljunga, i roller som "
        "utvecklingsstrateg, HR-utvecklare, bibliotekarie, utredare, GIS-ingenjör, "
        "planarkitekt, elingenjör, nämndsekreterare och enhetschef.")
    assert texts["trainee.events"] == (
        "Under 2023 hölls fem utbildningsdagar och elva studiebesök. Studiebesöken nådde "
        "samtliga elva medlemskommuner.")
    assert texts["network.register"] == (
        "Vid utgången av 2023 fanns fyra nätverk i registret: två aktiva, ett under uppstart "
        "och ett avslutat. Två nätverk har beskrivit sitt syfte för 2023.")
    assert texts[f"network.survey.{year_2023.survey}"] == (
        "Enkäten Nätverksenkäten 2023 fick sju svar från två nätverk. På frågan ”Är syftet "
        "tydligt?” blev genomsnittet 4,0 av 5.")


@pytest.mark.wording
def test_the_sentences_in_english(app, year_2023, admin):
    _report_, texts, _links = report_of(app, admin.email, lang="en")
    assert texts["trainee.ended.17"].startswith(
        "Trainee group 17 finished its trainee year on September 1, 2023. All eight trainees "
        "have been given permanent employment in Bjuv, Helsingborg, Höganäs, Klippan, "
        "Perstorp and Ängelholm, as ")
    assert texts["trainee.events"] == (
        "In 2023 there were five training days and eleven study visits. The study visits "
        "reached all eleven member municipalities.")


def test_each_figure_sits_in_its_paragraph_with_the_list_it_counts(app, year_2023, admin):
    from flask import url_for

    report, _texts, _links = report_of(app, admin.email)
    autumn, spring, g17 = year_2023.autumn, year_2023.spring, year_2023.g17

    def figures(key: str) -> list[tuple[str, str | None]]:
        return [(f.text, f.url) for f in report.paragraph(key).figures]

    with app.test_request_context():
        people = url_for("mentoring.enrolments", round_id=autumn)
        members = url_for("reference.municipalities")
        cohort = url_for("trainees.cohort", cohort_id=g17)
        outcomes = url_for("trainees.outcomes", cohort=g17)
        events = url_for("trainees.index")
        networks = url_for("networks.index")
        assert figures(f"mentor.round.{autumn}") == [
            ("Mentorsprogrammet 2023/24", url_for("mentoring.round_show", round_id=autumn)),
            ("48", people), ("24", people), ("24", people), ("elva", members)]
        evaluation = url_for("mentoring.evaluation_results", round_id=autumn)
        assert figures(f"mentor.evaluation.{autumn}") == [("Sex", evaluation),
                                                         ("4,3", evaluation)]
        # three answers: their number and the rule's minimum, no average
        assert figures(f"mentor.evaluation.{spring}") == [
            ("tre", url_for("mentoring.evaluation_results", round_id=spring)), ("fem", None)]
        assert figures(f"mentor.winner.{spring}") == [
            ("2023", None),
            ("Person 49", url_for("mentoring.mentor_of_the_year", round_id=spring)),
            ("Klippan", None)]
        ended = figures("trainee.ended.17")
        assert [url for _text, url in ended] == [cohort, None, cohort, outcomes, outcomes]
        assert [text for text, _url in ended[:3]] == ["17", "1 september 2023", "åtta"]
        assert all(place in ended[3][0] for place in report.figures.trainee.ended[0]
                   .permanent_places)
        assert figures("trainee.events") == [("2023", None), ("fem", events),
                                             ("elva", events), ("elva", members)]
        assert figures("network.register") == [
            ("2023", None), ("fyra", networks),
            ("två", url_for("networks.index", status="active")),
            ("ett", url_for("networks.index", status="starting")),
            ("ett", url_for("networks.index", status="closed")),
            ("Två", networks), ("2023", None)]


def test_the_hr_contacts_version_counts_their_municipality(app, year_2023, hr_bjuv):
    report, texts, _links = report_of(app, hr_bjuv.email)
    spring, autumn = report.figures.mentor.rounds
    assert (autumn.managers, autumn.mentors, autumn.adepts, autumn.pairs, autumn.talks) == \
        (5, 3, 2, 5, 10)
    assert autumn.evaluation.answers == 1 and autumn.evaluation.hidden
    assert (spring.managers, spring.mentors, spring.adepts) == (3, 2, 1)

    def figures(key: str) -> list[tuple[str, str | None]]:
        return [(f.text, f.url) for f in report.paragraph(key).figures]

    # Bjuv and its managers; no count of the member municipalities represented
    assert [text for text, _url in figures(f"mentor.round.{autumn.id}")] == [
        "Bjuv", "fem", "Mentorsprogrammet 2023/24", "tre", "två"]
    # one answer: its number and the rule's minimum, no average and no link to the results
    assert figures(f"mentor.evaluation.{autumn.id}") == [("ett", None), ("fem", None)]
    (g17,), (g18,) = report.figures.trainee.ended, report.figures.trainee.started
    assert (g17.trainees, g17.permanent, g17.permanent_places, g17.permanent_roles) == (
        1, 1, ["Bjuv"], ["nämndsekreterare"])
    assert g18.trainees == 0
    assert [text for text, _url in figures("trainee.started.18")] == ["18", "1 september 2023"]
    assert report.figures.network.totals == {"active": 2, "starting": 0, "closed": 1}
    assert [text for text, _url in figures("network.register")][:5] == [
        "2023", "Bjuv", "tre", "två", "ett"]
    assert [(line.label, line.trainees) for line in report.figures.trainee.history] == [
        ("16", 1), ("17", 1)]


@pytest.mark.wording
def test_the_hr_contacts_sentences(app, year_2023, hr_bjuv):
    report, texts, _links = report_of(app, hr_bjuv.email)
    spring, autumn = report.figures.mentor.rounds
    assert texts[f"mentor.round.{autumn.id}"] == (
        "Från Bjuv deltog fem chefer i omgången Mentorsprogrammet 2023/24: tre som mentorer "
        "och två som adepter.")
    assert texts[f"mentor.round.{spring.id}"] == (
        "Från Bjuv deltog tre chefer i omgången Mentorsprogrammet 2022/23: två som mentorer "
        "och en som adept.")
    assert texts[f"mentor.evaluation.{autumn.id}"] == (
        "Utvärderingen fick ett svar; med färre än fem svar redovisas inga betyg.")
    assert texts["trainee.ended.17"] == (
        "Traineegrupp 17 avslutade sitt traineeår den 1 september 2023. Gruppens enda trainee "
        "har erhållit tillsvidareanställning i Bjuv, som nämndsekreterare.")
    assert texts["trainee.started.18"] == "Traineegrupp 18 startade den 1 september 2023."
    assert texts["network.register"].startswith(
        "Vid utgången av 2023 deltog Bjuv i tre nätverk: två aktiva och ett avslutat.")


EMPTY_YEAR = ("mentor.none", "trainee.none", "trainee.events", "network.register",
              "network.survey")


def test_an_empty_year_has_a_paragraph_for_each_programme(app, client, auth, admin):
    report, _texts, _links = report_of(app, admin.email, year=2010)
    figures = report.figures
    assert (figures.mentor.rounds, figures.trainee.ended, figures.trainee.started) == (
        [], [], [])
    assert figures.network.networks == 0
    assert [p.key for p in report.paragraphs] == list(EMPTY_YEAR)
    auth.login(admin.email)
    html = client.get("/rapport/ar/2010").get_data(as_text=True)
    for p in report.paragraphs:
        assert f'<p id="t-{p.key}">{p.html()}</p>' in html, p.key


@pytest.mark.wording
def test_an_empty_year_says_what_to_do(app, admin):
    _report_, texts, _links = report_of(app, admin.email, year=2010)
    assert texts["mentor.none"] == "Under 2010 pågick ingen omgång av mentorsprogrammet."
    assert texts["trainee.none"] == "Ingen traineegrupp avslutades eller startade under 2010."
    assert texts["network.register"].startswith(
        "Vid utgången av 2010 fanns inga nätverk i registret.")


def test_every_paragraph_has_its_own_key(app, year_2023, admin, hr_bjuv):
    """An edit is stored under the paragraph's key: keys are unique in every version."""
    for email in (admin.email, hr_bjuv.email):
        report, _texts, _links = report_of(app, email)
        keys = [p.key for p in report.paragraphs]
        assert len(keys) == len(set(keys)), keys


def test_the_hr_contacts_survey_figures_are_their_networks(app, year_2023, make_user):
    hr = make_user("hr.klippan@example.org", roles=("hr",), municipality="Klippan")
    report, _texts, _links = report_of(app, hr.email)
    (survey, overall, networks), = report.figures.network.surveys
    assert survey.id == year_2023.survey
    assert (overall.answers, networks, overall.figures[0].average) == (5, 1, 4.2)
    shown = [f.text for f in report.paragraph(f"network.survey.{survey.id}").figures]
    assert shown == [survey.title, "fem", "ett", survey.questions[0]["text"], "4,2"]
    assert report.figures.network.totals == {"active": 1, "starting": 1, "closed": 1}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_small_count_is_written_in_words(app, year_2023, admin, hr_bjuv, lang):
    """Swedish style (and the English text): one to twelve in words, everywhere a count is."""
    for email in (admin.email, hr_bjuv.email):
        report, _texts, _links = report_of(app, email, lang=lang)
        counts = [(p.key, f.text) for p in report.paragraphs for f in p.figures if f.count]
        assert len(counts) > 20
        digits = [(key, text) for key, text in counts if re.fullmatch(r"\d|1[0-2]", text)]
        assert digits == []
        assert any(text in ("Åtta", "åtta", "eight", "Eight") for _key, text in counts) \
            or email == hr_bjuv.email
