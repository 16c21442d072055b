"""The register of personal data: every column of every table is listed here, either as
personal (with its purpose and retention kind) or as holding nothing personal.

`tests/app/test_privacy_register.py` compares this with the models, so a new column
cannot slip in unregistered. Retention periods are per kind, with defaults in
`RETENTION_DEFAULTS` and per-municipality overrides in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Personal:
    purpose: str  # Swedish, shown to the person in "Mina uppgifter"
    retention: str  # a key of RETENTION_DEFAULTS


# Retention kinds: months after the event that starts the clock, and what that event is.
RETENTION_DEFAULTS: dict[str, tuple[int, str]] = {
    "account": (24, "månader efter att kontot avaktiverades eller senast användes"),
    "login": (3, "månader efter inloggningen"),
    "mail": (6, "månader efter att meddelandet skapades"),
    "mentor_round": (24, "månader efter att omgången avslutades"),
    "trainee": (60, "månader efter att traineeåret slutade"),
}

ACCOUNT = "För att du ska kunna logga in och för att programmen ska kunna nå dig."

PERSONAL: dict[str, dict[str, Personal]] = {
    "user_account": {
        "email": Personal(ACCOUNT, "account"),
        "name": Personal(ACCOUNT, "account"),
        "municipality_id": Personal("Vilken kommun du hör till; styr vem som får se dina uppgifter.", "account"),
        "password_hash": Personal("Kontrollera ditt lösenord (bara ett hashvärde sparas).", "account"),
        "language": Personal("Ditt val av språk i gränssnittet.", "account"),
        "last_login_at": Personal("Säkerhet: när kontot senast användes.", "account"),
        "created_at": Personal("När kontot skapades.", "account"),
        "active": Personal("Om kontot får användas.", "account"),
    },
    "user_role": {"role": Personal("Vad du får göra i tjänsten.", "account")},
    "user_session": {
        "created_at": Personal("Säkerhet: dina inloggningar, så att de kan avslutas.", "login"),
        "expires_at": Personal("Säkerhet: när inloggningen slutar gälla.", "login"),
        "ended_at": Personal("Säkerhet: när du loggade ut.", "login"),
    },
    "user_token": {
        "created_at": Personal("Inbjudningar och lösenordsbyten.", "login"),
        "expires_at": Personal("Inbjudningar och lösenordsbyten.", "login"),
        "used_at": Personal("Inbjudningar och lösenordsbyten.", "login"),
    },
    "outbox_message": {
        "recipient": Personal("E-post som tjänsten har skickat till dig.", "mail"),
        "subject": Personal("E-post som tjänsten har skickat till dig.", "mail"),
        "body": Personal("E-post som tjänsten har skickat till dig.", "mail"),
    },
    "audit_entry": {
        # Only ids: once the account is erased they point to no one.
        "actor_id": Personal("Spårbarhet: vem som läste eller ändrade personuppgifter.", "account"),
        "subject_user_id": Personal("Spårbarhet: vems uppgifter som lästes eller ändrades.", "account"),
    },
    "purge_log": {"actor_id": Personal("Spårbarhet: vem som raderade uppgifter.", "account")},
}

NOT_PERSONAL: dict[str, set[str]] = {
    "municipality": {"id", "code", "name", "latitude", "longitude", "active"},
    "business_area": {"id", "name", "active"},
    "user_account": {"id"},
    "user_role": {"user_id"},
    "user_session": {"id", "token_hash", "user_id"},
    "user_token": {"id", "token_hash", "purpose", "user_id", "created_by_id", "attempts"},
    "outbox_message": {"id", "created_at", "sent_at", "error"},
    "audit_entry": {
        "id", "at", "actor_role", "actor_municipality_id", "action", "record_type",
        "record_id", "subject_municipality_id",
    },
    "alembic_version": {"version_num"},
    "retention_rule": {"id", "municipality_id", "kind", "months"},
    "purge_log": {"id", "at", "reason", "kind", "count"},
}

# Tables whose changes are not themselves audited (they are logs or security plumbing).
NOT_AUDITED = {"audit_entry", "user_session", "user_token", "outbox_message", "purge_log"}


@cache
def personal_tables() -> frozenset[str]:
    return frozenset(t for t in PERSONAL if t not in NOT_AUDITED)
