"""The demo has a year whose report reads like the annual report's pages."""

from __future__ import annotations

import re
from datetime import date


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_demo_year_reads_like_the_annual_report(demo_app):
    from mentorship.demo.report import report_year

    year = report_year(date.today())
    client = demo_app.test_client()
    assert client.post("/logga-in", data={"email": "admin@example.org",
                                          "password": "mentorship-demo"}).status_code == 302
    response = client.get(f"/rapport/ar/{year}")
    assert response.status_code == 200
    text = _text(response.get_data(as_text=True))
    assert "hade 48 deltagande chefer" in text
    assert "Samtliga elva medlemskommuner var representerade." in text
    assert re.search(r"Traineegrupp 17 avslutade sitt traineeår den [^.]+\. Samtliga åtta "
                     r"traineer har erhållit tillsvidareanställning i [A-ZÅÄÖ]", text)
    assert re.search(r"Traineegrupp 18 startade den [^.]+ med tio traineer placerade i ", text)
    assert "Studiebesöken nådde samtliga elva medlemskommuner." in text
    assert f"Årets mentor {year} blev" in text
    assert "lyssnade, utmanade och delade generöst" in text  # quoted with consent
    assert "Grupprojektet i traineegrupp 17 hade uppdraget: Hur kan kommunerna" in text
    # the HR contact's version
    hr = demo_app.test_client()
    hr.post("/logga-in", data={"email": "hr.bjuv@example.org", "password": "mentorship-demo"})
    text = _text(hr.get(f"/rapport/ar/{year}").get_data(as_text=True))
    assert "Du ser versionen för Bjuv: chefer och traineer från Bjuv" in text
