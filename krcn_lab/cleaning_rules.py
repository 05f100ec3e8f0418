"""The cleaning rules: what each one looks for and the reason a learner reads.

This is the one file an instructor edits to tune cleaning. :mod:`krcn_lab.corpus`
and :mod:`krcn_lab.cleaning_steps` run the rules in a fixed order; this module only
says *what a line looks like* for each rule.

How to edit
-----------
- **A rule's reason.** Edit the ``explanation`` of its entry in :data:`RULES`.
  Learners see it next to every line the rule removed (keep it one sentence).
- **What a rule catches.** Each entry's ``matches`` is a plain function of one
  line of clean text (spaces already normalised) that returns ``True`` when the
  line has the rule's shape. Tune it through the patterns and numbers just above
  the table: for example add a website label to :data:`FURNITURE`, a news agency
  to :data:`CAPTION_CREDIT`, or raise :data:`MENU_MAX_WORDS`.
  ``matches`` is ``None`` for rules that compare a line with other lines
  (a headline printed twice, a paragraph repeated word for word).
- **A known typo.** Add ``"wrong": "right"`` to :data:`CORRECTIONS`. Only whole
  words are replaced; the raw file keeps the original and the log records it.
- **Check your edit.** Run ``krcn-lab clean seeds/<file>.txt --log`` on a seed
  and ``python -m pytest tests/test_corpus.py``: the tests name, for every seed,
  the paragraphs a careful reader keeps, and, for every rule, a tiny page it
  must clean exactly so.

Rule names are stored in the cleaning log, so rename a rule only together
with the tests. Every rule here is used by :mod:`krcn_lab.cleaning_steps`, which runs
them in a fixed order.

>>> RULES["separator"].matches("* * *"), RULES["separator"].matches("Seoul")
(True, False)
>>> RULES["menu"].matches("World"), RULES["menu"].matches("Seoul and Beijing hold talks")
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

__all__ = [
    "Rule", "RULES", "CORRECTIONS", "correct_typos", "find_date", "is_body_like", "is_dateline",
    "title_from_slug", "words",
]

#: Known typos in the sources, corrected in the clean text and logged.
#: Instructors add a pair here when a new article has a typo worth fixing.
CORRECTIONS: dict[str, str] = {
    "Kirea's": "Korea's",
}

# -- Numbers an instructor may tune -------------------------------------------------
BODY_MIN_WORDS = 8  # a paragraph: at least this many words and a full stop
CAPTION_MIN_WORDS = 5  # a photo caption: at least this many words and a photo credit
MENU_MAX_WORDS = 3  # above the headline, a line this short is a menu item
STANDFIRST_MIN_WORDS = 5  # below the headline, a line this long is a summary
HEADING_MAX_WORDS = 20  # in the body, a line without a full stop this short is a heading
BREADCRUMB_MAX_WORDS = 12
BYLINE_MAX_WORDS = 10
DATELINE_MAX_OTHER_WORDS = 2  # words beside the date, such as "Published :" or "Updated"

# -- Patterns an instructor may tune ------------------------------------------------
UNUSUAL_SPACES = re.compile("[\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]")
SPACES = re.compile(r"[ \t]+")
LETTER_OR_DIGIT = re.compile(r"[^\W_]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
BULLETS = "•·*–-▪● "
FURNITURE = re.compile(
    r"(read more|leave a (reply|comment)|related (article|articles|stories|news)|link copied|"
    r"(print|share|email|dictionary|save|copy link)( (print|share|email|dictionary|save|copy link))*|"
    r"published in .{1,40}|comments?|(blog )?comments powered by \w+|advertisement|"
    r"subscribe( now)?|sign in|log ?in|follow us.*)",
    re.IGNORECASE,
)
BREADCRUMB = re.compile(r"\S\s+[>»|]\s+\S")
COPYRIGHT = re.compile(r"^(©|ⓒ|\(c\)\s|copyright\b|all rights reserved)", re.IGNORECASE)
CREDITS = re.compile(r"^\(?\s*with (additional )?(assistance|reporting) (from|by)\b", re.IGNORECASE)
BYLINE_BY = re.compile(r"^by\s+(?P<name>[^\W\d_][\w .'\-]+?)\s*(\[[^\]]*\])?$", re.IGNORECASE)
BYLINE_OUTLET = re.compile(
    r"^(?P<name>[A-Z][\w'\-]+(?:[ \-][A-Z][\w'\-]+)+),\s+(?P<outlet>[A-Z][\w&.' ]+?)(?:\s+on)?$"
)
COMMENT_BOX = re.compile(
    r"(?=[lsc])"  # (the letters the phrases below start with: the search skips the others; keep it in step)
    r"(?:\b(log ?in|sign ?in|sign up)\b.*\b(accounts?|comments?|connect)\b"
    r"|\bcomments?\b.*\b(log ?in|sign ?in|powered by|write|policy)\b)",
    re.IGNORECASE,
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")
CAPTION_CREDIT = re.compile(r"(\[[A-Z0-9 .&/-]{2,}\]|\((?:photo|AP|AFP|Reuters|Yonhap|EPA|Xinhua)[^)]*\))$")
SECTION_LABEL = re.compile(r"^\[[^\]]+\]\s*")
SENTENCE_END = re.compile(r"[.!?…:;]$")
CLOSERS = "\"'”’)]»"
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
DATE_PATTERNS = [
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTHS})\.?,?\s+(?P<y>\d{{4}})\b"),
    re.compile(rf"\b(?P<m>{MONTHS})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b"),
    re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<y>\d{4})\.\s?(?P<mm>\d{1,2})\.\s?(?P<d>\d{1,2})\b"),  # 2025.09.17 (Korean pages)
    re.compile(r"\b(?P<y>\d{4})년\s*(?P<mm>\d{1,2})월\s*(?P<d>\d{1,2})일"),  # 2025년 9월 17일
]
TIME = re.compile(r"\b\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\b", re.IGNORECASE)
_MONTH_NUMBER = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}


# -- What a line looks like ---------------------------------------------------------
def words(line: str) -> int:
    """The number of words in *line*. A word written in Hangul counts one per two syllables
    (rounded up), since a Korean word carries its particles and endings ("장관은": "the minister")
    and a Korean line has about half as many spaces as its English translation.

    >>> words("Seoul and Beijing hold talks"), words("한중 외교장관 회담"), words("로그인")
    (5, 4, 2)
    """
    tokens = line.split()
    if line.isascii() or not HANGUL.search(line):  # no Hangul: one word per token (the common case, counted fast)
        return len(tokens)
    return sum(max(1, (len(HANGUL.findall(token)) + 1) // 2) for token in tokens)


def ends_sentence(line: str) -> bool:
    """Whether *line* ends like a sentence (a full stop, also inside closing quotes).

    >>> ends_sentence('He said "we agree."'), ends_sentence("Related Stories")
    (True, False)
    """
    return bool(SENTENCE_END.search(line.rstrip(CLOSERS)))


def is_body_like(line: str) -> bool:
    """Whether *line* looks like a paragraph: long enough, a full stop, no photo credit.

    >>> is_body_like("The two ministers met in Beijing on Monday to discuss trade.")
    True
    """
    return words(line) >= BODY_MIN_WORDS and ends_sentence(line) and not CAPTION_CREDIT.search(line)


def find_date(line: str) -> date | None:
    """Return the first calendar date written in *line* ("16 May 2024", "May 16, 2024", "2024-05-16").

    >>> find_date("Published : May 16, 2024 - 18:12")
    datetime.date(2024, 5, 16)
    >>> find_date("no date here") is None
    True
    """
    for pattern in DATE_PATTERNS:
        match = pattern.search(line)
        if match:
            parts = match.groupdict()
            month = int(parts["mm"]) if parts.get("mm") else _MONTH_NUMBER[parts["m"].lower()]
            try:
                return date(int(parts["y"]), month, int(parts["d"]))
            except ValueError:
                return None
    return None


def is_dateline(line: str) -> bool:
    """Whether *line* only gives a date (with at most a short label such as 'Published :' and a time).

    >>> is_dateline("Published : 2024-05-16 18:12"), is_dateline("Talks were held on 16 May 2024 in Seoul")
    (True, False)
    """
    if find_date(line) is None:
        return False
    rest = line
    for pattern in DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = TIME.sub(" ", rest)
    rest = re.sub(r"[^\w]+", " ", rest).strip()
    return words(rest) <= DATELINE_MAX_OTHER_WORDS


def correct_typos(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Correct the known typos of :data:`CORRECTIONS` in *line* (whole words only).

    >>> correct_typos("Kirea's envoy met Kireas")
    ("Korea's envoy met Kireas", [("Kirea's", "Korea's")])
    """
    fixes = []
    for wrong, right in CORRECTIONS.items():
        if wrong not in line:  # the quick test first: most lines have no typo
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(wrong)}(?!\w)")
        if pattern.search(line):
            line = pattern.sub(right, line)
            fixes.append((wrong, right))
    return line, fixes


