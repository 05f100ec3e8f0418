"""Clean scraped news pages into an article and its paragraphs, logging every change.

A scraped page carries menus, repeated headlines, photo captions printed twice,
links to other stories pasted mid-text, comment boxes and copyright footers.
Cleaning removes them with a short list of *named rules*, each explained in
:data:`RULES`. Every line that a rule removes, moves into the article's
metadata (title, byline, date) or changes (spaces, a known typo) is written to
the cleaning log, so a learner can put the raw page and the clean article side
by side and see why each line went.

The rules look at the *shape* of a line and its place in the page (above the
first full sentence, inside the body, below the last one), not at the exact
strings of the five seed articles, so they also work on a new article of the
same kind.

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
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

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
    "read_raw",
]


class CorpusError(ValueError):
    """A raw article that cannot be cleaned. The message names the file and the problem."""


@dataclass(frozen=True)
class Rule:
    """A named cleaning rule and the one-sentence reason a learner can read."""

    name: str
    explanation: str


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("unusual_space", "Non-breaking, thin and zero-width spaces become ordinary spaces, and runs of spaces collapse to one."),
        Rule("typo_correction", "A known typo in the source is corrected (see CORRECTIONS); the raw file keeps the original."),
        Rule("separator", "A line with no letters or digits (a slash, a rule of underscores, a bullet) is page decoration."),
        Rule("page_furniture", "A line that is a website control or label, such as 'Read More', 'Leave a Reply', 'Related Article', 'Comments' or 'Link copied'."),
        Rule("breadcrumb", "A navigation trail such as 'Home > National > Diplomacy' or 'World | Asia'."),
        Rule("menu", "A short line (three words or fewer) above the headline: the site's name or a menu item."),
        Rule("dateline", "A line that only gives the publication date; the date becomes the article's `published`."),
        Rule("byline", "A line naming the author ('By ...', or 'Name, Outlet on'); it becomes the article's `byline`."),
        Rule("url_slug", "A web-address slug (words-joined-by-hyphens); it becomes the title only when the page shows no other headline."),
        Rule("headline", "The first headline-like line above the body; it becomes the article's `title`."),
        Rule("standfirst", "A summary line between the headline and the body; it becomes the article's `standfirst`."),
        Rule("repeated_headline", "The headline printed a second time (pages often repeat it above the body)."),
        Rule("duplicate_caption", "A photo caption printed a second time (the first copy is kept as a caption paragraph)."),
        Rule("related_link", "The headline of another story pasted into the text: a short line without a full stop that appears more than once."),
        Rule("section_heading", "A short subheading without a full stop inside the body; it is not itself a paragraph of the article."),
        Rule("credits", "A contributors line such as '(With assistance from ...)'; it becomes the article's `credits`."),
        Rule("copyright", "A copyright or syndication notice."),
        Rule("comment_widget", "The comment box and the sign-in prompts below the last paragraph."),
        Rule("duplicate_line", "A body line repeated word for word; the first copy is kept."),
    ]
}

#: Known typos in the sources, corrected in the clean text and logged.
#: Instructors add a pair here when a new article has a typo worth fixing.
CORRECTIONS: dict[str, str] = {
    "Kirea's": "Korea's",
}

_UNUSUAL_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
_SPACES = re.compile(r"[ \t]+")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_BULLETS = "•·*–-▪● "
_FURNITURE = re.compile(
    r"(read more|leave a (reply|comment)|related (article|articles|stories|news)|link copied|"
    r"(print|share|email|dictionary|save|copy link)( (print|share|email|dictionary|save|copy link))*|"
    r"published in .{1,40}|comments?|(blog )?comments powered by \w+|advertisement|"
    r"subscribe( now)?|sign in|log ?in|follow us.*)",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"\S\s+[>»|]\s+\S")
_COPYRIGHT = re.compile(r"^(©|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE)
_CREDITS = re.compile(r"^\(?\s*with (additional )?(assistance|reporting) (from|by)\b", re.IGNORECASE)
_BYLINE_BY = re.compile(r"^by\s+(?P<name>[^\W\d_][\w .'\-]+?)\s*(\[[^\]]*\])?$", re.IGNORECASE)
_BYLINE_OUTLET = re.compile(
    r"^(?P<name>[A-Z][\w'\-]+(?:[ \-][A-Z][\w'\-]+)+),\s+(?P<outlet>[A-Z][\w&.' ]+?)(?:\s+on)?$"
)
_COMMENT_BOX = re.compile(
    r"\b(log ?in|sign ?in|sign up)\b.*\b(accounts?|comments?|connect)\b"
    r"|\bcomments?\b.*\b(log ?in|sign ?in|powered by|write|policy)\b",
    re.IGNORECASE,
)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")
_CAPTION_CREDIT = re.compile(r"(\[[A-Z0-9 .&/-]{2,}\]|\((?:photo|AP|AFP|Reuters|Yonhap|EPA|Xinhua)[^)]*\))$")
_SECTION_LABEL = re.compile(r"^\[[^\]]+\]\s*")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTHS})\.?,?\s+(?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<m>{_MONTHS})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b"),
    re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})\b"),
]
_MONTH_NUMBER = {
    name.lower(): number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_TIME = re.compile(r"\b\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:;]$")
_CLOSERS = "\"'”’)]»"


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
    """Read a raw article as UTF-8 text, or raise :class:`CorpusError` naming the file and problem."""
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
    """Decode raw bytes as UTF-8, refusing empty, binary and non-UTF-8 input with a clear message."""
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
    """Clean the raw article at *path* (see :func:`clean_text`)."""
    return clean_text(read_raw(path), source=str(path))


def _words(line: str) -> int:
    return len(line.split())


def _ends_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line.rstrip(_CLOSERS)))


def _body_like(line: str) -> bool:
    return _words(line) >= 8 and _ends_sentence(line) and not _CAPTION_CREDIT.search(line)


def _is_caption(line: str) -> bool:
    return _words(line) >= 5 and bool(_CAPTION_CREDIT.search(line))


def find_date(line: str) -> date | None:
    """Return the first calendar date written in *line* ("16 May 2024", "May 16, 2024", "2024-05-16")."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match:
            parts = match.groupdict()
            month = int(parts["mm"]) if parts.get("mm") else _MONTH_NUMBER[parts["m"].lower()]
            try:
                return date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                return None
    return None


