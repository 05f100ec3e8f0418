"""Clean scraped news pages into an article and its paragraphs, logging every change.

A scraped page carries menus, repeated headlines, photo captions printed twice,
links to other stories pasted mid-text, comment boxes and copyright footers.
Cleaning removes them with a short list of *named rules*, each explained in
:data:`RULES` (the rules live in :mod:`krcn_lab.cleaning_rules`, the one module
an instructor edits). Every line that a rule removes, moves into the article's
metadata (title, byline, date) or changes (spaces, a known typo) is written to
the cleaning log, so a learner can put the raw page and the clean article side
by side (:func:`line_table`) and see why each line went.

The rules look at the *shape* of a line and its place in the page (above the
first full sentence, inside the body, below the last one), not at the exact
strings of the five seed articles, so they also work on a new article of the
same kind. :func:`clean_text` runs the named steps of :mod:`krcn_lab.cleaning_steps`
in order, each a plain function.

Example
-------
>>> page = "Home > World\\n\\nSeoul and Beijing hold talks\\n\\nBy Jane Doe\\n\\n"
>>> page += "The two foreign ministers met in Beijing on Monday to discuss trade.\\n"
>>> page += "\\nLeave a Reply\\n"
>>> art = clean_text(page, source="example.txt")
>>> art.title
'Seoul and Beijing hold talks'
>>> [p.text for p in art.paragraphs]
['The two foreign ministers met in Beijing on Monday to discuss trade.']
>>> [(entry.line_no, entry.rule) for entry in art.log]
[(1, 'breadcrumb'), (3, 'headline'), (5, 'byline'), (9, 'page_furniture')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from . import cleaning_rules as rules
from . import cleaning_steps
from .cleaning_rules import CORRECTIONS, RULES, Rule, find_date
from .cleaning_steps import CorpusError

__all__ = [
    "CorpusError",
    "Rule",
    "RULES",
    "CORRECTIONS",
    "Paragraph",
    "LogEntry",
    "CleanArticle",
    "clean_text",
    "clean_file",
    "decode_raw",
    "find_date",
    "line_table",
    "read_raw",
]


@dataclass(frozen=True)
class Paragraph:
    """One clean paragraph: its 1-based number, text, kind ('body' or 'caption') and raw line."""

    number: int
    text: str
    kind: str
    line_no: int


@dataclass(frozen=True)
class LogEntry:
    """One raw line that cleaning removed, moved into metadata, or changed."""

    line_no: int
    text: str
    rule: str
    action: str  # "removed", "moved" or "changed"
    detail: str = ""


@dataclass
class CleanArticle:
    """The result of cleaning one raw page."""

    source: str
    title: str
    title_basis: str
    paragraphs: list[Paragraph]
    log: list[LogEntry]
    byline: str | None = None
    published: date | None = None
    published_text: str | None = None
    standfirst: str | None = None
    credits: str | None = None
    corrections: list[tuple[str, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The clean paragraphs joined by blank lines."""
        return "\n\n".join(p.text for p in self.paragraphs)


def read_raw(path: str | Path) -> str:
    """Read a raw article as UTF-8 text, or raise :class:`CorpusError` naming the file and problem.

    >>> read_raw("no/such/file.txt")
    Traceback (most recent call last):
    krcn_lab.cleaning_steps.CorpusError: no/such/file.txt: file not found
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, not a text file") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror})") from None
    return decode_raw(data, str(path))


def decode_raw(data: bytes, source: str) -> str:
    """Decode raw bytes as UTF-8, refusing empty, binary and non-UTF-8 input with a clear message.

    >>> decode_raw("Séoul".encode("utf-8"), "a.txt")
    'Séoul'
    >>> decode_raw("Séoul".encode("latin-1"), "a.txt")
    Traceback (most recent call last):
    krcn_lab.cleaning_steps.CorpusError: a.txt: the file is not UTF-8 text (undecodable byte 0xe9 at offset 1); save it as UTF-8 and try again
    """
    if not data.strip():
        raise CorpusError(f"{source}: the file is empty; an article needs a headline and at least one paragraph")
    if b"\x00" in data:
        raise CorpusError(f"{source}: the file looks binary (it contains NUL bytes), not a plain-text article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{source}: the file is not UTF-8 text (undecodable byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start}); save it as UTF-8 and try again"
        ) from None
    return text


def clean_file(path: str | Path) -> CleanArticle:
    """Clean the raw article at *path* (see :func:`clean_text`).

    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "talks.txt"
    >>> _ = path.write_text("Seoul and Beijing hold talks\\n\\nThe two foreign ministers met in Seoul on Monday to talk.\\n")
    >>> clean_file(path).title
    'Seoul and Beijing hold talks'
    """
    return clean_text(read_raw(path), source=str(path))


def _article(page: cleaning_steps.Page) -> CleanArticle:
    """Gather the steps' decisions into the clean article, its metadata and its log."""
    lines = page.lines
    log = [LogEntry(*change) for change in page.changes]
    log += [LogEntry(lines[i].line_no, lines[i].raw, *decision) for i, decision in page.decided.items()]
    log.sort(key=lambda entry: (entry.line_no, entry.action != "changed"))
    paragraphs = [
        Paragraph(number, lines[index].text, kind, lines[index].line_no)
        for number, (index, kind) in enumerate(sorted(page.kept), start=1)
    ]
    dateline, byline = page.texts("dateline")[:1], page.texts("byline")[:1]
    return CleanArticle(
        source=page.source,
        title=rules.SECTION_LABEL.sub("", page.title).strip() or page.title,
        title_basis=page.title_basis,
        paragraphs=paragraphs,
        log=log,
        byline=byline[0] if byline else None,
        published=find_date(dateline[0]) if dateline else None,
        published_text=dateline[0] if dateline else None,
        standfirst=" ".join(page.texts("standfirst")) or None,
        credits=" ".join(page.texts("credits")) or None,
        corrections=page.corrections,
    )


