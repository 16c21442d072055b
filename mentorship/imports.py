"""What every import shares: the uploaded file, reading it into rows, the problems found in
it, what the import did, and the template a user fills in.

An import is all-or-nothing: `check_rows` checks every row (it does not stop at the first
mistake) and raises one `ImportProblems` listing each `ImportProblem` with its row number,
so that a file with a mistake changes nothing; only then does the importer apply the rows
and say what it did in an `ImportResult`. The values are the importing feature's to check.

Reading an uploaded table (CSV with , or ; and with or without BOM, or XLSX) into rows:
rows are dicts keyed by the lower-cased header, each with its spreadsheet row number
(the header is row 1), so that every problem can name its row.

Bounded: a file over IMPORT_MAX_BYTES (2 MB) or with more than IMPORT_MAX_ROWS (5,000)
rows under the header is refused while it is read, before an import writes anything; an
.xlsx is also refused if it would unpack to more than IMPORT_MAX_XLSX_UNPACKED (50 MB).
CSV lines may end in CRLF (Windows), LF or a bare CR (old Mac exports).

Files as Excel saves them: CSV in UTF-8 (with or without BOM) or, when the bytes are not
UTF-8, Windows-1252 (old Swedish Excel's "CSV (semikolonavgränsad)"); a workbook whose
table is on another sheet than the first (e.g. after an "Instruktioner" sheet) is read
from the sheet whose header has the `expected` columns, and a title row above that header
is skipped (row numbers stay the spreadsheet's). `aliases` maps other header names (e.g.
Swedish ones) to the feature's column names.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from flask import current_app
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from mentorship.refusals import ServiceError

#: How far down a sheet a header row is looked for (below a title row or two).
HEADER_SEARCH_ROWS = 10
#: The column `template_xlsx` marks its example rows in; `import_preview.read_upload`
#: skips every row with a value there.
EXAMPLE_COLUMN = "exempel"


T = TypeVar("T")


@dataclass(frozen=True)
class ImportFile:
    """An uploaded file, as the command an import service takes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Row:
    number: int
    values: dict[str, str]
    #: column key -> the header as the file wrote it (shared by the rows of one file)
    headers: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def header(self, column: str) -> str:
        """The column's name as the file wrote it."""
        return self.headers.get(column, column)

    @property
    def as_written(self) -> dict[str, str]:
        """The values keyed by the file's own headers."""
        return {self.header(k): v for k, v in self.values.items()}


@dataclass(frozen=True)
class ImportProblem:
    """One mistake in a file: its spreadsheet row (None: the file as a whole), the column
    when it is one column's (its header as the file wrote it: `Report` sees to that), and
    what is wrong, in the interface's language. The message does not name the column:
    the line does, once, as the file does."""

    row: int | None
    message: str
    column: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column:
            return _("Rad %(row)s, %(column)s: %(message)s", row=self.row,
                     column=self.column, message=self.message)
        return _("Rad %(row)s: %(message)s", row=self.row, message=self.message)


class ImportProblems(ServiceError):
    """Every problem of a file, by row (in the order found within a row); nothing has been
    saved. `message` is the importer's own heading, else "the file has n mistakes"."""

    def __init__(self, problems: Iterable[ImportProblem], message: str | None = None) -> None:
        self.problems = sorted(problems, key=lambda p: p.row or 0)
        super().__init__(
            message or ngettext("Filen har %(num)s fel och ingenting har sparats.",
                                "Filen har %(num)s fel och ingenting har sparats.",
                                len(self.problems)),
            field="file",
        )

    @property
    def lines(self) -> list[str]:
        """The problems as the page lists them ("Rad 3: ...")."""
        return [str(p) for p in self.problems]


def problem_lines(err: Exception | None) -> list[str]:
    """The row-numbered problems of a failed import, for its page or job (else none)."""
    return err.lines if isinstance(err, ImportProblems) else []


class Report:
    """Given to a row check: `report(message, column)` adds a problem of that row (the
    column by its key; the problem names it as the file's header does); true once the
    row has one."""

    def __init__(self, problems: Problems, row: Row) -> None:
        self._problems, self._row, self._count = problems, row, 0

    def __call__(self, message: str, column: str | None = None) -> None:
        self._problems.add(self._row.number, message,
                           self._row.header(column) if column else None)
        self._count += 1

    def __bool__(self) -> bool:
        return self._count > 0


