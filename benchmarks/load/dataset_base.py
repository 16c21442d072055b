"""What the parts of make_dataset.py share: the words they draw from, the row buffer with
explicit ids, and the world (random generator, today, reference data) they build in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from mentorship.demo.mentoring import COMMENTS as DEMO_COMMENTS

# Member municipalities weighted roughly by population (more managers in bigger ones).
MUNICIPALITY_WEIGHTS = {
    "Helsingborg": 150, "Landskrona": 46, "Ängelholm": 43, "Höganäs": 27, "Klippan": 18,
    "Åstorp": 16, "Bjuv": 16, "Båstad": 15, "Svalöv": 14, "Örkelljunga": 10, "Perstorp": 7,
}
WORKSHOP_TITLES = (
    "Uppstart: roller och förväntningar", "Leda förändring", "Svåra samtal",
    "Avslutning och Årets mentor",
)
LANGUAGE_SETS = (("sv",), ("sv", "en"), ("sv",), ("sv", "ar"), ("sv", "en"), ("sv", "fa"),
                 ("sv", "bs"), ("sv", "fi"))
# The demo's words; one more blank comment, so fewer of 10,000 answers carry one.
COMMENTS = (*DEMO_COMMENTS, "")
NOTES = ("Pratade om mål för året.", "Svårt personalärende, fick bra råd.",
         "Budgetarbetet och prioriteringar.", "", "", "")
DEGREES = ("Kandidatexamen", "Masterexamen", "Magisterexamen", "Civilingenjörsexamen")
FIELDS = ("statsvetenskap", "nationalekonomi", "samhällsplanering", "personalvetenskap",
          "socionom", "folkhälsovetenskap", "juridik", "data- och systemvetenskap",
          "miljövetenskap", "kommunikation")
POSITIONS = ("utredare", "nämndsekreterare", "ekonom", "HR-specialist", "planarkitekt",
             "verksamhetsutvecklare", "GIS-ingenjör", "folkhälsostrateg", "kommunikatör",
             "miljöinspektör", "digitaliseringsstrateg", "upphandlare")
OUTCOME_WEIGHTS = (("permanent_member", 45), ("fixed_term_member", 15),
                   ("employed_outside", 20), ("studies", 8), ("seeking_work", 7),
                   ("unknown", 5))
BATCH = 5000  # rows per INSERT


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


class Rows:
    """Rows waiting to be bulk-inserted, each with an explicit primary key: the database is
    empty, and the ids let later rows point at earlier ones before anything is written.
    `last` holds the highest id per table, for the sequences at the end."""

    def __init__(self, session, insert) -> None:
        self.session, self.insert = session, insert
        self.pending: dict[str, list[dict]] = {}
        self.last: dict[str, int] = {}

    def add(self, table, **values) -> int:
        if "id" not in values and "id" in table.c:
            values["id"] = self.last[table.name] = self.last.get(table.name, 0) + 1
        self.pending.setdefault(table.name, []).append(values)
        return values.get("id", 0)

    def latest(self, table) -> dict:
        """The last row added to `table` and not yet written, to fill in afterwards."""
        return self.pending[table.name][-1]

    def flush(self, *tables) -> None:
        for table in tables:
            batch = self.pending.pop(table.name, [])
            for i in range(0, len(batch), BATCH):
                self.session.execute(self.insert(table), batch[i:i + BATCH])


@dataclass
class World:
    """The generator, the clock and the reference data every part draws from."""

    rng: random.Random
    rows: Rows
    now: datetime
    munis: dict  # name -> Municipality
    areas: list  # BusinessArea, by id
    goal_names: list[str]
    pw_hash: str
    muni_names: list[str] = field(default_factory=lambda: list(MUNICIPALITY_WEIGHTS))
    muni_weights: list[int] = field(default_factory=lambda: list(MUNICIPALITY_WEIGHTS.values()))

    @property
    def today(self) -> date:
        return self.now.date()

    def municipality(self):
        """A member municipality, drawn by size."""
        return self.munis[self.rng.choices(self.muni_names, self.muni_weights)[0]]
