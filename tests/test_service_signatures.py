"""Services take the actor first (docs/conventions.md, "A feature package"): a use case
that changes something takes the acting `User`, then what it acts on, then its command
(`proposals.set_rule(actor, round_, PairRule(...))`). Where a job, a command or the demo
calls it with no person acting, the parameter is `actor: User | None` and None is the
system; it is still named `actor` and still first.

The check reads every public function of every services module (`mentorship/**/
services.py`, and the network register's service modules named for what they do) whose
name starts with a verb that changes state, and fails unless its first parameter is
`actor`. `NO_ACTOR`
lists the few where no person acts at all (an anonymous request, the audit log itself),
each with the reason."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "mentorship"

#: Service modules that are not called services.py (a room's "several modules named for
#: what they do"), checked too as each is brought in line.
NAMED_FOR_WHAT_THEY_DO = (
    "networks/checklist.py",
    "networks/invitations.py",
    "networks/survey.py",
)

#: The verbs of a change, chosen from the names the services use. A name is caught when
#: it is the verb (`leave`) or starts with the verb and an underscore (`save_plan`). Left
#: out on purpose: `seed_` (the default rows, written by the system at install, never by a
#: person); `purge`, `expire` and `erase` (the retention job's, and the privacy providers'
#: part of an erasure, whose protocol passes ids: the use case is
#: `privacy.services.erase_person(actor, user)`); and words that are nouns as often as verbs
#: in these names: `start_` (the start page and the start checklist: `start_summary`,
#: `start_checklist`, `start_plan_year` read), `report_` (`report_table`), `check_`.
CHANGES = (
    "accept", "activate", "add", "answer", "assign", "cancel", "change", "close", "create",
    "decline", "delete", "end", "enrol", "invite", "issue", "leave", "log", "mark", "new",
    "open", "publish", "record", "redeem", "register", "remind", "remove", "request",
    "resend", "reset", "revoke", "save", "send", "set", "sign", "update", "withdraw",
)

#: "module:function" -> why no person acts, so it takes none (not an actor None to fill
#: in: a caller would have no one to pass). Each entry must still exist and still not take
#: the actor first.
NO_ACTOR: dict[str, str] = {
    "auth.services:request_password_reset": "anonymous: nobody is logged in; the address "
    "typed in is all there is",
    "auth.services:redeem_token": "anonymous: the holder of an invitation or reset link, "
    "not logged in; the link says whose account it is",
    "audit.services:record": "the audit log itself, not a use case: what every service "
    "writes the actor it was given into (actor=; else the logged-in user, or the job's)",
}


def _modules() -> list[Path]:
    found = set(ROOT.rglob("services.py")) | {ROOT / p for p in NAMED_FOR_WHAT_THEY_DO}
    return sorted(found)


def _name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _changes(name: str) -> bool:
    return any(name == verb or name.startswith(verb + "_") for verb in CHANGES)


def _first_parameter(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    positional = [*node.args.posonlyargs, *node.args.args]
    return positional[0].arg if positional else None


def _changing_functions(path: Path) -> list[tuple[str, str | None]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(f"{_name(path)}:{node.name}", _first_parameter(node))
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and not node.name.startswith("_") and _changes(node.name)]


def _all() -> list[tuple[str, str | None]]:
    return [found for path in _modules() for found in _changing_functions(path)]


def test_the_check_finds_the_services():
    names = {name for name, _first in _all()}
    assert len(_modules()) > 15
    assert {"networks.services:save_plan", "networks.checklist:activate",
            "people.services:update_user", "networks.survey:open_survey"} <= names
    assert "networks.services:plan_for" not in names  # a read
    assert "networks.services:seed_fields" not in names  # the system's, at install


def test_every_service_that_changes_something_takes_the_actor_first():
    wrong = [f"{name} (first: {first})" for name, first in _all()
             if first != "actor" and name not in NO_ACTOR]
    assert wrong == []


def test_the_list_of_those_without_an_actor_holds_no_stale_entry():
    """An entry goes when its function takes the actor first (or is gone)."""
    still = {name for name, first in _all() if first != "actor"}
    assert sorted(set(NO_ACTOR) - still) == []

