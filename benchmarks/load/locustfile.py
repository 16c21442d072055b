"""The load mix: participants editing their profiles, HR contacts reporting outcomes, admins
listing, matching and exporting. Run through run.py (which starts the app); by hand:

    LOAD_ACCOUNTS=/tmp/load-accounts.json locust -f benchmarks/load/locustfile.py \
        --host http://127.0.0.1:8000 --headless -u 50 -r 10 -t 2m

Every simulated user logs in once (through the login form, with its CSRF token) and then
works like a person would, with a pause of 1-3 s between pages. Users arrive at the spawn
rate, each at a random moment within its second (see Person.arrive). Requests are named by page
("/mentorskap/profil/[id]"), not by URL, so the statistics are per page. Only 127.0.0.1 is
ever targeted.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
import tempfile
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urlencode, urlparse

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

ACCOUNTS = json.loads(open(
    os.environ.get("LOAD_ACCOUNTS")
    or os.path.join(tempfile.gettempdir(), "mentorship-load-accounts.json"),
    encoding="utf-8",
).read())
_participants = itertools.cycle(
    random.Random(1).sample(ACCOUNTS["participants"], len(ACCOUNTS["participants"]))
)
_hr = itertools.cycle([h for h in ACCOUNTS["hr"] if h["trainees"]])


@events.init.add_listener
def _only_localhost(environment, **_kw) -> None:
    host = urlparse(environment.host or "").hostname
    if host != "127.0.0.1":
        raise SystemExit(f"refusing to load-test {environment.host!r}: only 127.0.0.1")


class Forms(HTMLParser):
    """The forms of a page: action, fields with their current values, and the options."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: C901
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "values": {}, "options": {}})
            return
        if not self.forms:
            return
        form, name = self.forms[-1], a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                form["options"].setdefault(name, []).append(a.get("value", "on"))
                form["values"].setdefault(name, [])
                if "checked" in a:
                    form["values"][name].append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                form["values"][name] = [a.get("value", "")]
        elif tag == "select" and name:
            self._select = name
            form["values"][name] = []
            form["options"][name] = []
        elif tag == "option" and self._select:
            form["options"][self._select].append(a.get("value", ""))
            if "selected" in a:
                form["values"][self._select] = [a.get("value", "")]
        elif tag == "textarea" and name:
            self._textarea = name
            form["values"][name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1]["values"][self._textarea][0] += data

    def form(self, action: str | None = None) -> dict:
        """The form posting to `action` (a substring), or the page's own form (no action)."""
        for f in self.forms:
            if (action is None and not f["action"]) or (action and action in f["action"]):
                return f
        raise LookupError(f"no form {action!r} on the page")


def as_data(values: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(k, v) for k, vs in values.items() for v in vs]


FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class Person(FastHttpUser):
    # The gevent client costs a fraction of the CPU of `requests`: the load generator
    # shares the machine with the server, so its own cost must stay small.
    abstract = True
    wait_time = between(1, 3)
    email: str = ""

    def arrive(self) -> None:
        """Locust's dispatcher starts floor(spawn rate) users at the same instant once a
        second: at 10/s, ten people would press "Logga in" within the same millisecond.
        Each user waits a random part of that second first, so they arrive at the same
        rate, one at a time (LOAD_ARRIVALS=burst keeps locust's bursts)."""
        if os.environ.get("LOAD_ARRIVALS") == "burst":
            return
        options = getattr(self.environment, "parsed_options", None)
        rate = float(getattr(options, "spawn_rate", 0) or 0)
        if rate > 0:
            gevent.sleep(random.uniform(0, max(1, math.floor(rate)) / rate))

    def login(self, email: str) -> None:
        self.email = email
        self.arrive()
        page = self.client.get("/logga-in", name="/logga-in")
        token = Forms(page.text).form("/logga-in")["values"]["csrf_token"][0]
        with self.client.post(
            "/logga-in",
            data=urlencode({"email": email, "password": ACCOUNTS["password"], "csrf_token": token}),
            headers=FORM,
            name="/logga-in POST",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"login of {email} failed: {r.status_code}")
                raise RuntimeError(f"login of {email} failed")

    def get(self, url: str, name: str, **kw):
        return self.client.get(url, name=name, **kw)

    def post_form(self, url: str, name: str, data, expect=(302,)):
        with self.client.post(url, data=urlencode(data, doseq=True), headers=FORM, name=name,
                              allow_redirects=False, catch_response=True) as r:
            if r.status_code not in expect:
                r.failure(f"{r.status_code}: {r.text[:300]!r}")
            return r


class Participant(Person):
    """A manager in the open round: looks at their page, opens and saves their profile.
    Everyone not an admin or an HR contact (30 of 50 users)."""

    weight = 1

    def on_start(self) -> None:
        account = next(_participants)
        self.enrolment_id = account["enrolment_id"]
        self.login(account["email"])

    @task(3)
    def overview(self) -> None:
        self.get("/mentorskap/", "/mentorskap/")

    @task(1)
    def start_page(self) -> None:
        self.get("/", "/")

    @task(4)
    def edit_profile(self) -> None:
        url = f"/mentorskap/profil/{self.enrolment_id}"
        page = self.get(url, "/mentorskap/profil/[id]")
        form = Forms(page.text).form()
        v, opts = form["values"], form["options"]
        rnd = random.Random()
        if not v.get("role"):
            v["role"] = [rnd.choice(opts["role"])]
        if not [x for x in v.get("business_area", []) if x]:
            v["business_area"] = [rnd.choice([o for o in opts["business_area"] if o])]
        if not v.get("level"):
            v["level"] = [rnd.choice(opts["level"])]
        v["years_as_manager"] = [str(rnd.randint(0, 30))]
        v["goals"] = rnd.sample(opts["goals"], 3)
        if not v.get("languages"):
            v["languages"] = ["sv"]
        if not v.get("meeting_mode"):
            v["meeting_mode"] = [rnd.choice(opts["meeting_mode"])]
        v["capacity"] = [str(rnd.randint(1, 2))]
        self.post_form(url, "/mentorskap/profil/[id] POST", as_data(v))