class Problems:
    """The problems found in a file so far: add them all, then `raise_if_any`."""

    def __init__(self) -> None:
        self.found: list[ImportProblem] = []

    def __bool__(self) -> bool:
        return bool(self.found)

    def add(self, row: int | None, message: str, column: str | None = None) -> None:
        self.found.append(ImportProblem(row, message, column))

    def check_rows(self, rows: Iterable[Row], check: Callable[[Row, Report], T | None]
                   ) -> list[T]:
        """`check(row, report)` for every row; the values of the rows it found no problem
        in (and that it gave a value for)."""
        values = []
        for row in rows:
            report = Report(self, row)
            value = check(row, report)
            if not report and value is not None:
                values.append(value)
        return values

    def raise_if_any(self, message: str | None = None) -> None:
        if self.found:
            raise ImportProblems(self.found, message)


def check_rows(rows: Iterable[Row], check: Callable[[Row, Report], T | None],
               message: str | None = None) -> list[T]:
    """All or nothing: every row's value, or `ImportProblems` with every row's problems."""
    problems = Problems()
    values = problems.check_rows(rows, check)
    problems.raise_if_any(message)
    return values


@dataclass
class ImportResult:
    """What an import did: rows that added a record, changed one or were already there,
    and the other records it created on the way (by kind, e.g. "accounts", "cohorts")."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    created: Counter[str] = field(default_factory=Counter)


def _limit(name: str) -> int:
    return int(current_app.config[name])


def _too_many_rows() -> ServiceError:
    return ServiceError(
        ngettext("Filen har fler än %(limit)s rad. Dela upp den i flera filer.",
                 "Filen har fler än %(limit)s rader. Dela upp den i flera filer.",
                 _limit("IMPORT_MAX_ROWS"), limit=format_number(_limit("IMPORT_MAX_ROWS"))),
        field="file",
    )


def _bounded(rows: Iterable[list[str]], first: int = 2) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of the non-empty rows under the header, numbered from `first`;
    refuses more than the row limit as soon as it is passed, and as many empty rows again."""
    limit, kept = _limit("IMPORT_MAX_ROWS"), 0
    for number, cells in enumerate(rows, start=first):
        if number > 2 * limit + first - 1:
            raise _too_many_rows()
        if any(cells):
            kept += 1
            if kept > limit:
                raise _too_many_rows()
            yield number, cells


def read_table(
    filename: str,
    data: bytes,
    expected: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> list[Row]:
    if len(data) > _limit("IMPORT_MAX_BYTES"):
        raise ServiceError(
            _("Filen är för stor: högst %(mb)s MB går att läsa in. Dela upp den i flera filer.",
              mb=format_number(_limit("IMPORT_MAX_BYTES") / 1024 / 1024)),
            field="file",
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _read_xlsx(data, expected, aliases or {})
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(data, expected, aliases or {})
    raise ServiceError(_("Filen måste vara en .csv- eller .xlsx-fil."), field="file")


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), else Windows-1252 as older Swedish Excel saves CSV."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ServiceError(
            _("Filen kunde inte läsas som text. Spara den i Excel som CSV UTF-8 "
              "eller CSV (semikolonavgränsad)."),
            field="file",
        ) from None


def _header_at(
    grid: Sequence[Sequence[object]], expected: Sequence[str], aliases: Mapping[str, str]
) -> int | None:
    """Index of the first of the top rows that holds every expected column."""
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        keys = {_key(c, aliases) for c in cells}
        if expected and all(col in keys for col in expected):
            return index
    return None


def _keys(cells: Sequence[object], aliases: Mapping[str, str]
          ) -> tuple[list[str], dict[str, str]]:
    """The header's column keys, and each key's header as the file wrote it."""
    keys = [_key(c, aliases) for c in cells]
    written = (" ".join(str(c or "").lstrip("\ufeff").split()) for c in cells)
    return keys, {k: w for k, w in zip(keys, written, strict=True) if k}


def _key(cell: object, aliases: Mapping[str, str]) -> str:
    key = str(cell or "").strip().lstrip("\ufeff").lower()
    return aliases.get(key, key)


