"""Analyse a new article: the seeds' pipeline, run on one text.

:func:`analyze_article` takes the text of an article (plain text or an HTML page) and
runs the same functions that build the workbook's tables from the seeds:

1. :func:`krcn_lab.inputs.prepare_text` — refuse whitespace or binary, extract HTML;
2. :func:`krcn_lab.corpus.clean_text` — the named cleaning rules, with the removal log;
3. :func:`krcn_lab.mentions.find_mentions` — known actors by name, alias and spelling
   variant (:func:`krcn_lab.candidates.expand_actor_names`), bare surnames resolved
   within the article;
4. :func:`krcn_lab.candidates.candidate_actors` and :func:`~krcn_lab.candidates.candidate_issues`
   — what the article may add: people who are no known actor, issues by keyword.

A Korean article (detected, or ``language="ko"``) takes the same steps with the Korean
forms of steps 3 and 4 (:mod:`krcn_lab.korean`): Hangul names with particles attached,
surname-plus-title references ("조 장관은") resolved as above, proper nouns before a title
as candidate new names, and the Korean keyword list of each issue.

The result's :meth:`ArticleAnalysis.to_json` is stable and documented in ``docs/analysis.md``.

Example
-------
>>> result = analyze_article("Seoul and Beijing hold talks\\n\\n"
...     "Foreign Minister Cho Hyun met Wang Yi in Beijing on Wednesday. Cho said ties should improve.")
>>> [(m.surface, m.actor_id) for m in result.mentions.itertuples()]
[('Cho Hyun', 'cho_hyun'), ('Wang Yi', 'wang_yi'), ('Cho', 'cho_hyun')]
"""

from __future__ import annotations

import contextlib
import gc
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import corpus, dataset, inputs, korean
from .candidates import (candidate_actors, candidate_issues, drop_shadowed_surnames, expand_actor_names,
                         load_issue_keywords)
from .mentions import find_mentions

__all__ = ["SCHEMA", "Vocabulary", "vocabulary", "ArticleAnalysis", "analyze_article", "analyze_file", "analyze_texts",
           "error_row"]

#: Names the shape of :meth:`ArticleAnalysis.to_dict`; it changes only when a key is renamed or removed.
SCHEMA = "krcn_lab.analysis/1"


@dataclass(frozen=True)
class Vocabulary:
    """What an article is read against: the actors (with spelling variants), issue keywords and labels;
    and for a Korean article the actors in Hangul (:func:`krcn_lab.korean.korean_actors`) and Korean keywords."""

    actors: pd.DataFrame
    keywords: dict
    issue_labels: dict
    korean_actors: pd.DataFrame | None = None
    korean_keywords: dict = field(default_factory=dict)
    actor_names: dict = field(default_factory=dict)  # actor_id -> name, for the JSON


def vocabulary(data_dir=None) -> Vocabulary:
    """The package's actors, issue keywords and issue labels, ready for :func:`analyze_article`.

    Loading them once and passing them to many calls saves time on a folder of articles.

    >>> vocabulary().issue_labels["taiwan"]
    'Taiwan and the One-China principle'
    """
    issues, actors = dataset.load_issues(data_dir), dataset.load_actors(data_dir)
    return Vocabulary(expand_actor_names(actors), load_issue_keywords(data_dir),
                      dict(zip(issues["issue_id"], issues["label"])),
                      korean.korean_actors(dataset.load_actor_names(data_dir), actors),
                      load_issue_keywords(data_dir, language="ko"), dict(zip(actors["actor_id"], actors["name"])))


