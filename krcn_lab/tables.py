"""The coded tables: what each CSV file holds, and how it is read and typed.

This is the data contract in code: every file's columns, key, dates, categories
(the controlled vocabularies) and links to other tables. An instructor adding a
column or a vocabulary value changes it here. Reading is strict: a missing column,
a malformed date or a value outside its vocabulary raises :class:`DatasetError`
naming the file, the line and the problem.

Example
-------
>>> table("issues").set_index("issue_id").at["bilateral_ties", "theme"]
'diplomacy'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .cache import cached, folder_stamp

if TYPE_CHECKING:  # importlib.abc.Traversable moved to importlib.resources.abc in Python 3.11
    from importlib.resources.abc import Traversable

__all__ = ["DatasetError", "TableSpec", "TABLES", "FOREIGN_KEYS", "table", "read_raw_table",
           "data_root", "seeds_root", "data_key", "folders_key"]

GENRES = ["wire", "news", "editorial", "aggregator"]
DATE_PRECISIONS = ["day", "month", "year"]
DATE_BASES = ["stated", "inferred", "public_record", "unknown", "open"]
ACTOR_KINDS = ["person", "state", "institution", "media", "journalist"]
#: Scripts an actor's name is also written in (``actor_names.csv``): Hangul, Chinese characters.
NAME_LANGUAGES = ["ko", "zh"]
#: How a name in another script is known: printed in an article, public record, or not known.
NAME_BASES = ["stated", "public_record", "unknown"]
EVENT_KINDS = ["meeting", "background"]
ADMIN_KINDS = ["elected", "acting"]
STANCES = ["support", "oppose", "neutral"]
ACTS = [
    "statement", "request", "offer", "commitment", "agreement", "concern",
    "criticism", "warning", "invitation", "reassurance", "interpretation", "rejection",
]
#: How an article attributes a statement (see docs/coding_manual.md).
REPORTED_BY = [
    "article narration", "editorial", "told reporters", "through an interpreter", "reportedly (unattributed)",
    "statement (issuer not named)", "South Korean Foreign Ministry readout",
    "South Korean Foreign Ministry statement", "Chinese readout", "Chinese foreign ministry statement",
]
#: CAMEO root code for each speech act (CAMEO 1.1b3 top-level categories).
ACT_CAMEO = {
    "statement": "01", "request": "02", "offer": "03", "commitment": "03",
    "invitation": "03", "agreement": "05", "reassurance": "01", "interpretation": "01",
    "concern": "11", "criticism": "11", "rejection": "12", "warning": "13",
}


class DatasetError(ValueError):
    """A data file that cannot be read. The message names the file, the line and the problem,
    which are also kept as ``where``, ``line`` (None for the whole file) and ``problem``."""

    def __init__(self, where: str, problem: str, line: int | None = None):
        self.where, self.problem, self.line = where, problem, line
        super().__init__(f"{where}{'' if line is None else f', line {line}'}: {problem}")


@dataclass(frozen=True)
class TableSpec:
    """How one CSV file is read: its key, dates, categories and list-valued columns."""

    file: str
    columns: tuple[str, ...]
    key: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    categories: dict[str, list[str] | None] = field(default_factory=dict)
    integers: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()


_EVIDENCE = ("article_id", "paragraph", "quote")

TABLES: dict[str, TableSpec] = {
    "articles": TableSpec(
        "articles.csv",
        ("article_id", "seed_file", "outlet", "outlet_basis", "genre", "published",
         "published_precision", "published_basis", "published_note"),
        key=("article_id",), dates=("published",),
        categories={"genre": GENRES, "published_precision": DATE_PRECISIONS, "published_basis": DATE_BASES},
    ),
    "administrations": TableSpec(
        "administrations.csv",
        ("country", "leader", "start", "end", "kind", "basis", "note") + _EVIDENCE,
        key=("country", "leader", "start"), dates=("start", "end"),
        categories={"kind": ADMIN_KINDS, "basis": DATE_BASES}, integers=("paragraph",),
    ),
    "actors": TableSpec(
        "actors.csv",
        ("actor_id", "name", "kind", "country", "cameo_code", "surname", "aliases", "description") + _EVIDENCE,
        key=("actor_id",), categories={"kind": ACTOR_KINDS, "country": None},
        integers=("paragraph",), lists=("aliases",),
    ),
    "actor_names": TableSpec(
        "actor_names.csv", ("actor_id", "language", "name", "surname", "aliases", "basis", "note"),
        key=("actor_id", "language"), categories={"language": NAME_LANGUAGES, "basis": NAME_BASES},
        lists=("aliases",),
    ),
    "roles": TableSpec(
        "roles.csv",
        ("actor_id", "title", "country", "start", "start_basis", "end", "end_basis", "note") + _EVIDENCE,
        key=("actor_id", "title", "start"), dates=("start", "end"),
        categories={"start_basis": DATE_BASES, "end_basis": DATE_BASES}, integers=("paragraph",),
    ),
    "events": TableSpec(
        "events.csv",
        ("event_id", "date", "date_end", "date_precision", "date_basis", "date_note", "kind",
         "category", "cameo", "title", "place", "place_basis", "status", "note"),
        key=("event_id",), dates=("date", "date_end"),
        categories={"date_precision": DATE_PRECISIONS, "date_basis": DATE_BASES, "kind": EVENT_KINDS,
                    "category": None, "place_basis": DATE_BASES, "status": ["occurred", "planned"]},
    ),
    "event_sources": TableSpec(
        "event_sources.csv", ("event_id",) + _EVIDENCE, key=("event_id", "article_id"), integers=("paragraph",),
    ),
    "participants": TableSpec(
        "participants.csv",
        ("event_id", "actor_id", "side", "role_at_event") + _EVIDENCE,
        key=("event_id", "actor_id"), categories={"side": None}, integers=("paragraph",),
    ),
    "issues": TableSpec(
        "issues.csv", ("issue_id", "label", "theme", "description", "support_means"),
        key=("issue_id",), categories={"theme": None},
    ),
    "statements": TableSpec(
        "statements.csv",
        ("statement_id", "event_id", "actor_id", "issue_id", "act", "stance", "reported_by") + _EVIDENCE + ("note",),
        key=("statement_id",), categories={"act": ACTS, "stance": STANCES, "reported_by": REPORTED_BY}, integers=("paragraph",),
    ),
    "claims": TableSpec(
        "claims.csv", ("claim_id", "topic", "event_id") + _EVIDENCE + ("claim", "note"),
        key=("claim_id",), integers=("paragraph",),
    ),
}

# Foreign keys: (table, column) -> (table, column). Empty cells are allowed (optional link).
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("actors", "article_id", "articles", "article_id"),
    ("administrations", "article_id", "articles", "article_id"),
    ("actor_names", "actor_id", "actors", "actor_id"),
    ("roles", "actor_id", "actors", "actor_id"),
    ("roles", "article_id", "articles", "article_id"),
    ("event_sources", "event_id", "events", "event_id"),
    ("event_sources", "article_id", "articles", "article_id"),
    ("participants", "event_id", "events", "event_id"),
    ("participants", "actor_id", "actors", "actor_id"),
    ("participants", "article_id", "articles", "article_id"),
    ("statements", "event_id", "events", "event_id"),
    ("statements", "actor_id", "actors", "actor_id"),
    ("statements", "issue_id", "issues", "issue_id"),
    ("statements", "article_id", "articles", "article_id"),
    ("claims", "event_id", "events", "event_id"),
    ("claims", "article_id", "articles", "article_id"),
]


def data_root(data_dir: str | Path | None = None) -> Traversable:
    """The folder holding the coded CSV files: *data_dir*, or the package's own data."""
    return Path(data_dir) if data_dir is not None else resources.files("krcn_lab.data")


