"""The words for reason codes and criteria, in Swedish (the default) and English.

The engine returns codes with parameters (`Reason`); this module words them for the
command line and PAIRS.csv. The app words the same codes through its own catalogue.
"""

from __future__ import annotations

from .model import CRITERION_LABELS, Reason

LANGUAGES = ("sv", "en")

CRITERION_NAMES: dict[str, dict[str, str]] = {
    "sv": CRITERION_LABELS,
    "en": {
        "business_area": "Different business areas",
        "goals": "Development goals",
        "experience": "Management experience",
        "gender": "Preferred gender",
        "distance": "Distance",
        "wish": "The mentee's wishes",
    },
}

TEMPLATES: dict[str, dict[str, str]] = {
    "sv": {
        "same_business_area": "samma verksamhetsområde",
        "different_business_areas": "olika verksamhetsområden",
        "no_goals": "adepten har inte angett några mål",
        "goals_covered": "{covered} av {wanted} mål täcks",
        "goals_named": "{count} av {wanted} mål täcks: {covered}",
        "goals_named_missing": "{count} av {wanted} mål täcks: {covered} (saknas: {missing})",
        "goals_none_covered": "0 av {wanted} mål täcks (saknas: {missing})",
        "mentor_longer": "mentorn har varit chef längre ({mentor_years} mot {adept_years} år)",
        "mentor_not_longer": (
            "mentorn har inte varit chef längre ({mentor_years} mot {adept_years} år)"
        ),
        "mentor_level_same_or_higher": "mentorn på samma eller högre chefsnivå",
        "mentor_level_lower": "mentorn på lägre chefsnivå",
        "gender_wanted": "önskat kön",
        "gender_not_wanted": "inte önskat kön",
        "distance": "{km} km",
        "digital_meetings": "digitala möten, avståndet räknas inte",
        "either_meetings": "ses fysiskt eller digitalt, som de vill; avståndet räknas inte",
        "wish_first": "adeptens förstahandsval",
        "wish_second": "adeptens andrahandsval",
        "wish_third": "adeptens tredjehandsval",
        "wish_not_met": "inte bland adeptens önskemål",
        "tie_break": (
            "vid lika total poäng väljer motorn utan slump: flest par först, sedan samma val "
            "varje gång för samma uppgifter (personerna i id-ordning); att en av flera lika "
            "bra mentorer valdes säger inget om paret"
        ),
        "tied": "lika bra mentorer till: {n}",
        "locked": "låst av administratör",
        "no_candidate": "ingen mentor i annan kommun med gemensamt språk och ledig plats",
        "below_minimum": (
            "bästa möjliga matchning under miniminivån (bästa par {best} poäng, "
            "minst {required} krävs)"
        ),
        "capacity_taken": (
            "de mentorer som passar behövs till andra par som ger högre total poäng"
        ),
    },
    "en": {
        "same_business_area": "same business area",
        "different_business_areas": "different business areas",
        "no_goals": "the mentee has not given any goals",
        "goals_covered": "{covered} of {wanted} goals covered",
        "goals_named": "{count} of {wanted} goals covered: {covered}",
        "goals_named_missing": "{count} of {wanted} goals covered: {covered} (missing: {missing})",
        "goals_none_covered": "0 of {wanted} goals covered (missing: {missing})",
        "mentor_longer": (
            "the mentor has been a manager longer ({mentor_years} vs {adept_years} years)"
        ),
        "mentor_not_longer": (
            "the mentor has not been a manager longer ({mentor_years} vs {adept_years} years)"
        ),
        "mentor_level_same_or_higher": "mentor at the same or a higher management level",
        "mentor_level_lower": "mentor at a lower management level",
        "gender_wanted": "preferred gender",
        "gender_not_wanted": "not the preferred gender",
        "distance": "{km} km",
        "digital_meetings": "digital meetings, distance not counted",
        "either_meetings": "meet in person or digitally, as they like; distance not counted",
        "wish_first": "the mentee's first choice",
        "wish_second": "the mentee's second choice",
        "wish_third": "the mentee's third choice",
        "wish_not_met": "not among the mentee's wishes",
        "tie_break": (
            "when totals are equal the engine chooses without chance: most pairs first, then "
            "the same choice every time for the same data (people in id order); which of "
            "several equally good mentors was chosen says nothing about the pair"
        ),
        "tied": "other equally good mentors: {n}",
        "locked": "locked by an administrator",
        "no_candidate": (
            "no mentor in another municipality with a common language and a free place"
        ),
        "below_minimum": (
            "best possible match below the minimum (best pair {best} points, "
            "{required} required)"
        ),
        "capacity_taken": (
            "the mentors who fit are needed for other pairs that give a higher total score"
        ),
    },
}


def number(x: float, lang: str = "sv") -> str:
    """At most two decimals, no trailing zeros; a decimal comma in Swedish."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "sv" else text


def _goals_template(params: dict[str, object]) -> str:
    """goals_covered names the goals (params ``covered`` and ``missing`` are lists); a
    reason stored by an older engine has ``covered`` as a count."""
    if not isinstance(params.get("covered"), list):
        return "goals_covered"
    if not params["covered"]:
        return "goals_none_covered"
    return "goals_named_missing" if params.get("missing") else "goals_named"


def describe(reason: Reason, lang: str = "sv") -> str:
    """The reason as a phrase in `lang` ("sv" or "en")."""
    code = _goals_template(reason.params) if reason.code == "goals_covered" else reason.code
    template = TEMPLATES[lang].get(code)
    if template is None:  # a code from a newer engine: show it as it is
        return reason.code
    if lang == "en" and reason.params.get("wanted") == 1:
        template = template.replace("goals covered", "goal covered")  # "1 of 1 goal"
    params = {k: _word(v, lang) for k, v in reason.params.items()}
    if isinstance(reason.params.get("covered"), list):
        params["count"] = len(reason.params["covered"])
    return template.format(**params)


def _word(value: object, lang: str) -> object:
    if isinstance(value, float):
        return number(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def describe_all(reasons: list[Reason], lang: str = "sv") -> str:
    return "; ".join(describe(r, lang) for r in reasons)
