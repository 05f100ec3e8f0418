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
same kind. :func:`clean_text` runs these steps in order, each a plain function:

1. ``read_lines`` — normalise spaces and known typos (``unusual_space``, ``typo_correction``);
2. ``mark_anywhere`` — rules that apply wherever a line stands (``separator`` … ``credits``);
3. ``mark_comment_box`` — a comment box ends the article (``comment_widget``);
4. ``find_body`` — the body runs from the first to the last full sentence;
5. ``read_head`` — above the body: date, byline, slug, captions, headline, standfirst, menus;
6. ``title_from_slug`` — a page with no headline takes its title from its URL slug;
7. ``read_body`` — keep paragraphs, drop repeats, pasted links and subheadings;
8. ``read_tail`` — below the body: a byline, else comment-box leftovers.

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

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from . import cleaning_rules as rules
from .cleaning_rules import CORRECTIONS, RULES, Rule, find_date

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


class CorpusError(ValueError):
    """A raw article that cannot be cleaned. The message names the file and the problem."""


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
    krcn_lab.corpus.CorpusError: no/such/file.txt: file not found
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
    krcn_lab.corpus.CorpusError: a.txt: the file is not UTF-8 text (undecodable byte 0xe9 at offset 1); save it as UTF-8 and try again
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


# -- The pipeline: state handed from step to step -----------------------------------
@dataclass(frozen=True)
class _Line:
    line_no: int  # 1-based, in the raw page
    raw: str  # the raw line, stripped (as the log shows it)
    text: str  # spaces normalised and known typos corrected


@dataclass
class _Page:
    """What the steps know so far: the page's lines, each line's decision
    (index -> rule, action, detail), the kept paragraphs and the metadata found."""

    source: str
    lines: list[_Line] = field(default_factory=list)
    changes: list[LogEntry] = field(default_factory=list)
    corrections: list[tuple[str, str]] = field(default_factory=list)
    decided: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    open: list[int] = field(default_factory=list)  # undecided when the body was found
    body_start: int = 0
    body_end: int = 0
    kept: list[tuple[int, str]] = field(default_factory=list)  # (index, kind)
    kept_texts: set[str] = field(default_factory=set)
    title: str | None = None
    title_basis: str = "headline line"
    slug: str | None = None
    byline: str | None = None
    published: date | None = None
    published_text: str | None = None
    standfirst: list[str] = field(default_factory=list)


def _correct_typos(text: str) -> tuple[str, list[tuple[str, str]]]:
    fixes = []
    for wrong, right in rules.CORRECTIONS.items():
        pattern = re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)")
        if pattern.search(text):
            text = pattern.sub(right, text)
            fixes.append((wrong, right))
    return text, fixes


def _read_lines(text: str, source: str) -> _Page:
    """Step 1: split the page into lines, normalise spaces and known typos, log each change."""
    page = _Page(source)
    for line_no, raw_line in enumerate(text.splitlines(), start=1):
        spaced = rules.SPACES.sub(" ", rules.UNUSUAL_SPACES.sub(" ", raw_line)).strip()
        clean, fixes = _correct_typos(spaced)
        if not clean:
            continue  # blank lines only separate paragraphs; nothing to log
        raw = raw_line.strip()
        if rules.RULES["unusual_space"].matches(raw_line):
            page.changes.append(LogEntry(line_no, raw, "unusual_space", "changed", "spaces normalised"))
        for wrong, right in fixes:
            page.changes.append(LogEntry(line_no, raw, "typo_correction", "changed", f"{wrong!r} -> {right!r}"))
            page.corrections.append((wrong, right))
        page.lines.append(_Line(line_no, raw, clean))
    return page


#: Rules that apply wherever a line stands, tried in this order: (action, detail).
_ANYWHERE = {
    "separator": ("removed", ""),
    "page_furniture": ("removed", ""),
    "breadcrumb": ("removed", ""),
    "copyright": ("removed", ""),
    "credits": ("moved", "credits"),
}


def _mark_anywhere(page: _Page) -> None:
    """Step 2: decide the lines whose shape alone says what they are."""
    for index, line in enumerate(page.lines):
        for name, (action, detail) in _ANYWHERE.items():
            if rules.RULES[name].matches(line.text):
                page.decided[index] = (name, action, detail)
                break


def _mark_comment_box(page: _Page) -> None:
    """Step 3: a comment box below the first full sentence ends the article."""
    undecided = [i for i in range(len(page.lines)) if i not in page.decided]
    first = next((i for i in undecided if rules.is_body_like(page.lines[i].text)), None)
    if first is None:
        return
    box = next((i for i in undecided if i > first and rules.RULES["comment_widget"].matches(page.lines[i].text)), None)
    if box is not None:
        for index in range(box, len(page.lines)):
            page.decided.setdefault(index, ("comment_widget", "removed", ""))


def _find_body(page: _Page) -> None:
    """Step 4: the body runs from the first to the last line that reads as a paragraph."""
    page.open = [i for i in range(len(page.lines)) if i not in page.decided]
    body = [i for i in page.open if rules.is_body_like(page.lines[i].text)]
    if not body:
        raise CorpusError(
            f"{page.source}: no body paragraph found (no line of eight or more words ending in a full stop); "
            "is this a news article?"
        )
    page.body_start, page.body_end = body[0], body[-1]


def _keep_caption(page: _Page, index: int) -> None:
    text = page.lines[index].text
    if text in page.kept_texts:
        page.decided[index] = ("duplicate_caption", "removed", "")
    else:
        page.kept.append((index, "caption"))
        page.kept_texts.add(text)


