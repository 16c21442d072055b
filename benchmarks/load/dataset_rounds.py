"""The mentor rounds of the load dataset: the closed ones with their whole year, one
running, one in matching and one open (see make_dataset.py)."""

from __future__ import annotations

from datetime import date, timedelta

from dataset_base import COMMENTS, NOTES, WORKSHOP_TITLES, World, at

from mentorship.demo.mentoring import MODES

PATH = ["draft", "open", "matching", "published", "running", "closed"]


def add_rounds(w: World, people: list[dict], admin_id: int, n_rounds: int) -> tuple[dict, list]:
    """Returns the round ids by state and the open round's participants."""
    from mentorship.mentoring import models as mm

    today = w.today
    base_year = today.year if today.month >= 8 else today.year - 1
    order = list(range(len(people)))
    w.rng.shuffle(order)
    per_round = [order[r::n_rounds] for r in range(n_rounds)]
    # Returning people: some take part again in a later round (earlier pairs and the
    # "profile from your last round" then matter).
    for r in range(1, n_rounds):
        earlier = [p for q in range(r) for p in per_round[q][: len(per_round[q]) // 12]]
        per_round[r] = per_round[r] + w.rng.sample(earlier, min(len(earlier), 40))
    tables = {name: getattr(mm, name).__table__ for name in (
        "MentorRound", "RoundTransition", "Enrolment", "MatchRun", "ProposedPair",
        "MentorPair", "MentorTalk", "Workshop", "WorkshopSignup", "EvaluationAnswer",
        "Nomination")}
    out: dict = {"closed": [], "running": None, "matching": None, "open": None}
    open_participants: list[dict] = []
    for r in range(n_rounds):
        state = ("closed" if r < n_rounds - 3 else "running" if r == n_rounds - 3
                 else "matching" if r == n_rounds - 2 else "open")
        year = base_year - (n_rounds - 1 - r) // 2
        spring = (n_rounds - 1 - r) % 2 == 1
        starts = date(year, 2, 1) if spring else date(year, 9, 1)
        ends = date(year, 12, 15) if spring else date(year + 1, 6, 30)
        name = f"{'Våren' if spring else 'Hösten'} {year}"
        round_ = Round(w, tables, admin_id, name, state, starts, ends)
        enrol = round_.enrol([people[p] for p in per_round[r]])
        workshop_ids = round_.workshops(r)
        if state in ("closed", "running"):
            pairs = round_.pairs(enrol)
            round_.activity(pairs, enrol, workshop_ids)
        if state == "closed":
            out["closed"].append(round_.id)
        else:
            out[state] = round_.id
        if state == "open":
            open_participants = [{"email": None, "user_id": person["user_id"],
                                  "enrolment_id": eid} for eid, _role, person in enrol]
        if r % 5 == 4 or r == n_rounds - 1:
            w.rows.flush(*tables.values())
    last = w.rows.last
    print(f"  {n_rounds} mentor rounds: {last.get('mentor_enrolment', 0)} enrolments, "
          f"{last.get('mentor_pair', 0)} pairs, {last.get('mentor_talk', 0)} talks, "
          f"{last.get('mentor_workshop_signup', 0)} workshop sign-ups", flush=True)
    return out, open_participants


class Round:
    """One round's rows, added in the order the round lived them."""

    def __init__(self, w: World, tables: dict, admin_id: int, name: str, state: str,
                 starts: date, ends: date) -> None:
        self.w, self.t, self.admin_id = w, tables, admin_id
        self.state, self.starts, self.ends = state, starts, ends
        self.id = w.rows.add(tables["MentorRound"], name=name, starts_on=starts, ends_on=ends,
                             state=state, min_score=0.0, weights={}, evaluation_open=False,
                             created_at=at(starts - timedelta(days=90)))
        for k in range(PATH.index(state) + 1):
            w.rows.add(tables["RoundTransition"], round_id=self.id,
                       from_state=PATH[k - 1] if k else None, to_state=PATH[k],
                       actor_id=admin_id,
                       at=at(starts - timedelta(days=90 - 20 * k)) if k < 4 else at(ends))

    def enrol(self, people: list[dict]) -> list[tuple[int, str, dict]]:
        """Enrolments with profiles (in the open round 60% done); (id, role, person)."""
        rng, open_ = self.w.rng, self.state == "open"
        enrol = []
        for k, person in enumerate(people):
            role = "mentor" if k % 2 == 0 else "adept"
            done = not open_ or rng.random() < 0.6
            level = (rng.choice((2, 3)) if role == "mentor" else rng.choice((1, 1, 2)))
            eid = self.w.rows.add(
                self.t["Enrolment"], round_id=self.id, user_id=person["user_id"],
                external_id=f"p{person['user_id']}", role=role if done else None,
                business_area=person["area"] if done else "",
                level=level,
                years_as_manager=person["years"] + (8 if role == "mentor" else 0) if done else 0,
                goals=sorted(rng.sample(self.w.goal_names, 3)) if done else [],
                languages=person["languages"] if done else [],
                gender=person["gender"] if done else None,
                gender_preference=(rng.choice(("woman", None, None, None))
                                   if role == "adept" and done else None),
                meeting_mode=rng.choice(MODES),
                capacity=(2 if rng.random() < 0.15 else 1) if role == "mentor" else 1,
                profile_done_at=at(self.starts - timedelta(days=40)) if done else None,
                created_at=at(self.starts - timedelta(days=60)))
            enrol.append((eid, role, person))
        return enrol

    def workshops(self, r: int) -> list[int]:
        """The four programme workshops; the open round's are still unplanned."""
        w, open_ = self.w, self.state == "open"
        ids = []
        for n in range(1, 5):
            first = at(self.starts + timedelta(days=30 + 56 * (n - 1)), 8)
            host = w.munis[w.muni_names[(r + n) % len(w.muni_names)]]
            ids.append(w.rows.add(
                self.t["Workshop"], round_id=self.id, number=n, title=WORKSHOP_TITLES[n - 1],
                starts_at=first if not open_ else None, minutes=180,
                place=f"Stadshuset i {host.name}" if not open_ else "", link="",
                host_municipality_id=host.id if not open_ else None, capacity=None))
        return ids

    def pairs(self, enrol: list) -> list[tuple[int, tuple, tuple]]:
        """A match run, its proposal and the published pairs; (pair id, adept, mentor)."""
        from matching import CRITERIA

        rng, rows = self.w.rng, self.w.rows
        adepts = [e for e in enrol if e[1] == "adept"]
        mentors = [e for e in enrol if e[1] == "mentor"]
        rng.shuffle(adepts)
        run_id = rows.add(self.t["MatchRun"], round_id=self.id, weights={}, min_score=0.0,
                          total_score=0.0, previous_total=None, figures={},
                          created_by_id=self.admin_id,
                          created_at=at(self.starts - timedelta(days=25)))
        run = rows.latest(self.t["MatchRun"])
        pairs, total = [], 0.0
        for a, m in zip(adepts, mentors, strict=False):
            contributions = {c: round(rng.uniform(0.0, 0.25), 2) for c in CRITERIA}
            score = round(sum(contributions.values()) * 100, 2)
            total += score
            # the engine's reason codes, as the app stores them (mentoring/pairing/reasons.py)
            reasons = [
                {"code": "same_business_area" if a[2]["area"] == m[2]["area"]
                 else "different_business_areas", "params": {}},
                {"code": "goals_covered", "params": {"covered": rng.randint(1, 3), "wanted": 3}},
                {"code": "mentor_longer",
                 "params": {"mentor_years": m[2]["years"] + 8, "adept_years": a[2]["years"]}},
                {"code": "mentor_level_same_or_higher", "params": {}},
                {"code": "distance", "params": {"km": rng.randint(5, 60)}},
            ]
            rows.add(self.t["ProposedPair"], run_id=run_id, adept_id=a[0], mentor_id=m[0],
                     score=score, contributions=contributions, reasons=reasons, locked=False,
                     unmatched_reason=None)
            pid = rows.add(self.t["MentorPair"], round_id=self.id, adept_id=a[0],
                           mentor_id=m[0], score=score, contributions=contributions,
                           reasons=reasons, published_at=at(self.starts - timedelta(days=20)),
                           ended_at=at(self.starts + timedelta(days=120))
                           if rng.random() < 0.02 else None,
                           ended_reason=None, ended_by_id=None)
            pairs.append((pid, a, m))
        for a in adepts[len(mentors):]:
            rows.add(self.t["ProposedPair"], run_id=run_id, adept_id=a[0], mentor_id=None,
                     score=None, contributions={}, locked=False,
                     reasons=[{"code": "capacity_taken", "params": {}}],
                     unmatched_reason="capacity_taken")
        n_pairs = len(pairs)
        run["total_score"] = round(total, 2)
        run["figures"] = {
            "pairs": n_pairs, "adepts": len(adepts), "mentors": len(mentors),
            "unmatched": max(0, len(adepts) - n_pairs),
            "share_across_business_areas": 0.8, "municipalities_represented": 11,
            "municipalities_total": 11, "mean_score": round(total / max(n_pairs, 1), 2),
            "capacity_total": len(mentors), "capacity_used": n_pairs}
        return pairs

    def activity(self, pairs: list, enrol: list, workshop_ids: list[int]) -> None:
        """Talks, workshop sign-ups and, in a closed round, the evaluation and nominations."""
        rng, rows, closed = self.w.rng, self.w.rows, self.state == "closed"
        last_day = self.ends if closed else min(self.ends, self.w.today)
        for pid, a, m in pairs:
            for k in range(rng.randint(2 if closed else 1, 6 if closed else 3)):
                held = self.starts + timedelta(days=14 + 40 * k + rng.randint(0, 10))
                if held > last_day:
                    break
                author = (a if k % 2 == 0 else m)[2]["user_id"]
                rows.add(self.t["MentorTalk"], pair_id=pid, author_id=author, held_on=held,
                         minutes=rng.choice((45, 60, 60, 75, 90)),
                         private_note=rng.choice(NOTES), created_at=at(held, 17))
        for workshop_id in workshop_ids:
            for eid, _role, _p in enrol:
                if rng.random() < 0.75:
                    rows.add(self.t["WorkshopSignup"], workshop_id=workshop_id,
                             enrolment_id=eid, signed_up_at=at(self.starts),
                             attended=closed and rng.random() < 0.85)
        if not closed:
            return
        for eid, _role, _p in enrol:
            if rng.random() < 0.6:
                rows.add(self.t["EvaluationAnswer"], round_id=self.id, enrolment_id=eid,
                         overall=rng.randint(3, 5), matching=rng.randint(2, 5),
                         talks=rng.randint(3, 5), workshops=rng.randint(2, 5),
                         comment=rng.choice(COMMENTS),
                         answered_at=at(self.ends - timedelta(10)))
        nominated = [p for p in pairs if rng.random() < 0.08]
        for k, (_pid, a, m) in enumerate(nominated):
            rows.add(self.t["Nomination"], round_id=self.id, adept_id=a[0], mentor_id=m[0],
                     text="Lyssnade, utmanade och delade generöst med sig av sina "
                          "erfarenheter från en annan kommun.",
                     winner=k == 0, created_at=at(self.ends - timedelta(days=20)))
