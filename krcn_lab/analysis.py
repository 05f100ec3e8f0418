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

The result's :meth:`ArticleAnalysis.to_json` is stable and documented in ``docs/analysis.md``.

Example
-------
>>> result = analyze_article("Seoul and Beijing hold talks\\n\\n"
...     "Foreign Minister Cho Hyun met Wang Yi in Beijing on Wednesday. Cho said ties should improve.")
>>> [(m.surface, m.actor_id) for m in result.mentions.itertuples()]
[('Cho Hyun', 'cho_hyun'), ('Wang Yi', 'wang_yi'), ('Cho', 'cho_hyun')]
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import corpus, dataset, inputs
from .candidates import (candidate_actors, candidate_issues, drop_shadowed_surnames, expand_actor_names,
                         load_issue_keywords)
from .mentions import find_mentions

__all__ = ["SCHEMA", "Vocabulary", "vocabulary", "ArticleAnalysis", "analyze_article", "analyze_file", "error_row"]

#: Names the shape of :meth:`ArticleAnalysis.to_dict`; it changes only when a key is renamed or removed.
SCHEMA = "krcn_lab.analysis/1"


@dataclass(frozen=True)
class Vocabulary:
    """What an article is read against: the actors (with spelling variants), issue keywords and labels."""

    actors: pd.DataFrame
    keywords: dict
    issue_labels: dict


def vocabulary(data_dir=None) -> Vocabulary:
    """The package's actors, issue keywords and issue labels, ready for :func:`analyze_article`.

    Loading them once and passing them to many calls saves time on a folder of articles.

    >>> vocabulary().issue_labels["taiwan"]
    'Taiwan and the One-China principle'
    """
    issues = dataset.load_issues(data_dir)
    return Vocabulary(expand_actor_names(dataset.load_actors(data_dir)), load_issue_keywords(data_dir),
                      dict(zip(issues["issue_id"], issues["label"])))


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
    actor_names: dict = field(default_factory=dict, repr=False)
    issue_labels: dict = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict:
        """Plain dict with the keys of ``docs/analysis.md`` (``error`` is None)."""
        art = self.article
        return {
            "schema": SCHEMA, "source": self.source, "error": None,
            "metadata": {key: _plain(value) for key, value in self.metadata.items()},
            "input": {"encoding": self.encoding, "format": self.format},
            "title": art.title, "title_basis": art.title_basis, "byline": art.byline,
            "published": art.published.isoformat() if art.published else None,
            "published_text": art.published_text, "standfirst": art.standfirst,
            "paragraphs": [{"paragraph": p.number, "kind": p.kind, "line_no": p.line_no, "text": p.text}
                           for p in art.paragraphs],
            "cleaning_log": [{"line_no": e.line_no, "rule": e.rule, "action": e.action, "detail": e.detail,
                              "text": e.text} for e in art.log],
            "mentions": [{"paragraph": p, "start": s, "end": e, "actor_id": a, "name": self.actor_names.get(a),
                          "surface": surface, "resolution": r} for p, s, e, a, surface, r in _columns(
                              self.mentions, "paragraph", "start", "end", "actor_id", "surface", "resolution")],
            "actors": self._actor_summary(),
            "candidate_actors": _grouped(self.candidate_actors, "name", {"titles": "title", "reasons": "reason"}),
            "candidate_issues": [{"issue_id": row["issue_id"], "label": self.issue_labels.get(row["issue_id"]), **row}
                                 for row in _grouped(self.candidate_issues, "issue_id", {"words": "word"})],
        }

    def to_json(self, indent: int | None = None) -> str:
        """:meth:`to_dict` as JSON (UTF-8 text, keys in a fixed order).

        >>> json.loads(analyze_article("Wang Yi visits Seoul\\n\\nWang Yi met officials in Seoul on Monday for talks.").to_json())["title"]
        'Wang Yi visits Seoul'
        """
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def _actor_summary(self) -> list[dict]:
        summary = {}
        for actor_id, paragraph in _columns(self.mentions, "actor_id", "paragraph"):
            entry = summary.setdefault(actor_id, {"actor_id": actor_id, "name": self.actor_names.get(actor_id),
                                                  "mentions": 0, "paragraphs": []})
            entry["mentions"] += 1
            if paragraph not in entry["paragraphs"]:
                entry["paragraphs"].append(paragraph)
        return list(summary.values())


