"""Realistic synthetic people for a mentor round, as PEOPLE.csv text."""

from __future__ import annotations

import csv
import io
import random

from matching import MEMBER_PLACES
from matching.csvio import COLUMNS

POPULATION = {
    "1260": 16300,
    "1278": 15800,
    "1283": 151000,
    "1284": 28100,
    "1276": 18000,
    "1282": 46400,
    "1275": 7500,
    "1214": 14900,
    "1277": 16700,
    "1292": 43700,
    "1257": 10500,
}
AREAS = [
    "Förskola",
    "Skola",
    "Vuxenutbildning",
    "Socialtjänst",
    "Äldre- och funktionsstöd",
    "Samhällsbyggnad",
    "Teknik och infrastruktur",
    "Kultur och fritid",
    "Miljö",
    "Räddningstjänst",
    "Central administration",
]
GOALS = [
    "ledarskap",
    "förändringsledning",
    "konflikthantering",
    "ekonomistyrning",
    "rekrytering",
    "arbetsmiljö",
    "kommunikation",
    "strategi",
    "digitalisering",
    "medarbetarsamtal",
    "politisk styrning",
    "coachning",
    "verksamhetsutveckling",
    "hållbarhet",
]


def people_csv(n_adepts: int, n_mentors: int, capacity: int = 1, seed: int = 2023) -> str:
    rnd = random.Random(seed)
    codes = [p.code for p in MEMBER_PLACES]
    weights = [POPULATION[c] ** 0.7 for c in codes]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(COLUMNS)  # the PEOPLE.csv contract, in the reader's order
    for role, n in (("adept", n_adepts), ("mentor", n_mentors)):
        for i in range(n):
            mentor = role == "mentor"
            level = rnd.choices([1, 2, 3], [2, 5, 3] if mentor else [6, 3, 1])[0]
            years = rnd.randint(4, 25) if mentor else rnd.randint(0, 8)
            goals = rnd.sample(GOALS, rnd.randint(3, 6) if mentor else rnd.randint(1, 4))
            langs = rnd.choices(["sv", "sv|en", "en"], [90, 9, 1])[0]
            gender = rnd.choices(["woman", "man", "other", ""], [60, 36, 1, 3])[0]
            pref = "" if mentor else rnd.choices(["", "woman", "man"], [80, 15, 5])[0]
            mode = rnd.choices(["in_person", "digital", "either"], [35, 15, 50])[0]
            pid = f"{role[0]}{i:05d}"
            w.writerow(
                [
                    pid,
                    role,
                    f"Person {pid}",
                    rnd.choices(codes, weights)[0],
                    rnd.choice(AREAS),
                    level,
                    years,
                    "|".join(goals),
                    langs,
                    gender,
                    pref,
                    mode,
                    capacity if mentor else "",
                    "",
                    "",
                ]
            )
    return buf.getvalue()
