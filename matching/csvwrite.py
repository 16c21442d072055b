"""Writing the engine's files: PAIRS.csv and MATRIX.csv (reading PEOPLE.csv is csvio)."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import numpy as np

from .model import CRITERIA, MatchResult
from .texts import describe, describe_all


def safe_text_cell(text: str) -> str:
    """Text cell that Excel will not run as a formula (numbers are never passed here)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def format_number(x: float) -> str:
    """The number format of PAIRS.csv (also used by the app's own PAIRS.csv)."""
    return f"{x:.2f}"


def pairs_rows(result: MatchResult, lang: str = "sv") -> list[list[str]]:
    """PAIRS.csv rows; the reasons worded in `lang` (Swedish unless "en")."""
    rows = [["adept_id", "mentor_id", "score", *CRITERIA, "reasons"]]
    for p in result.pairs:
        rows.append(
            [
                safe_text_cell(p.adept_id),
                safe_text_cell(p.mentor_id),
                format_number(p.score),
                *(format_number(p.contributions[k]) for k in CRITERIA),
                describe_all(p.reasons, lang),
            ]
        )
    for u in result.unmatched:
        rows.append([safe_text_cell(u.adept_id), "", "", *("" for _ in CRITERIA),
                     describe(u.reason, lang)])
    return rows


def _write(rows: Iterable[list[str]], target: str | os.PathLike[str] | IO[str] | None) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    text = buf.getvalue()
    if target is None:
        return text
    if hasattr(target, "write"):
        target.write(text)
    else:
        Path(target).write_text(text, encoding="utf-8-sig", newline="")
    return text


def csv_text(rows: Iterable[list[str]]) -> str:
    """Rows as the engine writes its files: "," between fields, CRLF, no BOM."""
    return _write(rows, None)


def write_pairs_csv(
    result: MatchResult, target: str | os.PathLike[str] | IO[str] | None = None,
    lang: str = "sv",
) -> str:
    """PAIRS.csv: pairs then unmatched adepts. Returns the text; writes it if target given."""
    return _write(pairs_rows(result, lang), target)


def write_matrix_csv(
    result: MatchResult, target: str | os.PathLike[str] | IO[str] | None = None
) -> str:
    """MATRIX.csv: adepts as rows, mentors as columns, empty where a hard rule forbids."""

    def rows() -> Iterable[list[str]]:
        yield ["adept_id", *(safe_text_cell(m) for m in result.mentor_ids)]
        for aid, line in zip(result.adept_ids, result.matrix, strict=True):
            cells = np.char.mod("%.2f", line).tolist()
            nan = np.isnan(line)
            yield [
                safe_text_cell(aid),
                *("" if bad else c for c, bad in zip(cells, nan.tolist(), strict=True)),
            ]

    return _write(rows(), target)