def seeds_root(seeds_dir: str | Path | None = None) -> Traversable:
    """The folder holding the raw articles: *seeds_dir*, or the copies shipped in the package.

    An installed wheel carries the seeds as the resource package ``krcn_lab.seeds``.
    In a source checkout (or an editable install) that package is the repository's
    top-level ``seeds/`` folder, found next to the ``krcn_lab`` folder.
    """
    if seeds_dir is not None:
        return Path(seeds_dir)
    try:
        return resources.files("krcn_lab.seeds")
    except (ModuleNotFoundError, TypeError):  # a checkout; or Python 3.10 refusing a namespace package
        here = Path(__file__).resolve().parent
        installed, checkout = here / "seeds", here.parent / "seeds"
        return installed if installed.is_dir() else checkout


def _display(root: Traversable, name: str) -> str:
    if isinstance(root, Path):
        return str(root / name)
    return f"krcn_lab/data/{name}"


def read_raw_table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """Read one CSV file as text cells ('' for empty), checking that its columns are all there.

    Row ``i`` of the result is line ``i + 2`` of the file (after the header), which is how
    :func:`krcn_lab.validate` reports problems.
    """
    spec = TABLES[name]
    root = data_root(data_dir)
    where = _display(root, spec.file)
    resource = root.joinpath(spec.file)
    if not resource.is_file():
        raise DatasetError(where, "file missing")
    try:
        with resource.open("r", encoding="utf-8", newline="") as handle:
            frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    except UnicodeDecodeError as exc:
        raise DatasetError(where, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DatasetError(where, f"not a readable CSV file ({str(exc).strip()})") from None
    missing = [column for column in spec.columns if column not in frame.columns]
    if missing:
        raise DatasetError(where, f"missing column(s) {', '.join(missing)}")
    return frame


def _typed(name: str, frame: pd.DataFrame, where: str) -> pd.DataFrame:
    spec = TABLES[name]
    frame = frame.copy()
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
    for column in spec.dates:
        parsed = pd.to_datetime(frame[column].replace("", None), format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & (frame[column] != "")
        if bad.any():
            row = int(bad.idxmax())
            raise DatasetError(
                where, f"column '{column}' has {frame.at[row, column]!r}, not a date YYYY-MM-DD", row + 2
            )
        frame[column] = parsed
    for column in spec.integers:
        parsed = pd.to_numeric(frame[column].replace("", None), errors="coerce")
        bad = parsed.isna() & (frame[column] != "")
        if bad.any():
            row = int(bad.idxmax())
            raise DatasetError(
                where, f"column '{column}' has {frame.at[row, column]!r}, not a whole number", row + 2
            )
        frame[column] = parsed.astype("Int64")
    for column in spec.lists:
        frame[column] = [tuple(p.strip() for p in cell.split("|") if p.strip()) for cell in frame[column]]
    text_columns = [c for c in frame.columns if c not in spec.dates + spec.integers + spec.lists]
    for column in text_columns:
        frame[column] = frame[column].replace("", pd.NA).astype("string")
    for column, allowed in spec.categories.items():
        values = frame[column].dropna()
        if allowed is not None:
            unknown = values[~values.isin(allowed)]
            if len(unknown):
                row = int(unknown.index[0])
                raise DatasetError(
                    where, f"column '{column}' has {unknown.iloc[0]!r}; allowed: {', '.join(allowed)}", row + 2
                )
            categories = allowed
        else:
            categories = sorted(values.unique())
        frame[column] = pd.Categorical(frame[column], categories=categories)
    return frame


def data_key(data_dir: str | None, *rest) -> tuple:
    """Cache key for a result built from the CSV files in *data_dir*: changes when any file does."""
    return (data_dir, *rest, folder_stamp(data_root(data_dir)))


def folders_key(data_dir: str | None, seeds_dir: str | None) -> tuple:
    """Cache key for a result built from the CSV files and the seeds: changes when any file does."""
    return (data_dir, seeds_dir, folder_stamp(data_root(data_dir)), folder_stamp(seeds_root(seeds_dir)))


@cached(key=lambda name, data_dir: data_key(data_dir, name))
def _table(name: str, data_dir: str | None) -> pd.DataFrame:
    where = _display(data_root(data_dir), TABLES[name].file)
    return _typed(name, read_raw_table(name, data_dir), where)


def table(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One coded table, typed (a fresh copy each call; no derived columns)."""
    return _table(name, _folder(data_dir))




def _folder(root) -> str | None:
    return None if root is None else str(root)
