"""Issue 23.1: a walk over the source that fails when a function finds accounts by e-mail
or id without coming through `mentorship.people.gate` (the functions that rightly do are
listed with why), and a check that the walk sees the lookups the attacks of the issue went
through.
"""

from __future__ import annotations

import ast
import pathlib

import mentorship

PACKAGE = pathlib.Path(mentorship.__file__).parent

#: Functions that find accounts by e-mail or id without the gate, and why that is right.
#: A new entry needs the same kind of reason: it does not enrol, register, link or edit
#: another person's account for an actor.
NOT_FOR_AN_ACTOR = {
    ("auth/services.py", "find_user_by_email"): "the lookup the gate itself uses",
    ("auth/services.py", "authenticate"): "logging in to one's own account",
    ("auth/sso/services.py", "complete_login"): "the municipality's provider vouched for "
    "the person, who logs in to their own account",
    ("auth/sso/services.py", "_account_to_link"): "the same login: the person's own account",
    ("auth/services.py", "valid_token"): "the holder of an invitation or reset link",
    ("auth/services.py", "redeem_token"): "the holder of an invitation or reset link",
    ("auth/services.py", "request_password_reset"): "a reset link to the holder only",
    ("auth/services.py", "create_user"): "an address already taken: no account is touched",
    ("jobs/tasks.py", "_actor"): "the actor who started the job",
    ("privacy/foundation.py", "erase"): "erasure by an admin, checked by the privacy views",
    ("mentoring/rounds/reminders.py", "recipients"): "the round's own enrolments, which "
                                                     "came through the gate",
    ("people/gate.py", "holder_of"): "consent: asks the holder, tells the actor nothing",
    ("demo/mentoring.py", "demo_mentoring"): "the demo data (the system)",
    ("demo/networks.py", "_account"): "the demo data (the system)",
    ("demo/networks.py", "demo_networks"): "the demo data (the system)",
    ("demo/people.py", "_ensure"): "the demo data (the system)",
    ("demo/trainees.py", "_hr"): "the demo data (the system)",
    ("demo/trainees.py", "_account_trainees"): "the demo data (the system)",
}
LOOKUP_CALLS = {"find_user_by_email", "holder_of"}


def _is_user(node: ast.AST, attr: str) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == attr
            and isinstance(node.value, ast.Name) and node.value.id == "User")


def _finds_accounts(fn: ast.AST) -> bool:
    """Looks an account up by e-mail or id: find_user_by_email, session.get(User, ...),
    User.email compared or User.email/User.id .in_(...), User.id == a value."""
    for n in ast.walk(fn):
        if isinstance(n, ast.Call):
            f = n.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            if name in LOOKUP_CALLS:
                return True
            first = n.args[0] if n.args else None
            if name in ("get", "get_one") and isinstance(first, ast.Name) and first.id == "User":
                return True
            if isinstance(f, ast.Attribute) and f.attr == "in_" and (
                    _is_user(f.value, "email") or _is_user(f.value, "id")):
                return True
        if isinstance(n, ast.Compare):
            if any(_is_user(x, "email") for x in ast.walk(n)):
                return True
            sides = [n.left, *n.comparators]
            if any(_is_user(s, "id") for s in sides) and any(
                    isinstance(s, ast.Name) for s in sides):
                return True
    return False


def _functions(tree: ast.Module):
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from (b for b in node.body if isinstance(b, ast.FunctionDef))


def _uses_gate(fn: ast.AST, gated: set[str]) -> bool:
    for n in ast.walk(fn):
        if isinstance(n, ast.Name) and (n.id == "gate" or n.id in gated):
            return True
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and (
                n.value.id == "gate"):
            return True
    return False


def _ungated() -> dict[tuple[str, str], bool]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        functions = list(_functions(ast.parse(path.read_text(encoding="utf-8"))))
        # A function of the module that calls the gate, or calls one that does, is gated.
        gated: set[str] = set()
        while True:
            more = {f.name for f in functions if f.name not in gated and _uses_gate(f, gated)}
            if not more:
                break
            gated |= more
        for fn in functions:
            if _finds_accounts(fn) and not (rel == "people/gate.py" or fn.name in gated):
                found[(rel, fn.name)] = True
    return found


def test_every_function_that_finds_accounts_goes_through_the_gate():
    ungated = set(_ungated())
    missing = sorted(ungated - set(NOT_FOR_AN_ACTOR))
    assert not missing, (
        "these find accounts by e-mail or id without mentorship.people.gate; route them "
        f"through it (or, if no actor touches another's account, list them with why): {missing}"
    )
    stale = sorted(set(NOT_FOR_AN_ACTOR) - ungated - {("people/gate.py", "holder_of")})
    assert not stale, f"no longer finds accounts without the gate: {stale}"


def test_the_walk_sees_the_lookups_of_the_issue():
    """The walk recognises the lookups the three attacks went through."""
    samples = {
        "find_user_by_email(cmd.email)",
        "db.session.get(User, user_id)",
        "select(User).where(func.lower(User.email) == email)",
        "select(User).where(User.email.in_(emails))",
        "select(User).where(User.id == user_id)",
    }
    for code in samples:
        tree = ast.parse(f"def f(cmd, email, emails, user_id):\n    return {code}\n")
        assert _finds_accounts(tree.body[0]), code
    join = ast.parse("def f():\n    return select(User).join(E, User.id == E.user_id)\n")
    assert not _finds_accounts(join.body[0])