@dataclass
class ArticleAnalysis:
    """One analysed article: the cleaning, its paragraphs, mentions and candidates (tables)."""

    source: str
    article: corpus.CleanArticle
    paragraphs: pd.DataFrame
    mentions: pd.DataFrame
    candidate_actors: pd.DataFrame
    candidate_issues: pd.DataFrame
    encoding: str = "str"
    format: str = "text"
    metadata: dict = field(default_factory=dict)
    language: str = "en"
    analyser: str = "patterns"
    actor_names: dict = field(default_factory=dict, repr=False)
    issue_labels: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        """Plain dict with the keys of ``docs/analysis.md`` (``error`` is None)."""
        article_id = self.paragraphs["article_id"].iat[0] if len(self.paragraphs) else None
        tables = {name: _records(getattr(self, name), columns).get(article_id, []) for name, columns in _RECORDS.items()}
        return _as_dict(self.source, self.article, tables, encoding=self.encoding, format=self.format,
                        metadata=self.metadata, language=self.language, analyser=self.analyser,
                        actor_names=self.actor_names, issue_labels=self.issue_labels)

    def to_json(self, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON (UTF-8 text, keys in a fixed order).

        >>> json.loads(analyze_article("Wang Yi visits Seoul\\n\\nWang Yi met officials in Seoul on Monday for talks.").to_json())["title"]
        'Wang Yi visits Seoul'
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


#: The columns of each table that the JSON reports, in the order :func:`_as_dict` reads them.
_RECORDS = {
    "mentions": ("paragraph", "start", "end", "actor_id", "surface", "resolution"),
    "candidate_actors": ("name", "paragraph", "title", "reason"),
    "candidate_issues": ("issue_id", "paragraph", "word"),
}


def _records(frame: pd.DataFrame, columns: tuple[str, ...]) -> dict[str, list[tuple]]:
    """The rows of *frame* (columns *columns*, plain Python values, no pandas scalars), by article, in order."""
    out: dict[str, list[tuple]] = {}
    values = [[None if v is pd.NA else v for v in frame[c].tolist()] for c in columns]
    for article_id, row in zip(frame["article_id"].tolist(), zip(*values)):
        out.setdefault(article_id, []).append(row)
    return out


def _as_dict(source: str, art: corpus.CleanArticle, tables: dict[str, list[tuple]], *, encoding: str,
             format: str, metadata: dict, language: str, analyser: str, actor_names: dict,
             issue_labels: dict) -> dict:
    """The JSON row of one article from its cleaning and the rows of its tables (see :data:`_RECORDS`)."""
    mentions = tables["mentions"]
    return {
        "schema": SCHEMA, "source": source, "error": None,
        "metadata": {key: _plain(value) for key, value in metadata.items()},
        "input": {"encoding": encoding, "format": format},
        "title": art.title, "title_basis": art.title_basis, "byline": art.byline,
        "published": art.published.isoformat() if art.published else None,
        "published_text": art.published_text, "standfirst": art.standfirst,
        "paragraphs": [{"paragraph": p.number, "kind": p.kind, "line_no": p.line_no, "text": p.text}
                       for p in art.paragraphs],
        "cleaning_log": [{"line_no": e.line_no, "rule": e.rule, "action": e.action, "detail": e.detail,
                          "text": e.text} for e in art.log],
        "mentions": [{"paragraph": p, "start": s, "end": e, "actor_id": a, "name": actor_names.get(a),
                      "surface": surface, "resolution": r} for p, s, e, a, surface, r in mentions],
        "actors": _actor_summary(mentions, actor_names),
        "candidate_actors": _grouped(tables["candidate_actors"], "name", ("titles", "reasons")),
        "candidate_issues": [{"issue_id": row["issue_id"], "label": issue_labels.get(row["issue_id"]), **row}
                             for row in _grouped(tables["candidate_issues"], "issue_id", ("words",))],
        "language": language, "analyser": analyser,
    }


def _actor_summary(mentions: list[tuple], actor_names: dict) -> list[dict]:
    """Each actor mentioned, in order of first mention: how often, and in which paragraphs."""
    summary: dict = {}
    for paragraph, _, _, actor_id, _, _ in mentions:
        entry = summary.setdefault(actor_id, {"actor_id": actor_id, "name": actor_names.get(actor_id),
                                              "mentions": 0, "paragraphs": []})
        entry["mentions"] += 1
        if paragraph not in entry["paragraphs"]:
            entry["paragraphs"].append(paragraph)
    return list(summary.values())


def _plain(value):
    """A metadata value as JSON can hold it (dates and other objects as text)."""
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _grouped(rows: list[tuple], key: str, lists: tuple[str, ...]) -> list[dict]:
    """One entry per value of the rows' first item (*key*), in order of first appearance: the distinct
    values of the items after the paragraph (named *lists*), its paragraphs, and its number of hits."""
    out: dict = {}
    for value, paragraph, *items in rows:
        entry = out.setdefault(value, {key: value, **{name: [] for name in lists}, "paragraphs": [], "hits": 0})
        for name, item in [*zip(lists, items), ("paragraphs", paragraph)]:
            if item not in entry[name] and item not in ("", None):
                entry[name].append(item)
        entry["hits"] += 1
    return list(out.values())


def _find(paragraphs: pd.DataFrame, vocab: Vocabulary, language: str) -> tuple:
    """Mentions, candidate actors and issue tags of *paragraphs*, and the analyser that read them."""
    if language != "ko":
        mentions = find_mentions(paragraphs, vocab.actors)
        candidates = candidate_actors(paragraphs, mentions, vocab.actors)
        return mentions, candidates, candidate_issues(paragraphs, vocab.keywords), "patterns"
    actors = vocab.korean_actors
    if actors is None:
        actors = korean.korean_actors(dataset.load_actor_names(), dataset.load_actors())
    tokens = korean.tokenize(paragraphs, actors)
    mentions = korean.find_korean_mentions(paragraphs, actors, tokens)
    candidates = korean.korean_candidate_actors(paragraphs, mentions, actors, tokens)
    keywords = vocab.korean_keywords or load_issue_keywords(language="ko")
    return mentions, candidates, candidate_issues(paragraphs, keywords), "patterns" if tokens is None else "kiwipiepy"


def _check_language(language: str | None, source: str) -> None:
    if language not in (None, "en", "ko"):
        raise inputs.InputError(f"{source}: language {language!r} is not analysed (use 'en' or 'ko')")


def _paragraph_table(articles: dict[str, corpus.CleanArticle]) -> pd.DataFrame:
    """One row per clean paragraph of *articles* (by article id): ``article_id``, ``paragraph``, ``text``."""
    rows = [(article_id, p.number, p.text) for article_id, art in articles.items() for p in art.paragraphs]
    return pd.DataFrame(rows, columns=["article_id", "paragraph", "text"]).astype({"paragraph": "int64"})


def _tables(paragraphs: pd.DataFrame, vocab: Vocabulary, language: str) -> tuple[dict[str, pd.DataFrame], str]:
    """Steps 3 and 4 on the paragraphs of one or many articles: their tables by name, and the analyser."""
    mentions, candidates, issues, analyser = _find(paragraphs, vocab, language)
    return {"mentions": drop_shadowed_surnames(mentions, candidates), "candidate_actors": candidates,
            "candidate_issues": issues}, analyser


def _analyze(prepared: inputs.ArticleText, vocab: Vocabulary | None, metadata: dict,
             language: str | None = None) -> ArticleAnalysis:
    """The pipeline of the module's docstring, on text that :mod:`krcn_lab.inputs` has checked."""
    _check_language(language, prepared.source)
    vocab = vocab or vocabulary()
    article = corpus.clean_text(prepared.text, source=prepared.source)
    paragraphs = _paragraph_table({str(metadata.get("article_id", "new")): article})
    language = language or korean.detect_language(prepared.text)
    tables, analyser = _tables(paragraphs, vocab, language)
    return ArticleAnalysis(
        source=prepared.source, article=article, paragraphs=paragraphs, **tables, encoding=prepared.encoding,
        format=prepared.format, metadata=dict(metadata), language=language, analyser=analyser,
        actor_names=vocab.actor_names, issue_labels=vocab.issue_labels,
    )


def analyze_texts(texts: list[inputs.ArticleText], *, vocabulary: Vocabulary | None = None,
                  language: str | None = None) -> list[dict]:
    """The JSON rows of many checked texts (from :func:`krcn_lab.inputs.read_article` or
    :func:`~krcn_lab.inputs.prepare_text`), in order: :meth:`ArticleAnalysis.to_dict` of each, or
    :func:`error_row` for a text that cleaning refuses.

    The steps are those of :func:`analyze_article`, and each row is the row it gives; but the
    paragraphs of all the articles in one language go through mention finding and tagging as one
    table, so that the fixed cost of building tables is paid once, not once per article.

    >>> rows = analyze_texts([inputs.prepare_text("Wang Yi in Seoul\\n\\nWang Yi met Cho Hyun in Seoul on Monday.", "a"),
    ...                       inputs.prepare_text("Menu", "b")])
    >>> [a["name"] for a in rows[0]["actors"]], rows[1]["error"]
    (['Wang Yi', 'Cho Hyun'], 'b: no body paragraph found (no line of eight or more words ending in a full stop); is this a news article?')
    """
    if texts:
        _check_language(language, texts[0].source)
    vocab = vocabulary or _load_vocabulary()
    with _collector_paused():
        return _rows(texts, vocab, language)


@contextlib.contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a share of articles is analysed. The analysis makes
    tens of thousands of small objects that live until the share is done and that reference counting
    frees; the collector's passes over them would add about a third to the time (``benchmarks/``)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _rows(texts: list[inputs.ArticleText], vocab: Vocabulary, language: str | None) -> list[dict]:
    """:func:`analyze_texts`, its vocabulary given."""
    rows: list = [None] * len(texts)
    cleaned: dict[str, dict[str, corpus.CleanArticle]] = {}  # language -> article key -> article
    for index, text in enumerate(texts):
        try:
            article = corpus.clean_text(text.text, source=text.source)
        except corpus.CorpusError as exc:
            rows[index] = error_row(text.source, str(exc))
            continue
        cleaned.setdefault(language or korean.detect_language(text.text), {})[str(index)] = article
    for lang, articles in cleaned.items():
        tables, analyser = _tables(_paragraph_table(articles), vocab, lang)
        records = {name: _records(tables[name], columns) for name, columns in _RECORDS.items()}
        for key, article in articles.items():
            text = texts[int(key)]
            rows[int(key)] = _as_dict(
                text.source, article, {name: records[name].get(key, []) for name in _RECORDS},
                encoding=text.encoding, format=text.format, metadata={}, language=lang, analyser=analyser,
                actor_names=vocab.actor_names, issue_labels=vocab.issue_labels)
    return rows


def analyze_article(text: str, *, source: str = "<text>", vocabulary: Vocabulary | None = None,
                    language: str | None = None, **metadata) -> ArticleAnalysis:
    """Clean and analyse one article given as text (plain or HTML).

    *metadata* (``article_id``, ``outlet``, ``url`` …) is kept as given and returned in the
    JSON; ``article_id`` also names the article in the tables (default ``"new"``). Raises
    :class:`krcn_lab.corpus.CorpusError` (or its kind :class:`krcn_lab.inputs.InputError`)
    with a one-line message when the text is not an article.

    *language* is ``"en"`` or ``"ko"``; by default it is detected (Korean when at least a third
    of the letters are Hangul: :func:`krcn_lab.korean.detect_language`).

    >>> result = analyze_article("South Korean envoy in Beijing\\n\\nA delegation led by Park Byeong-seug met "
    ...                          "Wang Yi on Sunday. Park invited Xi to the APEC summit.", outlet="test")
    >>> result.mentions[["surface", "actor_id", "resolution"]].values.tolist()[2]
    ['Park', 'park_byeong_seug', 'surname: named earlier in the article']
    >>> sorted(result.candidate_issues.issue_id.unique())
    ['apec_2025', 'high_level_exchanges']
    >>> ko = analyze_article("한중 외교장관 베이징 회담\\n\\n조현 외교부 장관은 베이징에서 왕이 외교부장과 만나 "
    ...                      "한반도 문제를 논의했다. 조 장관은 사드 문제도 언급했다.")
    >>> ko.language, ko.mentions[["surface", "actor_id"]].values.tolist()
    ('ko', [['조현', 'cho_hyun'], ['왕이', 'wang_yi'], ['조', 'cho_hyun']])
    """
    return _analyze(inputs.prepare_text(text, source), vocabulary, metadata, language)


def analyze_file(path: str | Path, *, vocabulary: Vocabulary | None = None, language: str | None = None,
                 **metadata) -> ArticleAnalysis:
    """Read the article at *path* with :func:`krcn_lab.inputs.read_article`, then :func:`analyze_article`.

    >>> analyze_file("no/such/page.html")
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: no/such/page.html: file not found
    """
    return _analyze(inputs.read_article(path), vocabulary, metadata, language)


_load_vocabulary = vocabulary  # for functions whose parameter *vocabulary* hides the function


def error_row(source: str, message: str) -> dict:
    """The JSON row of a file that could not be analysed (see ``docs/analysis.md``).

    >>> error_row("a.txt", "a.txt: the file is empty")
    {'schema': 'krcn_lab.analysis/1', 'source': 'a.txt', 'error': 'a.txt: the file is empty'}
    """
    return {"schema": SCHEMA, "source": source, "error": message}
