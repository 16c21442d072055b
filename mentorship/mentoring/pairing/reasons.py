"""The engine's reason codes in the reader's language (the criteria's names are in
`mentoring.labels`).

Proposals and pairs store the engine's reasons as codes with parameters
(`{"code": "goals_covered", "params": {"covered": 3, "wanted": 4}}`), so the same stored
proposal reads in Swedish or English. A plain string (stored before reasons were codes,
or written by another tool) is shown as it is.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext

from mentorship.mentoring.blueprint import bp
from mentorship.numbers import number


def _number(value: Any) -> str:
    return number(value) if isinstance(value, float) else str(value)


def _count(value: Any) -> int:
    """The number that picks the plural form (stored parameters may be text: "4")."""
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 2


def reason_text(reason: dict | str | None) -> str:
    """One stored reason, worded in the interface's language."""
    if reason is None:
        return ""
    if isinstance(reason, str):
        return reason
    code = reason.get("code", "")
    params = reason.get("params") or {}
    if code == "goals_covered" and isinstance(params.get("covered"), list):
        return _goals_text(params)
    p = {k: _number(v) for k, v in params.items()}
    try:
        return _text(code, p)
    except KeyError:  # a parameter missing from a hand-made row
        return code


def _text(code: str, p: dict[str, str]) -> str:  # noqa: C901, PLR0911, PLR0912
    if code == "text":  # a sentence stored before reasons were codes
        return p["text"]
    if code == "same_business_area":
        return _("samma verksamhetsområde")
    if code == "different_business_areas":
        return _("olika verksamhetsområden")
    if code == "no_goals":
        return _("adepten har inte angett några mål")
    if code == "goals_covered":
        return ngettext("%(covered)s av %(wanted)s mål täcks",
                        "%(covered)s av %(wanted)s mål täcks", _count(p["wanted"]),
                        covered=p["covered"], wanted=p["wanted"])
    if code == "mentor_longer":
        return ngettext("mentorn har varit chef längre (%(m)s mot %(a)s år)",
                        "mentorn har varit chef längre (%(m)s mot %(a)s år)",
                        _count(p["adept_years"]), m=p["mentor_years"], a=p["adept_years"])
    if code == "mentor_not_longer":
        return ngettext("mentorn har inte varit chef längre (%(m)s mot %(a)s år)",
                        "mentorn har inte varit chef längre (%(m)s mot %(a)s år)",
                        _count(p["adept_years"]), m=p["mentor_years"], a=p["adept_years"])
    if code == "mentor_level_same_or_higher":
        return _("mentorn på samma eller högre chefsnivå")
    if code == "mentor_level_lower":
        return _("mentorn på lägre chefsnivå")
    if code == "gender_wanted":
        return _("önskat kön")
    if code == "gender_not_wanted":
        return _("inte önskat kön")
    if code == "distance":
        return _("%(km)s km", km=p["km"])
    if code == "digital_meetings":
        return _("digitala möten, avståndet räknas inte")
    if code == "either_meetings":
        return _("ses fysiskt eller digitalt, som de vill; avståndet räknas inte")
    if code == "wish_first":
        return _("adeptens förstahandsval")
    if code == "wish_second":
        return _("adeptens andrahandsval")
    if code == "wish_third":
        return _("adeptens tredjehandsval")
    if code == "wish_not_met":
        return _("inte bland adeptens önskemål")
    if code == "tied":
        return ngettext("%(n)s mentor lika bra", "%(n)s mentorer lika bra", _count(p["n"]),
                        n=p["n"])
    if code == "tie_break":
        return tie_break_rule()
    if code == "locked":
        return _("låst av administratör")
    if code == "no_candidate":
        return _("ingen mentor i annan kommun med gemensamt språk och ledig plats")
    if code == "below_minimum":
        return _("bästa möjliga matchning under miniminivån (bästa par %(best)s poäng, "
                 "minst %(required)s krävs)", best=p["best"], required=p["required"])
    if code == "capacity_taken":
        return _("de mentorer som passar behövs till andra par som ger högre total poäng")
    return code


def _goals_text(params: dict[str, Any]) -> str:
    """The engine names the covered and the missing goals (older stored reasons give a
    count only and are worded above)."""
    covered = ", ".join(map(str, params["covered"]))
    missing = ", ".join(map(str, params.get("missing") or []))
    n, wanted = len(params["covered"]), params.get("wanted", 0)
    if not covered:
        return ngettext("0 av %(num)s mål täcks (saknas: %(missing)s)",
                        "0 av %(num)s mål täcks (saknas: %(missing)s)", wanted, missing=missing)
    if not missing:
        return ngettext("%(n)s av %(num)s mål täcks: %(covered)s",
                        "%(n)s av %(num)s mål täcks: %(covered)s", wanted, n=n, covered=covered)
    return ngettext("%(n)s av %(num)s mål täcks: %(covered)s (saknas: %(missing)s)",
                    "%(n)s av %(num)s mål täcks: %(covered)s (saknas: %(missing)s)", wanted,
                    n=n, covered=covered, missing=missing)


def tie_break_rule() -> str:
    return _("Vid lika poäng väljer matchningen utan slump: först så många par som möjligt, "
             "sedan samma val varje gång för samma uppgifter (i en fast ordning efter "
             "personernas nummer). Att en av flera lika bra mentorer valdes säger alltså "
             "inget om paret; lås gärna den du tycker passar bäst.")


@bp.app_template_filter("reason_texts")
def reason_texts(reasons: list | None) -> list[str]:
    return [reason_text(r) for r in reasons or []]