def _dateline(line: str) -> date | None:
    """A date, if the line is only a date (with at most a label such as 'Published :' and a time)."""
    found = find_date(line)
    if found is None:
        return None
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    rest = re.sub(r"[^\w]+", " ", rest).strip()
    return found if _words(rest) <= 2 else None


def _byline(line: str) -> str | None:
    match = _BYLINE_BY.match(line) or _BYLINE_OUTLET.match(line)
    if not match:
        return None
    return line if _words(line) <= 10 else None


def _title_from_slug(slug: str, body_text: str) -> str:
    """Turn 'south-korea-and-china-meet' into 'South Korea and China meet', taking each
    word's capitals from how the body writes it in mid-sentence."""
    words = []
    for position, word in enumerate(slug.split("-")):
        forms = re.findall(rf"(?<=[\w,;] )({re.escape(word)})\b", body_text, flags=re.IGNORECASE)
        form = max(set(forms), key=forms.count) if forms else word
        words.append(form[:1].upper() + form[1:] if position == 0 else form)
    return " ".join(words)


def _normalise(raw_line: str) -> tuple[str, bool, list[tuple[str, str]]]:
    spaced = _UNUSUAL_SPACES.sub(" ", raw_line)
    had_unusual = spaced != raw_line
    text = _SPACES.sub(" ", spaced).strip()
    fixes = []
    for wrong, right in CORRECTIONS.items():
        pattern = re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)")
        if pattern.search(text):
            text = pattern.sub(right, text)
            fixes.append((wrong, right))
    return text, had_unusual, fixes


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
    """
    if not text.strip():
        raise CorpusError(f"{source}: the file is empty; an article needs a headline and at least one paragraph")

    log: list[LogEntry] = []
    lines: list[tuple[int, str, str]] = []  # (line_no, raw stripped, normalised)
    corrections: list[tuple[str, str]] = []
    for line_no, raw_line in enumerate(text.splitlines(), start=1):
        norm, had_unusual, fixes = _normalise(raw_line)
        if not norm:
            continue  # blank lines only separate paragraphs; nothing to log
        raw_stripped = raw_line.strip()
        if had_unusual:
            log.append(LogEntry(line_no, raw_stripped, "unusual_space", "changed", "spaces normalised"))
        for wrong, right in fixes:
            log.append(LogEntry(line_no, raw_stripped, "typo_correction", "changed", f"{wrong!r} -> {right!r}"))
            corrections.append((wrong, right))
        lines.append((line_no, raw_stripped, norm))

    decided: dict[int, tuple[str, str, str]] = {}  # index -> (rule, action, detail)

    # Rules that apply wherever a line stands.
    for index, (_, _, norm) in enumerate(lines):
        bare = norm.strip(_BULLETS)
        if not _LETTER_OR_DIGIT.search(norm):
            decided[index] = ("separator", "removed", "")
        elif _FURNITURE.fullmatch(bare):
            decided[index] = ("page_furniture", "removed", "")
        elif _BREADCRUMB.search(norm) and _words(norm) <= 12 and not _ends_sentence(norm):
            decided[index] = ("breadcrumb", "removed", "")
        elif _COPYRIGHT.match(bare):
            decided[index] = ("copyright", "removed", "")
        elif _CREDITS.match(bare):
            decided[index] = ("credits", "moved", "credits")

    # A comment box ends the article: it and every undecided line below it go.
    first_sentence = next((i for i in range(len(lines)) if i not in decided and _body_like(lines[i][2])), None)
    box = next(
        (i for i in range(len(lines)) if first_sentence is not None and i > first_sentence
         and i not in decided and _COMMENT_BOX.search(lines[i][2])),
        None,
    )
    if box is not None:
        for index in range(box, len(lines)):
            decided.setdefault(index, ("comment_widget", "removed", ""))

    open_lines = [i for i in range(len(lines)) if i not in decided]
    body_like = [i for i in open_lines if _body_like(lines[i][2])]
    if not body_like:
        raise CorpusError(
            f"{source}: no body paragraph found (no line of eight or more words ending in a full stop); "
            "is this a news article?"
        )
    body_start, body_end = body_like[0], body_like[-1]

    title: str | None = None
    title_basis = "headline line"
    slug: str | None = None
    byline: str | None = None
    published: date | None = None
    published_text: str | None = None
    standfirst: list[str] = []
    credits = [lines[i][2] for i in sorted(decided) if decided[i][0] == "credits"]
    kept: list[tuple[int, str]] = []  # (index, kind)
    kept_texts: set[str] = set()

    def keep_caption(index: int) -> None:
        norm = lines[index][2]
        if norm in kept_texts:
            decided[index] = ("duplicate_caption", "removed", "")
        else:
            kept.append((index, "caption"))
            kept_texts.add(norm)

    # Above the first full sentence: masthead, menus, date, byline, headline, standfirst.
    for index in [i for i in open_lines if i < body_start]:
        norm = lines[index][2]
        when = _dateline(norm)
        if when is not None:
            decided[index] = ("dateline", "moved", "published")
            if published is None:
                published, published_text = when, norm
        elif _byline(norm):
            decided[index] = ("byline", "moved", "byline")
            byline = byline or norm
        elif _SLUG.match(norm):
            decided[index] = ("url_slug", "moved", "title (only if no headline)")
            slug = slug or norm
        elif _is_caption(norm):
            keep_caption(index)
        elif title is None:
            if _words(norm) <= 3 and not _SECTION_LABEL.match(norm):
                decided[index] = ("menu", "removed", "")
            else:
                title = norm
                decided[index] = ("headline", "moved", "title")
        elif norm == title:
            decided[index] = ("repeated_headline", "removed", "")
        elif _words(norm) >= 5:
            standfirst.append(norm)
            decided[index] = ("standfirst", "moved", "standfirst")
        else:
            decided[index] = ("menu", "removed", "")

    if title is None and slug is not None:
        body_text = " ".join(lines[i][2] for i in open_lines if i >= body_start)
        title = _title_from_slug(slug, body_text)
        title_basis = "from the page's URL slug, capitals restored from the body text"
        for index, (rule, _, _) in list(decided.items()):
            if rule == "url_slug":
                decided[index] = ("url_slug", "moved", "title")
    if title is None:
        raise CorpusError(
            f"{source}: no headline found above the first paragraph; add the article's title as its first line"
        )

    # The body: keep paragraphs, drop repeats, pasted links and subheadings.
    body_open = [i for i in open_lines if body_start <= i <= body_end and i not in decided]
    counts: dict[str, int] = {}
    for index in body_open:
        counts[lines[index][2]] = counts.get(lines[index][2], 0) + 1
    for index in body_open:
        norm = lines[index][2]
        if norm == title:
            decided[index] = ("repeated_headline", "removed", "")
        elif _is_caption(norm):
            keep_caption(index)
        elif norm in kept_texts:
            decided[index] = ("duplicate_line", "removed", "")
        elif not _ends_sentence(norm) and _words(norm) <= 20:
            rule = "related_link" if counts[norm] > 1 else "section_heading"
            decided[index] = (rule, "removed", "")
        else:
            kept.append((index, "body"))
            kept_texts.add(norm)

    # Below the last full sentence: bylines, then the comment box.
    for index in [i for i in open_lines if i > body_end and i not in decided]:
        norm = lines[index][2]
        if _byline(norm) and byline is None:
            byline = norm
            decided[index] = ("byline", "moved", "byline")
        elif _byline(norm):
            decided[index] = ("byline", "removed", "")
        else:
            decided[index] = ("comment_widget", "removed", "")

    for index, (rule, action, detail) in decided.items():
        line_no, raw_stripped, _ = lines[index]
        log.append(LogEntry(line_no, raw_stripped, rule, action, detail))
    log.sort(key=lambda entry: (entry.line_no, entry.action != "changed"))

    kept.sort()
    paragraphs = [
        Paragraph(number, lines[index][2], kind, lines[index][0])
        for number, (index, kind) in enumerate(kept, start=1)
    ]
    return CleanArticle(
        source=source,
        title=_SECTION_LABEL.sub("", title).strip() or title,
        title_basis=title_basis,
        paragraphs=paragraphs,
        log=log,
        byline=byline,
        published=published,
        published_text=published_text,
        standfirst=" ".join(standfirst) or None,
        credits=" ".join(credits) or None,
        corrections=corrections,
    )