def title_from_slug(slug: str, body_text: str) -> str:
    """Turn 'south-korea-and-china-meet' into 'South Korea and China meet', taking each
    word's capitals from how the body writes it in mid-sentence.

    >>> title_from_slug("south-korea-and-china-meet", "Officials of South Korea and China said so.")
    'South Korea and China meet'
    """
    title = []
    for position, word in enumerate(slug.split("-")):
        forms = re.findall(rf"(?<=[\w,;] )({re.escape(word)})\b", body_text, flags=re.IGNORECASE)
        form = max(set(forms), key=forms.count) if forms else word
        title.append(form[:1].upper() + form[1:] if position == 0 else form)
    return " ".join(title)


def _is_byline(line: str) -> bool:
    return bool(BYLINE_BY.match(line) or BYLINE_OUTLET.match(line)) and words(line) <= BYLINE_MAX_WORDS


def _is_caption(line: str) -> bool:
    return words(line) >= CAPTION_MIN_WORDS and bool(CAPTION_CREDIT.search(line))


def _is_heading(line: str) -> bool:
    return not ends_sentence(line) and words(line) <= HEADING_MAX_WORDS


def _is_breadcrumb(line: str) -> bool:  # (the pattern last: it is the slow test on a long line)
    return words(line) <= BREADCRUMB_MAX_WORDS and not ends_sentence(line) and bool(BREADCRUMB.search(line))


