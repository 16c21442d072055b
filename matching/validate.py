"""Checks on Person objects handed straight to solve() (the CSV reader checks rows)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .model import (
    GENDER_PREFERENCES,
    GENDERS,
    MAX_WISHES,
    MEETING_MODES,
    ROLES,
    InputError,
    LockError,
    Person,
    Place,
    Problem,
)
from .places import resolve_municipality


def check_people(people: Sequence[Person], lookup: dict[str, Place]) -> None:
    """Raise InputError listing every problem; LockError if only locks are wrong."""
    problems: list[Problem] = []
    counts = Counter(p.id for p in people)
    for pid, n in sorted(counts.items()):
        if n > 1:
            problems.append(Problem(None, f"id {pid} förekommer {n} gånger"))
    for p in people:
        if p.role not in ROLES:
            problems.append(Problem(None, f"{p.id}: okänd roll {p.role!r} (mentor eller adept)"))
        if resolve_municipality(p.municipality, lookup) is None:
            problems.append(Problem(None, f"{p.id}: okänd kommun {p.municipality!r}"))
        if p.level not in (1, 2, 3):
            problems.append(Problem(None, f"{p.id}: chefsnivå måste vara 1, 2 eller 3"))
        if p.years_as_manager < 0:
            problems.append(Problem(None, f"{p.id}: antal år som chef kan inte vara negativt"))
        if p.capacity < 0:
            problems.append(Problem(None, f"{p.id}: kapacitet kan inte vara negativ"))
        if p.gender is not None and p.gender not in GENDERS:
            problems.append(Problem(None, f"{p.id}: okänt kön {p.gender!r}"))
        if p.gender_preference is not None and p.gender_preference not in GENDER_PREFERENCES:
            problems.append(Problem(None, f"{p.id}: okänt önskemål om kön {p.gender_preference!r}"))
        if p.meeting_mode not in MEETING_MODES:
            problems.append(Problem(None, f"{p.id}: okänd mötesform {p.meeting_mode!r}"))
        if not p.languages:
            problems.append(Problem(None, f"{p.id}: minst ett språk krävs"))
    if problems:
        raise InputError(problems)
    roles = {p.id: p.role for p in people}
    wish_problems = [
        Problem(None, f"{p.id}: {text}") for p in people for text in wish_problems_of(p, roles)
    ]
    if wish_problems:
        raise InputError(wish_problems)
    lock_problems: list[Problem] = []
    for p in people:
        if p.lock is None:
            continue
        if p.role != "adept":
            lock_problems.append(Problem(None, f"mentor {p.id} kan inte låsas, bara adepter"))
        elif p.lock not in roles:
            lock_problems.append(
                Problem(None, f"adept {p.id} är låst till {p.lock}, som inte finns")
            )
        elif roles[p.lock] != "mentor":
            lock_problems.append(
                Problem(None, f"adept {p.id} är låst till {p.lock}, som inte är mentor")
            )
    if lock_problems:
        raise LockError("\n".join(map(str, lock_problems)), lock_problems)


def wish_problems_of(p: Person, roles: dict[str, str]) -> list[str]:
    """What is wrong with a person's wishes (Swedish), given every id's role in the round."""
    return wish_problems(p.role, p.wishes, roles)


def wish_problems(role: str, wishes: tuple[str, ...], roles: dict[str, str]) -> list[str]:
    """The one rule for wishes, for both solve() and the CSV reader (which checks a row's
    wishes even where the row has other problems)."""
    if not wishes:
        return []
    if role != "adept":
        return ["bara adepter kan ha önskemål"]
    problems: list[str] = []
    if len(wishes) > MAX_WISHES:
        problems.append(f"högst {MAX_WISHES} önskemål, inte {len(wishes)}")
    seen: set[str] = set()
    for wish in wishes:
        if wish in seen:
            problems.append(f"önskemålet {wish} står flera gånger")
            continue
        seen.add(wish)
        if wish not in roles:
            problems.append(f"önskemålet {wish} finns inte")
        elif roles[wish] != "mentor":
            problems.append(f"önskemålet {wish} är inte mentor")
    return problems
