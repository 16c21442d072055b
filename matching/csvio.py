"""The file contract: PEOPLE.csv in, PAIRS.csv and MATRIX.csv out (see matching/README.md)."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .model import (
    GENDER_PREFERENCES,
    GENDERS,
    MEETING_MODES,
    ROLES,
    InputError,
    Person,
    Place,
    Problem,
)
from .places import MEMBER_PLACES, place_lookup, resolve_municipality
from .validate import wish_problems

COLUMNS = (
    "id",
    "role",
    "name",
    "municipality",
    "business_area",
    "level",
    "years_as_manager",
    "goals",
    "languages",
    "gender",
    "gender_preference",
    "meeting_mode",
    "capacity",
    "exclude",
    "lock",
    "wishes",
)
REQUIRED = ("id", "role", "municipality")
#: The Swedish header of each column; a file may use these instead of the engine's names.
SWEDISH_COLUMNS: dict[str, str] = {
    "id": "id",
    "role": "roll",
    "name": "namn",
    "municipality": "kommun",
    "business_area": "verksamhetsområde",
    "level": "chefsnivå",
    "years_as_manager": "år som chef",
    "goals": "mål",
    "languages": "språk",
    "gender": "kön",
    "gender_preference": "önskat kön",
    "meeting_mode": "mötesform",
    "capacity": "kapacitet",
    "exclude": "undantag",
    "lock": "lås",
    "wishes": "önskemål",
}
#: Header name (case-folded) -> engine column name.
HEADER_ALIASES: dict[str, str] = {sv: key for key, sv in SWEDISH_COLUMNS.items()}
_ALIASES = {
    "kvinna": "woman",
    "annat": "other",
    "annan": "other",
    "digitalt": "digital",
    "fysiskt": "in_person",
    "båda": "either",
    "valfritt": "either",
}


def column_key(header: str | None) -> str:
    """The engine's column name for a header cell (its own name or the Swedish one)."""
    key = (header or "").strip().lstrip("\ufeff").casefold()
    return HEADER_ALIASES.get(key, key)


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as older Swedish Excel saves CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise InputError(
            [Problem(None, f"filen är varken UTF-8 eller Windows-1252 ({exc.reason})")]
        ) from None


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def whole_number(value: str) -> int | None:
    """A whole number as a spreadsheet may write it ("2", "2,0", "2.0"); None if it is
    none. Raises ValueError("decimals") for a number with decimals ("2,5")."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if re.fullmatch(r"[+-]?[0-9]+", text):
        return int(text)
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return None
    if math.isfinite(number) and not number.is_integer():
        raise ValueError("decimals")
    return int(number) if math.isfinite(number) else None


class _Row:
    """One row's problems, each naming its column as the file's header wrote it."""

    def __init__(self, number: int, labels: dict[str, str], problems: list[Problem]) -> None:
        self.number, self.labels, self.problems = number, labels, problems

    def problem(self, message: str, column: str | None = None) -> None:
        label = self.labels.get(column, column) if column else None
        self.problems.append(Problem(self.number, message, label))


def _int(value: str, default: int, column: str, low: int, high: int | None, row: _Row) -> int:
    if value == "":
        return default
    try:
        number = whole_number(value)
    except ValueError:
        row.problem(f"måste vara ett heltal, inte {value!r} (decimaler går inte)", column)
        return default
    if number is None:
        row.problem(f"måste vara ett heltal, inte {value!r}", column)
        return default
    if number < low or (high is not None and number > high):
        span = f"{low}–{high}" if high is not None else f"{low} eller större"
        row.problem(f"måste vara {span}, inte {number}", column)
        return default
    return number


def _choice(value: str, allowed: tuple[str, ...], column: str, row: _Row) -> str | None:
    if value == "":
        return None
    key = _ALIASES.get(value.casefold(), value.casefold())
    if key not in allowed:
        row.problem(f"okänt värde {value!r} ({', '.join(allowed)})", column)
        return None
    return key


def people_from_rows(rows: list[dict[str, str]], places: Iterable[Place] = MEMBER_PLACES
                     ) -> list[Person]:
    """Already-parsed rows (first data row = row 2) as people, all or nothing: raises
    InputError listing every problem with its row number."""
    people, problems = people_by_row(rows, places)
    if problems:
        raise InputError(problems)
    return [p for p in people if p is not None]


def people_by_row(  # noqa: C901, PLR0912, PLR0915 - one pass over every column of every row
    rows: list[dict[str, str]],
    places: Iterable[Place] = MEMBER_PLACES,
    numbers: list[int] | None = None,
) -> tuple[list[Person | None], list[Problem]]:
    """Every row read in one pass: the person of each row (None where the row has a
    problem, or is empty) and every problem of every row, by row. `numbers` are the rows'
    numbers in the file (default: the first data row is row 2). Problems name a column as
    the rows' keys (the file's header) do."""
    lookup = place_lookup(places)
    problems: list[Problem] = []
    people: list[Person | None] = []
    all_ids: list[tuple[str, int]] = []
    all_roles: list[tuple[str, str]] = []
    references: list[tuple[int, str, set[str], str, tuple[str, ...]]] = []
    labels = {column_key(k): k.strip().lstrip("\ufeff") for r in rows[:1] for k in r}
    for col in REQUIRED:
        if rows and col not in labels:
            problems.append(Problem(1, f"kolumnen {col} saknas"))
    if problems:
        return [None] * len(rows), problems
    numbers = numbers or list(range(2, len(rows) + 2))
    keys: dict[str, str] = {}  # header -> column (the rows share their header)
    for number, raw in zip(numbers, rows, strict=True):
        r = {
            keys[k] if k in keys else keys.setdefault(k, column_key(k)): (v or "").strip()
            for k, v in raw.items()
            if not isinstance(v, list)
        }
        if not any(r.values()):
            people.append(None)
            continue
        row = _Row(number, labels, problems)
        before = len(problems)
        pid = r.get("id", "")
        role = r.get("role", "").casefold()
        references.append((number, role, set(_split(r.get("exclude", ""))), r.get("lock", ""),
                           tuple(_split(r.get("wishes", "")))))
        if not pid:
            row.problem("saknas", "id")
        else:
            all_ids.append((pid, number))
            all_roles.append((pid, role))
        if role not in ROLES:
            row.problem(f"okänd roll {r.get('role', '')!r} (mentor eller adept)", "role")
        place = resolve_municipality(r.get("municipality", ""), lookup)
        if place is None:
            row.problem(f"okänd kommun {r.get('municipality', '')!r}", "municipality")
        level = _int(r.get("level", ""), 1, "level", 1, 3, row)
        years = _int(r.get("years_as_manager", ""), 0, "years_as_manager", 0, None, row)
        capacity = _int(r.get("capacity", ""), 1, "capacity", 0, None, row)
        gender = _choice(r.get("gender", ""), GENDERS, "gender", row)
        pref = _choice(r.get("gender_preference", ""), GENDER_PREFERENCES,
                       "gender_preference", row)
        mode = _choice(r.get("meeting_mode", ""), MEETING_MODES, "meeting_mode", row) or "either"
        langs = frozenset(x.casefold() for x in _split(r.get("languages", ""))) or frozenset({"sv"})
        if len(problems) > before or place is None:  # (an unknown place is a problem)
            people.append(None)
            continue
        people.append(
            Person(
                id=pid,
                role=role,
                municipality=place.code,
                name=r.get("name", ""),
                business_area=r.get("business_area", ""),
                level=level,
                years_as_manager=years,
                goals=frozenset(_split(r.get("goals", ""))),
                languages=langs,
                gender=gender,
                gender_preference=pref,
                meeting_mode=mode,
                capacity=capacity,
                exclude=frozenset(_split(r.get("exclude", ""))),
                lock=r.get("lock") or None,
                wishes=tuple(_split(r.get("wishes", ""))),
            )
        )
    id_rows: dict[str, list[int]] = {}
    for pid, number in all_ids:
        id_rows.setdefault(pid, []).append(number)
    for pid, found in id_rows.items():
        if len(found) > 1:
            for number in found:
                _Row(number, labels, problems).problem(
                    f"{pid} förekommer {len(found)} gånger", "id")
    # Every row's references, also on rows with other problems (one pass finds them all).
    roles = {pid: role for pid, role in all_roles}
    for number, role, exclude, lock, wishes in references:
        row = _Row(number, labels, problems)
        for other in sorted(exclude):
            if other not in roles:
                row.problem(f"nämner {other}, som inte finns", "exclude")
        if lock:
            if role != "adept":
                row.problem("bara adepter kan låsas", "lock")
            elif lock not in roles:
                row.problem(f"nämner {lock}, som inte finns", "lock")
            elif roles[lock] != "mentor":
                row.problem(f"nämner {lock}, som inte är mentor", "lock")
        for message in wish_problems(role, wishes, roles):
            row.problem(message, "wishes")
    return people, sorted(problems, key=lambda p: p.row or 0)


def read_people_csv(
    source: str | os.PathLike[str] | bytes, places: Iterable[Place] = MEMBER_PLACES
) -> list[Person]:
    """Read PEOPLE.csv from a path, bytes or text; comma or semicolon, with or without BOM."""
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, os.PathLike) or ("\n" not in source and os.path.exists(source)):
        data = Path(source).read_bytes()
    else:
        data = None
        text = source
    if data is not None:
        if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise InputError(
                [
                    Problem(
                        None,
                        "filen är en Excel-arbetsbok; motorn läser bara CSV. Spara den i Excel "
                        "som CSV UTF-8 eller CSV (semikolonavgränsad)",
                    )
                ]
            )
        text = decode(data)
    text = text.lstrip("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = list(reader)
    if not reader.fieldnames:
        raise InputError([Problem(1, "filen är tom eller saknar rubrikrad")])
    _refuse_title_row(text, delimiter)
    extra = [i + 2 for i, r in enumerate(rows) if None in r]
    if extra:
        raise InputError([Problem(n, "raden har fler fält än rubrikraden") for n in extra])
    return people_from_rows(rows, places)


def _refuse_title_row(text: str, delimiter: str) -> None:
    """A title above the header (as a report is often laid out) is refused by name."""
    top = list(csv.reader(io.StringIO("\n".join(text.splitlines()[:10])), delimiter=delimiter))
    for number, cells in enumerate(top, start=1):
        if all(col in {column_key(c) for c in cells} for col in REQUIRED):
            if number == 1:
                return
            raise InputError(
                [
                    Problem(
                        1,
                        f"rubrikraden måste vara första raden i filen (rubrikerna står på rad "
                        f"{number}); ta bort raderna ovanför",
                    )
                ]
            )
