"""The small-group rule: a figure resting on fewer than MIN_ANSWERS answers is not shown.
One rule for the mentor programme's evaluation, its fit check, the network survey and the
year's report, on the page and in every export."""

from __future__ import annotations

from dataclasses import dataclass

MIN_ANSWERS = 5


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    group: str
    answers: int
    average: float | None  # None when hidden (fewer than MIN_ANSWERS)
    counts: dict[int, int] | None

    @property
    def hidden(self) -> bool:
        return self.average is None


def shown(answers: int) -> bool:
    """What rests on fewer than MIN_ANSWERS answers (figures, free-text answers) is not
    shown."""
    return answers >= MIN_ANSWERS


def figure(key: str, label: str, group: str, values: list[int]) -> Figure:
    """Counts and the average of ratings 1-5, or only their number when too few."""
    if not shown(len(values)):
        return Figure(key, label, group, len(values), None, None)
    counts = {n: values.count(n) for n in (1, 2, 3, 4, 5)}
    return Figure(key, label, group, len(values), round(sum(values) / len(values), 2), counts)