def _read_csv(
    data: bytes, expected: Sequence[str] = (), aliases: Mapping[str, str] | None = None
) -> list[Row]:
    text = decode_text(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ServiceError(_("Filen är tom."), field="file")
    # Counted over the top rows, so that a title row above the header does not decide.
    top = "\n".join(lines[:HEADER_SEARCH_ROWS])
    delimiter = ";" if top.count(";") > top.count(",") else ","
    # newline="": the csv module itself reads CRLF, LF and bare CR line endings. The file
    # is at most IMPORT_MAX_BYTES, so its rows fit in memory; _bounded counts them.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error:
        raise ServiceError(_("Filen kunde inte läsas som CSV."), field="file") from None
    start = _header_at(rows, expected, aliases or {}) or 0
    keys, headers = _keys(rows[start], aliases or {})
    cells = ([(v or "").strip() for v in values] for values in rows[start + 1 :])
    return [
        Row(number, dict(zip(keys, values, strict=False)), headers)
        for number, values in _bounded(cells, first=start + 2)
    ]


def _read_xlsx(
    data: bytes, expected: Sequence[str] = (), aliases: Mapping[str, str] | None = None
) -> list[Row]:
    try:
        _refuse_unpacking_too_much(data)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ServiceError:
        raise
    except Exception:  # openpyxl raises many kinds for a broken file
        raise ServiceError(_("Filen kunde inte läsas som .xlsx."), field="file") from None
    # The sheet with the expected header (a workbook may open with instructions), else
    # the first sheet that has anything on it. Only the top rows of each sheet are read to
    # choose; the rows of the chosen one are then streamed through the row limit.
    tops = [list(islice(sheet.iter_rows(values_only=True), HEADER_SEARCH_ROWS))
            for sheet in workbook.worksheets]
    chosen = next(
        ((index, at) for index, top in enumerate(tops)
         if (at := _header_at(top, expected, aliases or {})) is not None),
        next(((index, 0) for index, top in enumerate(tops) if top), None),
    )
    if chosen is None:
        raise ServiceError(_("Filen är tom."), field="file")
    index, start = chosen
    rows = workbook.worksheets[index].iter_rows(values_only=True)
    head = list(islice(rows, start + 1))
    keys, headers = _keys(head[start], aliases or {})
    cells = (["" if v is None else _cell_text(v) for v in values] for values in rows)
    return [
        Row(number, dict(zip(keys, values, strict=False)), headers)
        for number, values in _bounded(cells, first=start + 2)
    ]


def _refuse_unpacking_too_much(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    most = _limit("IMPORT_MAX_XLSX_UNPACKED")
    if unpacked > most:
        # Not "too many rows": the file may have few rows and still unpack too large (a
        # packed bomb, or pictures); the user should hear what is wrong with it.
        raise ServiceError(
            _("Filen packas upp till mer än %(mb)s MB och kan därför inte läsas in. Spara "
              "den som en ny .xlsx-fil med bara tabellen, eller som CSV, och försök igen.",
              mb=format_number(most / 1024 / 1024)),
            field="file",
        )


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def template_xlsx(
    sheet_title: str,
    header: Sequence[str],
    examples: Sequence[Sequence[object]],
    instructions: Sequence[str],
) -> bytes:
    """A workbook to fill in: an "Instruktioner" sheet first (`instructions`, then how to
    save it), then the table (opened on the table), as a user might also save it;
    `read_table` reads it back."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = _("Instruktioner")
    saving = _("Spara som .xlsx eller som CSV (UTF-8 eller semikolonavgränsad) och ladda upp.")
    marked = _("Rader med ”ja” i kolumnen %(column)s är exempel och läses inte in; skriv "
               "dina egna rader under dem (kolumnen %(column)s tom).", column=EXAMPLE_COLUMN)
    for line in [*instructions, marked, saving]:
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    table = workbook.create_sheet(sheet_title[:31])
    header = [*header, EXAMPLE_COLUMN]
    table.append(header)
    for row in examples:
        table.append([*row, "ja"])
    for index, name in enumerate(header, start=1):
        table.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 2)
    workbook.active = table
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
