"""The steps of cleaning one raw page, in order, each a plain function of a :class:`Page`.

:func:`run_steps` splits the page into lines and hands a :class:`Page` from step to
step; each step decides some lines (a rule, an action, a detail) or keeps them as
paragraphs. What each rule looks for is in :mod:`krcn_lab.cleaning_rules`;
:mod:`krcn_lab.corpus` turns the finished page into a :class:`~krcn_lab.corpus.CleanArticle`.

1. ``read_lines`` — normalise spaces and known typos (``unusual_space``, ``typo_correction``);
2. ``mark_anywhere`` — rules that apply wherever a line stands (``separator`` … ``credits``);
3. ``mark_comment_box`` — a comment box ends the article (``comment_widget``);
4. ``find_body`` — the body runs from the first to the last full sentence;
5. ``read_head`` — above the body: date, byline, slug, captions, headline, standfirst, menus;
6. ``title_from_slug`` — a page with no headline takes its title from its URL slug;
7. ``read_body`` — keep paragraphs, drop repeats, pasted links and subheadings;
8. ``read_tail`` — below the body: a byline, else comment-box leftovers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from . import cleaning_rules as rules

__all__ = ["CorpusError", "Page", "run_steps", "STEPS"]


class CorpusError(ValueError):
    """A raw article that cannot be cleaned. The message names the file and the problem."""


class Line(NamedTuple):
    line_no: int  # 1-based, in the raw page
    raw: str  # the raw line, stripped (as the log shows it)
    text: str  # spaces normalised and known typos corrected


@dataclass
class Page:
    """What the steps know so far: the lines, each decided line's (rule, action, detail)
    by index, and the kept paragraphs. Metadata is read off the decisions at the end."""

    source: str
    lines: list[Line] = field(default_factory=list)
    changes: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # spaces and typos
    corrections: list[tuple[str, str]] = field(default_factory=list)
    decided: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    open: list[int] = field(default_factory=list)  # undecided when the body was found
    body_start: int = 0
    body_end: int = 0
    kept: list[tuple[int, str]] = field(default_factory=list)  # (index, kind)
    kept_texts: set[str] = field(default_factory=set, repr=False)  # the text of each kept line
    title: str | None = None
    title_basis: str = "headline line"

    def texts(self, rule: str, action: str = "moved") -> list[str]:
        """The clean text of every line decided by *rule* with *action*, in page order."""
        return [self.lines[i].text for i in sorted(self.decided) if self.decided[i][:2] == (rule, action)]


def _normal_spaces(line: str, unusual: bool = True) -> str:
    """*line* with unusual spaces made ordinary (when its page has any), runs of spaces collapsed to one,
    and stripped."""
    if unusual and rules.UNUSUAL_SPACES.search(line):
        line = rules.UNUSUAL_SPACES.sub(" ", line)
    if "  " in line or "\t" in line:  # (the quick test first: most lines have single spaces only)
        line = rules.SPACES.sub(" ", line)
    return line.strip()


def _read_lines(text: str, source: str) -> Page:
    """Step 1: split the page into lines, normalise spaces and known typos, log each change."""
    page = Page(source)
    unusual = bool(rules.UNUSUAL_SPACES.search(text))  # (most pages have none: no line need be checked)
    for line_no, raw_line in enumerate(text.splitlines(), start=1):
        clean, fixes = rules.correct_typos(_normal_spaces(raw_line, unusual))
        if not clean:
            continue  # blank lines only separate paragraphs; nothing to log
        raw = raw_line.strip()
        if unusual and rules.RULES["unusual_space"].matches(raw_line):
            page.changes.append((line_no, raw, "unusual_space", "changed", "spaces normalised"))
        for wrong, right in fixes:
            page.changes.append((line_no, raw, "typo_correction", "changed", f"{wrong!r} -> {right!r}"))
            page.corrections.append((wrong, right))
        page.lines.append(Line(line_no, raw, clean))
    return page


def _mark_anywhere(page: Page) -> None:
    """Step 2: decide the lines whose shape alone says what they are, trying the rules in order."""
    checks = [(name, rules.RULES[name].matches) for name in ("separator", "page_furniture", "breadcrumb",
                                                                "copyright", "credits")]
    for index, line in enumerate(page.lines):
        for name, matches in checks:
            if matches(line.text):
                page.decided[index] = (name, "moved", "credits") if name == "credits" else (name, "removed", "")
                break


def _mark_comment_box(page: Page) -> None:
    """Step 3: a comment box below the first full sentence ends the article."""
    undecided = [i for i in range(len(page.lines)) if i not in page.decided]
    first = next((i for i in undecided if rules.is_body_like(page.lines[i].text)), None)
    if first is None:
        return
    box = next((i for i in undecided if i > first and rules.RULES["comment_widget"].matches(page.lines[i].text)), None)
    if box is not None:
        for index in range(box, len(page.lines)):
            page.decided.setdefault(index, ("comment_widget", "removed", ""))


def _find_body(page: Page) -> None:
    """Step 4: the body runs from the first to the last line that reads as a paragraph."""
    page.open = [i for i in range(len(page.lines)) if i not in page.decided]
    body = [i for i in page.open if rules.is_body_like(page.lines[i].text)]
    if not body:
        raise CorpusError(
            f"{page.source}: no body paragraph found (no line of eight or more words ending in a full stop); "
            "is this a news article?"
        )
    page.body_start, page.body_end = body[0], body[-1]


def _keep(page: Page, index: int, kind: str) -> None:
    page.kept.append((index, kind))
    page.kept_texts.add(page.lines[index].text)


def _keep_caption(page: Page, index: int) -> None:
    if page.lines[index].text in page.kept_texts:
        page.decided[index] = ("duplicate_caption", "removed", "")
    else:
        _keep(page, index, "caption")


def _read_headline_area(page: Page, index: int) -> None:
    text = page.lines[index].text
    if page.title is None and rules.RULES["menu"].matches(text):
        page.decided[index] = ("menu", "removed", "")
    elif page.title is None:
        page.title = text
        page.decided[index] = ("headline", "moved", "title")
    elif text == page.title:
        page.decided[index] = ("repeated_headline", "removed", "")
    elif rules.RULES["standfirst"].matches(text):
        page.decided[index] = ("standfirst", "moved", "standfirst")
    else:
        page.decided[index] = ("menu", "removed", "")


def _read_head(page: Page) -> None:
    """Step 5: above the first full sentence: date, byline, slug, captions, headline, standfirst, menus."""
    for index in [i for i in page.open if i < page.body_start]:
        text = page.lines[index].text
        if rules.RULES["dateline"].matches(text):
            page.decided[index] = ("dateline", "moved", "published")
        elif rules.RULES["byline"].matches(text):
            page.decided[index] = ("byline", "moved", "byline")
        elif rules.RULES["url_slug"].matches(text):
            page.decided[index] = ("url_slug", "moved", "title (only if no headline)")
        elif rules.RULES["duplicate_caption"].matches(text):
            _keep_caption(page, index)
        else:
            _read_headline_area(page, index)


def _title_from_slug(page: Page) -> None:
    """Step 6: a page with no headline takes its title from its URL slug, else is refused."""
    slugs = [i for i in sorted(page.decided) if page.decided[i][0] == "url_slug"]
    if page.title is None and slugs:
        body_text = " ".join(page.lines[i].text for i in page.open if i >= page.body_start)
        page.title = rules.title_from_slug(page.lines[slugs[0]].text, body_text)
        page.title_basis = "from the page's URL slug, capitals restored from the body text"
        page.decided.update((index, ("url_slug", "moved", "title")) for index in slugs)
    if page.title is None:
        raise CorpusError(
            f"{page.source}: no headline found above the first paragraph; add the article's title as its first line"
        )


def _read_body(page: Page) -> None:
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
            _keep(page, index, "body")


def _read_tail(page: Page) -> None:
    """Step 8: below the last full sentence: the first byline, then comment-box leftovers."""
    for index in [i for i in page.open if i > page.body_end]:
        if not rules.RULES["byline"].matches(page.lines[index].text):
            page.decided[index] = ("comment_widget", "removed", "")
        elif page.texts("byline"):
            page.decided[index] = ("byline", "removed", "")
        else:
            page.decided[index] = ("byline", "moved", "byline")


STEPS = (_mark_anywhere, _mark_comment_box, _find_body, _read_head, _title_from_slug, _read_body, _read_tail)


def run_steps(text: str, source: str = "<text>") -> Page:
    """Split *text* into lines and run every step on them, in order.

    >>> page = run_steps("Seoul and Beijing hold talks\\n\\nThe two foreign ministers met in Seoul on Monday.")
    >>> page.title, page.decided, page.kept
    ('Seoul and Beijing hold talks', {0: ('headline', 'moved', 'title')}, [(1, 'body')])
    """
    page = _read_lines(text, source)
    for step in STEPS:
        step(page)
    return page
