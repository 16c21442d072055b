"""Demo data: a realistic picture from the domain facts, idempotent.

Each feature adds a step to `steps()`; a step creates what is missing and returns a
one-line summary.
"""

from __future__ import annotations

from collections.abc import Callable

from mentorship.demo.mentoring import demo_mentoring
from mentorship.demo.networks import demo_networks
from mentorship.demo.people import demo_people
from mentorship.demo.report import demo_report
from mentorship.demo.trainees import demo_trainees
from mentorship.reference.services import seed_reference_data


def steps() -> list[Callable[[str], str]]:
    return [demo_people, demo_mentoring, demo_trainees, demo_networks, demo_report]


def run_demo(password: str) -> list[str]:
    seed_reference_data()
    return [step(password) for step in steps()]