def _columns(frame: pd.DataFrame, *names: str):
    """The rows of *frame*'s columns *names* as tuples of plain Python values (no pandas scalars)."""
    return zip(*([None if value is pd.NA else value for value in frame[name].tolist()] for name in names))


def _plain(value):
    """A metadata value as JSON can hold it (dates and other objects as text)."""
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _grouped(frame: pd.DataFrame, key: str, lists: dict[str, str]) -> list[dict]:
    """One entry per value of *key*, in order of first appearance, with the distinct values of
    each column in *lists* (output name -> column), its paragraphs, and its number of hits."""
    out: dict = {}
    for value, paragraph, *items in _columns(frame, key, "paragraph", *lists.values()):
        entry = out.setdefault(value, {key: value, **{name: [] for name in lists}, "paragraphs": [], "hits": 0})
        for name, item in [*zip(lists, items), ("paragraphs", paragraph)]:
            if item not in entry[name] and item not in ("", None):
                entry[name].append(item)
        entry["hits"] += 1
    return list(out.values())


def _analyze(prepared: inputs.ArticleText, vocab: Vocabulary | None, metadata: dict) -> ArticleAnalysis:
    """The pipeline of the module's docstring, on text that :mod:`krcn_lab.inputs` has checked."""
    vocab = vocab or vocabulary()
    article = corpus.clean_text(prepared.text, source=prepared.source)
    article_id = str(metadata.get("article_id", "new"))
    paragraphs = pd.DataFrame({"article_id": article_id, "paragraph": [p.number for p in article.paragraphs],
                               "text": [p.text for p in article.paragraphs]})
    mentions = find_mentions(paragraphs, vocab.actors)
    candidates = candidate_actors(paragraphs, mentions, vocab.actors)
    return ArticleAnalysis(
        source=prepared.source, article=article, paragraphs=paragraphs,
        mentions=drop_shadowed_surnames(mentions, candidates), candidate_actors=candidates,
        candidate_issues=candidate_issues(paragraphs, vocab.keywords),
        encoding=prepared.encoding, format=prepared.format, metadata=dict(metadata),
        actor_names=dict(zip(vocab.actors["actor_id"], vocab.actors["name"])), issue_labels=vocab.issue_labels,
    )


def analyze_article(text: str, *, source: str = "<text>", vocabulary: Vocabulary | None = None,
                    **metadata) -> ArticleAnalysis:
    """Clean and analyse one article given as text (plain or HTML).

    *metadata* (``article_id``, ``outlet``, ``url`` …) is kept as given and returned in the
    JSON; ``article_id`` also names the article in the tables (default ``"new"``). Raises
    :class:`krcn_lab.corpus.CorpusError` (or its kind :class:`krcn_lab.inputs.InputError`)
    with a one-line message when the text is not an article.

    >>> result = analyze_article("South Korean envoy in Beijing\\n\\nA delegation led by Park Byeong-seug met "
    ...                          "Wang Yi on Sunday. Park invited Xi to the APEC summit.", outlet="test")
    >>> result.mentions[["surface", "actor_id", "resolution"]].values.tolist()[2]
    ['Park', 'park_byeong_seug', 'surname: named earlier in the article']
    >>> sorted(result.candidate_issues.issue_id.unique())
    ['apec_2025', 'high_level_exchanges']
    """
    return _analyze(inputs.prepare_text(text, source), vocabulary, metadata)


def analyze_file(path: str | Path, *, vocabulary: Vocabulary | None = None, **metadata) -> ArticleAnalysis:
    """Read the article at *path* with :func:`krcn_lab.inputs.read_article`, then :func:`analyze_article`.

    >>> analyze_file("no/such/page.html")
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: no/such/page.html: file not found
    """
    return _analyze(inputs.read_article(path), vocabulary, metadata)


def error_row(source: str, message: str) -> dict:
    """The JSON row of a file that could not be analysed (see ``docs/analysis.md``).

    >>> error_row("a.txt", "a.txt: the file is empty")
    {'schema': 'krcn_lab.analysis/1', 'source': 'a.txt', 'error': 'a.txt: the file is empty'}
    """
    return {"schema": SCHEMA, "source": source, "error": message}