@dataclass(frozen=True)
class Rule:
    """A named cleaning rule, the one-sentence reason a learner reads, and the
    shape of line it looks for (``None`` when it compares a line with other lines)."""

    name: str
    explanation: str
    matches: Callable[[str], bool] | None = None


RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in [
        Rule("unusual_space", "Non-breaking, thin and zero-width spaces become ordinary spaces, and runs of spaces collapse to one.",
             lambda line: bool(UNUSUAL_SPACES.search(line))),
        Rule("typo_correction", "A known typo in the source is corrected (see CORRECTIONS); the raw file keeps the original."),
        Rule("separator", "A line with no letters or digits (a slash, a rule of underscores, a bullet) is page decoration.",
             lambda line: not LETTER_OR_DIGIT.search(line)),
        Rule("page_furniture", "A line that is a website control or label, such as 'Read More', 'Leave a Reply', 'Related Article', 'Comments' or 'Link copied'.",
             lambda line: bool(FURNITURE.fullmatch(line.strip(BULLETS)))),
        Rule("breadcrumb", "A navigation trail such as 'Home > National > Diplomacy' or 'World | Asia'.", _is_breadcrumb),
        Rule("menu", "A short line (three words or fewer) above the headline: the site's name or a menu item.",
             lambda line: words(line) <= MENU_MAX_WORDS and not SECTION_LABEL.match(line)),
        Rule("dateline", "A line that only gives the publication date; the date becomes the article's `published`.", is_dateline),
        Rule("byline", "A line naming the author ('By ...', or 'Name, Outlet on'); it becomes the article's `byline`.", _is_byline),
        Rule("url_slug", "A web-address slug (words-joined-by-hyphens); it becomes the title only when the page shows no other headline.",
             lambda line: bool(SLUG.match(line))),
        Rule("headline", "The first headline-like line above the body; it becomes the article's `title`."),
        Rule("standfirst", "A summary line between the headline and the body; it becomes the article's `standfirst`.",
             lambda line: words(line) >= STANDFIRST_MIN_WORDS),
        Rule("repeated_headline", "The headline printed a second time (pages often repeat it above the body)."),
        Rule("duplicate_caption", "A photo caption printed a second time (the first copy is kept as a caption paragraph).", _is_caption),
        Rule("related_link", "The headline of another story pasted into the text: a short line without a full stop that appears more than once.", _is_heading),
        Rule("section_heading", "A short subheading without a full stop inside the body; it is not itself a paragraph of the article.", _is_heading),
        Rule("credits", "A contributors line such as '(With assistance from ...)'; it becomes the article's `credits`.",
             lambda line: bool(CREDITS.match(line.strip(BULLETS)))),
        Rule("copyright", "A copyright or syndication notice.", lambda line: bool(COPYRIGHT.match(line.strip(BULLETS)))),
        Rule("comment_widget", "The comment box and the sign-in prompts below the last paragraph.",
             lambda line: bool(COMMENT_BOX.search(line))),
        Rule("duplicate_line", "A body line repeated word for word; the first copy is kept."),
    ]
}