def clean_text(text: str, *, source: str = "<text>") -> CleanArticle:
    """Clean one raw page.

    Parameters
    ----------
    text : str
        The raw page, as scraped.
    source : str
        A name for messages and the log (usually the file path).

    Returns
    -------
    CleanArticle
        Title, byline, publication date (when the page states one), paragraphs,
        and the log of every removed, moved or changed line.

    Raises
    ------
    CorpusError
        When the page is empty, has no headline, or has no body paragraph.

    >>> clean_text("Seoul and Beijing hold talks\\n\\nThe two foreign ministers met in Seoul on Monday to talk.").title
    'Seoul and Beijing hold talks'
    """
    if not text.strip():
        raise CorpusError(f"{source}: the file is empty; an article needs a headline and at least one paragraph")
    return _article(cleaning_steps.run_steps(text, source))


_ACTIONS = ["kept", "changed", "moved", "removed"]


def line_table(raw_text: str, article: CleanArticle) -> pd.DataFrame:
    """The raw page and the clean article side by side: one row per non-blank raw line.

    Columns: ``line_no`` (1-based), ``raw`` (the line as scraped), ``clean`` (the
    paragraph text it became, or <NA>), ``paragraph`` (its number, or <NA>),
    ``rule`` (<NA> for a line kept as it was; rules joined by ", " when several
    apply), ``action`` (kept, changed, moved or removed), ``detail`` (where a moved
    line went, what a change did) and ``explanation`` (each rule's reason).
    Blank lines only separate paragraphs and get no row. *article* must be the
    result of cleaning *raw_text*; if it is not, :class:`CorpusError` says so.

    >>> page = "World | Asia\\n\\nSeoul and Beijing hold talks\\n\\n"
    >>> page += "The two foreign ministers met in Beijing on Monday to discuss trade.\\n"
    >>> table = line_table(page, clean_text(page, source="talks.txt"))
    >>> table[["line_no", "paragraph", "rule", "action", "detail"]]
       line_no  paragraph        rule   action detail
    0        1       <NA>  breadcrumb  removed   <NA>
    1        3       <NA>    headline    moved  title
    2        5          1        <NA>     kept   <NA>
    """
    raw_lines = raw_text.splitlines()
    kept = {p.line_no: p for p in article.paragraphs}
    logged: dict[int, list[LogEntry]] = {}
    for entry in article.log:
        logged.setdefault(entry.line_no, []).append(entry)
    rows = []
    for line_no, raw in enumerate(raw_lines, start=1):
        entries, paragraph = logged.pop(line_no, []), kept.pop(line_no, None)
        if not entries and paragraph is None and not rules.UNUSUAL_SPACES.sub(" ", raw).strip():
            continue
        if (not entries and paragraph is None) or any(e.text != raw.strip() for e in entries):
            raise CorpusError(f"{article.source}: raw line {line_no} does not match the cleaning log; "
                              "pass the raw text that this article was cleaned from")
        final = [e.action for e in entries if e.action != "changed"]
        rows.append((
            line_no, raw, paragraph.text if paragraph else None, paragraph.number if paragraph else None,
            ", ".join(e.rule for e in entries) or None,
            final[0] if final else ("changed" if entries else "kept"),
            "; ".join(e.detail for e in entries if e.detail) or None,
            " ".join(RULES[e.rule].explanation for e in entries) or None,
        ))
    if kept or logged:
        raise CorpusError(f"{article.source}: the article names raw line {min([*kept, *logged])}, which the raw "
                          f"text (of {len(raw_lines)} lines) does not have; pass the raw text it was cleaned from")
    columns = ["line_no", "raw", "clean", "paragraph", "rule", "action", "detail", "explanation"]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame.astype({"line_no": "int64", "paragraph": "Int64", "raw": "string", "clean": "string",
                          "rule": "string", "detail": "string", "explanation": "string"})
    frame["action"] = pd.Categorical(frame["action"], categories=_ACTIONS)
    return frame
