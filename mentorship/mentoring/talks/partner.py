"""What one side of a published pair learns about the other, so that they meet prepared:
the partner's goals, own words, presentation, business area and meeting mode. The page
and the publish e-mail both read it from here, and it reads only the fields named in
PARTNER_FIELDS: never the adept's wishes, a mentor's marks or anything else the partner
said only to the coordinators."""

from __future__ import annotations

from flask_babel import gettext as _

from mentorship.mentoring.labels import meeting_labels
from mentorship.mentoring.models import ADEPT, Enrolment

#: The enrolment's columns a partner sees (tests/app/mentoring/test_mentor_partner.py).
PARTNER_FIELDS = ("business_area", "goals", "develop_text", "offer_text", "presentation",
                  "meeting_mode")


def partner_facts(partner: Enrolment) -> list[tuple[str, str]]:
    """(label, text) in the reader's language, empty answers left out."""
    adept = partner.role == ADEPT
    facts = [
        (_("Verksamhetsområde"), partner.business_area or ""),
        (_("Vill utvecklas inom") if adept else _("Kan erbjuda"),
         ", ".join(partner.goals or ())),
        (_("Det här vill jag utvecklas i") if adept else _("Det här kan jag erbjuda"),
         (partner.develop_text if adept else partner.offer_text) or ""),
        (_("Presentation"), partner.presentation or ""),
        (_("Träffas helst"), meeting_labels().get(partner.meeting_mode, "")),
    ]
    return [(label, text) for label, text in facts if text]


def partner_text(partner: Enrolment) -> str:
    """The facts as lines for an e-mail."""
    return "\n".join(f"{label}: {text}" for label, text in partner_facts(partner))
