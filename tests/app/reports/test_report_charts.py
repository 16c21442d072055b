"""The year's charts: drawn by matplotlib as PNG images, each shown on the page with the
table of its numbers behind it."""

from __future__ import annotations

import re


def test_every_chart_is_an_image_with_its_table(client, auth, year_2023, admin):
    from mentorship.reports.charts import charts

    auth.login(admin.email)
    html = client.get("/rapport/ar/2023").get_data(as_text=True)
    images = re.findall(r'<img src="([^"]+)" alt="([^"]+)"', html)
    names = [c.name for c in charts()]
    assert [src.rsplit("/", 1)[1] for src, _alt in images] == [f"{n}.png" for n in names]
    for src, alt in images:
        assert "tabellen" in alt  # the numbers are in the table behind it
        response = client.get(src)
        assert response.status_code == 200 and response.mimetype == "image/png"
        assert response.data.startswith(b"\x89PNG") and len(response.data) > 5000
    # the table behind each chart follows it
    for chart_id, table_id in (("deltagare", "table-participants"), ("utfall", "table-outcomes"),
                               ("studiebesok", "table-visits")):
        assert html.index(f"{chart_id}.png") < html.index(f'id="{table_id}"')


def test_an_unknown_chart_or_year_is_a_404(client, auth, admin):
    auth.login(admin.email)
    assert client.get("/rapport/ar/2023/diagram/annat.png").status_code == 404
    assert client.get("/rapport/ar/1999/diagram/utfall.png").status_code == 404


def test_the_hr_contacts_chart_counts_their_municipality(app, year_2023, make_user):
    from sqlalchemy import select

    from mentorship.auth.models import User
    from mentorship.extensions import db
    from mentorship.reports.charts import participants
    from mentorship.reports.figures import year_figures

    hr = make_user("hr.bjuv@example.org", roles=("hr",), municipality="Bjuv")
    with app.test_request_context():
        figures = year_figures(db.session.scalar(select(User).where(User.id == hr.id)), 2023)
        counts = dict(figures.mentor.per_municipality)
        assert counts == {"Bjuv": 8}
        assert participants(figures).startswith(b"\x89PNG")
