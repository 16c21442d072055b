"""Demo data: a realistic picture from the domain facts, idempotent.

Each feature adds a step to `steps()`; a step creates what is missing and returns a
one-line summary.
"""

from __future__ import annotations

from collections.abc import Callable


def steps() -> list[Callable[[str], str]]:
    from mentorship.demo.mentoring import demo_mentoring
    from mentorship.demo.networks import demo_networks
    from mentorship.demo.people import demo_people
    from mentorship.demo.report import demo_report
    from mentorship.demo.trainees import demo_trainees

    return [demo_people, demo_mentoring, demo_trainees, demo_networks, demo_report]


def run_demo(password: str) -> list[str]:
    from mentorship.reference.services import seed_reference_data

    seed_reference_data()
    return [step(password) for step in steps()]
