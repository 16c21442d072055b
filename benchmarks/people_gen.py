"""Realistic synthetic people for a mentor round, as PEOPLE.csv text."""

from __future__ import annotations

import csv
import io
import random

import numpy as np

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


def people_csv(
    n_adepts: int, n_mentors: int, capacity: int = 1, seed: int = 2023, wishes: bool = False
) -> str:
    """PEOPLE.csv text; with ``wishes`` most adepts rank up to three mentors, drawn by the
    mentors' popularity (a few well-known mentors are wished by many), not by fit."""
    rnd = random.Random(seed)
    codes = [p.code for p in MEMBER_PLACES]
    weights = [POPULATION[c] ** 0.7 for c in codes]
    rows: list[list[object]] = []
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
            rows.append(
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
                    "",
                ]
            )
    if wishes:
        _add_wishes(rows, n_adepts, seed)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";")
    w.writerow(COLUMNS)  # the PEOPLE.csv contract, in the reader's order
    w.writerows(rows)
    return buf.getvalue()


def _add_wishes(rows: list[list[object]], n_adepts: int, seed: int) -> None:
    """Up to three wishes per adept among the mentors the hard rules allow (other
    municipality, a common language, capacity > 0), by popularity: Zipf-like weights
    over the mentors in a random order, drawn without replacement (Gumbel top-k)."""
    rng = np.random.default_rng(seed)
    adepts, mentors = rows[:n_adepts], rows[n_adepts:]
    col = {c: k for k, c in enumerate(COLUMNS)}

    def lang_bits(cell: object) -> int:
        return sum({"sv": 1, "en": 2}[x] for x in str(cell).split("|"))

    a_mun = np.array([r[col["municipality"]] for r in adepts])
    m_mun = np.array([r[col["municipality"]] for r in mentors])
    a_lang = np.array([lang_bits(r[col["languages"]]) for r in adepts])
    m_lang = np.array([lang_bits(r[col["languages"]]) for r in mentors])
    m_cap = np.array([int(r[col["capacity"]] or 1) for r in mentors])
    popularity = 1.0 / (1.0 + rng.permutation(len(mentors))) ** 0.8
    wanted = rng.choice([0, 1, 2, 3], size=len(adepts), p=[0.2, 0.2, 0.2, 0.4])
    block = 1024
    for s in range(0, len(adepts), block):
        sl = slice(s, s + block)
        ok = (a_mun[sl, None] != m_mun[None, :]) & ((a_lang[sl, None] & m_lang[None, :]) > 0)
        ok &= (m_cap > 0)[None, :]
        keys = np.log(popularity)[None, :] + rng.gumbel(size=ok.shape)
        keys[~ok] = -np.inf
        top = np.argsort(-keys, axis=1, kind="stable")[:, :3]
        for k, (row, choice) in enumerate(zip(adepts[sl], top, strict=True)):
            picked = [mentors[j][col["id"]] for j in choice[: wanted[s + k]] if ok[k, j]]
            row[col["wishes"]] = "|".join(map(str, picked))