def _read_headline_area(page: _Page, index: int) -> None:
    text = page.lines[index].text
    if page.title is None:
        if rules.RULES["menu"].matches(text):
            page.decided[index] = ("menu", "removed", "")
        else:
            page.title = text
            page.decided[index] = ("headline", "moved", "title")
    elif text == page.title:
        page.decided[index] = ("repeated_headline", "removed", "")
    elif rules.RULES["standfirst"].matches(text):
        page.standfirst.append(text)
        page.decided[index] = ("standfirst", "moved", "standfirst")
    else:
        page.decided[index] = ("menu", "removed", "")


def _read_head(page: _Page) -> None:
    """Step 5: above the first full sentence: date, byline, slug, captions, headline, standfirst, menus."""
    for index in [i for i in page.open if i < page.body_start]:
        text = page.lines[index].text
        if rules.RULES["dateline"].matches(text):
            page.decided[index] = ("dateline", "moved", "published")
            if page.published is None:
                page.published, page.published_text = find_date(text), text
        elif rules.RULES["byline"].matches(text):
            page.decided[index] = ("byline", "moved", "byline")
            page.byline = page.byline or text
        elif rules.RULES["url_slug"].matches(text):
            page.decided[index] = ("url_slug", "moved", "title (only if no headline)")
            page.slug = page.slug or text
        elif rules.RULES["duplicate_caption"].matches(text):
            _keep_caption(page, index)
        else:
            _read_headline_area(page, index)


def _slug_to_title(slug: str, body_text: str) -> str:
    """Turn 'south-korea-and-china-meet' into 'South Korea and China meet', taking each
    word's capitals from how the body writes it in mid-sentence."""
    words = []
    for position, word in enumerate(slug.split("-")):
        forms = re.findall(rf"(?<=[\w,;] )({re.escape(word)})\b", body_text, flags=re.IGNORECASE)
        form = max(set(forms), key=forms.count) if forms else word
        words.append(form[:1].upper() + form[1:] if position == 0 else form)
    return " ".join(words)


def _title_from_slug(page: _Page) -> None:
    """Step 6: a page with no headline takes its title from its URL slug, else is refused."""
    if page.title is None and page.slug is not None:
        body_text = " ".join(page.lines[i].text for i in page.open if i >= page.body_start)
        page.title = _slug_to_title(page.slug, body_text)
        page.title_basis = "from the page's URL slug, capitals restored from the body text"
        for index, (rule, _, _) in list(page.decided.items()):
            if rule == "url_slug":
                page.decided[index] = ("url_slug", "moved", "title")
    if page.title is None:
        raise CorpusError(
            f"{page.source}: no headline found above the first paragraph; add the article's title as its first line"
        )


def _read_body(page: _Page) -> None:
    """Step 7: keep the paragraphs; drop repeats, pasted links and subheadings."""
    body = [i for i in page.open if page.body_start <= i <= page.body_end]
    counts = Counter(page.lines[i].text for i in body)
    for index in body:
        text = page.lines[index].text
        if text == page.title:
            page.decided[index] = ("repeated_headline", "removed", "")
        elif rules.RULES["duplicate_caption"].matches(text):
            _keep_caption(page, index)
        elif text in page.kept_texts:
            page.decided[index] = ("duplicate_line", "removed", "")
        elif counts[text] > 1 and rules.RULES["related_link"].matches(text):
            page.decided[index] = ("related_link", "removed", "")
        elif rules.RULES["section_heading"].matches(text):
            page.decided[index] = ("section_heading", "removed", "")
        else:
            page.kept.append((index, "body"))
            page.kept_texts.add(text)


def _read_tail(page: _Page) -> None:
    """Step 8: below the last full sentence: the first byline, then comment-box leftovers."""
    for index in [i for i in page.open if i > page.body_end]:
        text = page.lines[index].text
        if rules.RULES["byline"].matches(text) and page.byline is None:
            page.byline = text
            page.decided[index] = ("byline", "moved", "byline")
        elif rules.RULES["byline"].matches(text):
            page.decided[index] = ("byline", "removed", "")
        else:
            page.decided[index] = ("comment_widget", "removed", "")


_STEPS = (_mark_anywhere, _mark_comment_box, _find_body, _read_head, _title_from_slug, _read_body, _read_tail)


def _article(page: _Page) -> CleanArticle:
    """Gather the steps' decisions into the clean article and its log."""
    lines = page.lines
    log = page.changes + [LogEntry(lines[i].line_no, lines[i].raw, *decision) for i, decision in page.decided.items()]
    log.sort(key=lambda entry: (entry.line_no, entry.action != "changed"))
    paragraphs = [
        Paragraph(number, lines[index].text, kind, lines[index].line_no)
        for number, (index, kind) in enumerate(sorted(page.kept), start=1)
    ]
    credits = [lines[i].text for i in sorted(page.decided) if page.decided[i][0] == "credits"]
    return CleanArticle(
        source=page.source,
        title=rules.SECTION_LABEL.sub("", page.title).strip() or page.title,
        title_basis=page.title_basis,
        paragraphs=paragraphs,
        log=log,
        byline=page.byline,
        published=page.published,
        published_text=page.published_text,
        standfirst=" ".join(page.standfirst) or None,
        credits=" ".join(credits) or None,
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
    page = _read_lines(text, source)
    for step in _STEPS:
        step(page)
    return _article(page)