class HRContact(Person):
    """An HR contact: the start page with missing outcomes, the outcome list, and reporting.
    15 of them (the eleven municipalities' contacts, some twice)."""

    fixed_count = 15

    def on_start(self) -> None:
        account = next(_hr)
        self.trainees = account["trainees"]
        self.municipality_id = account["municipality_id"]
        self.login(account["email"])

    @task(2)
    def start_page(self) -> None:
        self.get("/", "/")

    @task(2)
    def outcome_list(self) -> None:
        self.get("/trainee/utfall", "/trainee/utfall")

    @task(1)
    def trainee_page(self) -> None:
        self.get(f"/trainee/{random.choice(self.trainees)}", "/trainee/[id]")

    @task(4)
    def report_outcome(self) -> None:
        url = f"/trainee/{random.choice(self.trainees)}/utfall"
        page = self.get(url, "/trainee/[id]/utfall")
        v = Forms(page.text).form()["values"]
        category = random.choice(
            ["permanent_member", "fixed_term_member", "employed_outside", "studies",
             "seeking_work"]
        )
        v["category"] = [category]
        member = category in ("permanent_member", "fixed_term_member")
        v["employer_municipality_id"] = [str(self.municipality_id) if member else "0"]
        v["position_title"] = [random.choice(["utredare", "ekonom", "HR-specialist", ""])]
        v["start_date"] = [(date.today() - timedelta(days=random.randint(0, 300))).isoformat()]
        # 200 is the conflict page: another contact of the same municipality saved first.
        r = self.post_form(url, "/trainee/[id]/utfall POST", as_data(v), expect=(302, 200))
        if r.status_code == 200 and "Någon annan har ändrat utfallet" not in r.text:
            r.failure("outcome form refused: " + re.sub(r"\s+", " ", r.text)[:300])


class Admin(Person):
    """A programme coordinator: people, rounds, proposals, pairs, matching, exports.
    5 of them: the network has a handful of coordinators."""

    fixed_count = 5

    def on_start(self) -> None:
        self.rounds = ACCOUNTS["rounds"]
        self.login(ACCOUNTS["admin"])

    def any_round(self) -> int:
        return random.choice(self.rounds["closed"] + [self.rounds["running"]])

    @task(3)
    def people(self) -> None:
        choice = random.random()
        if choice < 0.4:
            self.get("/personer/", "/personer/")
        elif choice < 0.7:
            q = random.choice(["anna", "erik", "lind", "berg", "hassan", "karin"])
            self.get(f"/personer/?q={q}", "/personer/?q")
        else:
            self.get(f"/personer/?municipality={random.randint(1, 11)}&page="
                     f"{random.randint(1, 5)}", "/personer/?municipality&page")

    @task(2)
    def rounds_index(self) -> None:
        self.get("/mentorskap/omgangar", "/mentorskap/omgangar")

    @task(2)
    def round_show(self) -> None:
        self.get(f"/mentorskap/omgangar/{self.any_round()}", "/mentorskap/omgangar/[id]")

    @task(2)
    def enrolments(self) -> None:
        rid = random.choice([self.rounds["open"], self.rounds["matching"], self.any_round()])
        self.get(f"/mentorskap/omgangar/{rid}/deltagare", "/mentorskap/omgangar/[id]/deltagare")

    @task(2)
    def pairs(self) -> None:
        self.get(f"/mentorskap/omgangar/{self.any_round()}/par", "/mentorskap/omgangar/[id]/par")

    @task(2)
    def proposal(self) -> None:
        self.get(f"/mentorskap/omgangar/{self.rounds['matching']}/matchning",
                 "/mentorskap/omgangar/[id]/matchning")

    @task(1)
    def run_matching(self) -> None:
        rid = self.rounds["matching"]
        page = self.get(f"/mentorskap/omgangar/{rid}/matchning",
                        "/mentorskap/omgangar/[id]/matchning")
        form = Forms(page.text).form(f"/omgangar/{rid}/matchning/kor")
        self.post_form(f"/mentorskap/omgangar/{rid}/matchning/kor",
                       "/mentorskap/omgangar/[id]/matchning/kor POST (matching)",
                       as_data(form["values"]))

    @task(1)
    def export(self) -> None:
        kind = random.choice(["par", "workshoppar", "utvardering"])
        fmt = random.choice(["csv", "xlsx"])
        self.get(f"/mentorskap/omgangar/{self.any_round()}/export/{kind}.{fmt}",
                 f"/mentorskap/omgangar/[id]/export/{kind}.{fmt} (export)")

    @task(1)
    def outcome_export(self) -> None:
        self.get("/trainee/utfall/export.xlsx", "/trainee/utfall/export.xlsx (export)")
