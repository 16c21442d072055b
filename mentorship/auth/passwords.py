"""Argon2 password hashing (parameters from configuration; tests use cheap ones)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

MIN_LENGTH = 10


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
