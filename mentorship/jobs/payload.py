"""What a job carries through Redis: ids and codes, never personal data.

RQ keeps a job's arguments in Redis (a failed one for a day) and a worker may log them, so
`pack` lets through only numbers, booleans and short codes (and lists and mappings of
them); anything else is a programming error, raised in tests as at run time. An uploaded
file (`ImportFile`) is put under a key of its own that expires by itself
(`JOBS_UPLOAD_TTL_SECONDS`) and that the worker deletes when the job ends; the job carries
only that key's random name.

Every job also carries the identity of the database it was queued for
(`database_fingerprint`): a worker connected to another database refuses it.
"""

from __future__ import annotations

import re
import secrets
from typing import Any, cast

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from mentorship.db import utcnow
from mentorship.extensions import db, separate_transaction
from mentorship.imports import ImportFile
from mentorship.jobs.models import DatabaseIdentity
from mentorship.redis_store import redis_connection
from mentorship.refusals import ServiceError

#: A code or an id in text form: what a job argument that is a string may be.
CODE = re.compile(r"[A-Za-z0-9_.:-]{0,64}")
UPLOAD = "__upload__"


def check(value: Any, where: str = "") -> None:
    """Raise TypeError unless `value` is a number, a boolean, None, a short code, or a
    list or mapping of those."""
    if value is None or isinstance(value, (bool, int, float)):
        return
    if isinstance(value, str):
        if CODE.fullmatch(value):
            return
        raise TypeError(f"job argument {where or '?'} is text, not an id or a code")
    if isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            check(item, f"{where}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str) or not CODE.fullmatch(key):
                raise TypeError(f"job argument {where or '?'} has a key that is not a code")
            check(item, f"{where}.{key}")
        return
    raise TypeError(f"job argument {where or '?'} is a {type(value).__name__}, "
                    "not an id or a code")


def _upload_key(token: str) -> str:
    return f"mentorship:upload:{current_app.config['JOBS_QUEUE']}:{token}"


def pack(kwargs: dict[str, Any], stash: bool) -> dict[str, Any]:
    """The job's arguments as they go to Redis: uploads moved to keys of their own when
    `stash` (a queued job), checked to be ids and codes."""
    packed: dict[str, Any] = {}
    for name, value in kwargs.items():
        if isinstance(value, ImportFile):
            if not stash:
                packed[name] = value  # run in the request: the file never leaves it
                continue
            token = secrets.token_urlsafe(24)
            key = _upload_key(token)
            pipe = redis_connection().pipeline()
            pipe.hset(key, mapping={"filename": value.filename, "data": value.data})
            pipe.expire(key, int(current_app.config["JOBS_UPLOAD_TTL_SECONDS"]))
            pipe.execute()
            value = {UPLOAD: token}
        check(value, name)
        packed[name] = value
    return packed


def upload_keys(kwargs: dict[str, Any]) -> list[str]:
    """The upload keys a job's arguments name (deleted when the job ends)."""
    return [_upload_key(str(value[UPLOAD])) for value in kwargs.values()
            if isinstance(value, dict) and set(value) == {UPLOAD}]


def unpack(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The task's arguments in the worker, uploads fetched from their keys. An upload
    that expired before the job ran is a clear failure."""
    values: dict[str, Any] = {}
    for name, value in kwargs.items():
        if isinstance(value, dict) and set(value) == {UPLOAD}:
            stored = cast(dict[bytes, bytes],
                          redis_connection().hgetall(_upload_key(str(value[UPLOAD]))))
            if not stored:
                raise ServiceError(_("Den uppladdade filen finns inte längre. Ladda upp den "
                                     "igen."))
            value = ImportFile(stored[b"filename"].decode(), stored[b"data"])
        values[name] = value
    return values


def discard(keys: list[str]) -> None:
    if keys:
        redis_connection().delete(*keys)


def database_fingerprint(create: bool = False) -> str | None:
    """The random token of this database (written once, when `create` and missing)."""
    query = select(DatabaseIdentity.token).where(DatabaseIdentity.id == 1)
    if not create:
        return db.session.scalar(query)
    try:
        with separate_transaction() as conn:
            token = conn.scalar(query)
            if token is None:
                token = secrets.token_hex(16)
                conn.execute(insert(DatabaseIdentity).values(id=1, token=token,
                                                              created_at=utcnow()))
    except IntegrityError:  # another process wrote it first
        with separate_transaction() as conn:
            token = conn.scalar(query)
    return token
