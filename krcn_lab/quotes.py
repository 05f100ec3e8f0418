"""Where a quote stands in a cleaned article, and filling in the paragraph numbers it cites.

Every coded fact cites an article, a paragraph and a verbatim quote. This module answers
"which paragraph holds this quote?" once, for :mod:`krcn_lab.validation` (which checks the
number that was typed) and for ``krcn-lab fill-paragraphs`` (which fills a missing one).

Example
-------
>>> from krcn_lab import dataset
>>> article = dataset.cleaned_articles()["bloomberg2025"]
>>> paragraphs_with(article, "pledged to deepen their strategic partnership")
[1]
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from . import corpus, dataset
from .files import write_atomically

__all__ = ["METADATA_FIELDS", "metadata_field", "paragraphs_with", "fill_rows", "fill_paragraphs"]

#: The lines of a cleaned article that are not paragraphs but may hold a quote.
METADATA_FIELDS = ("title", "byline", "standfirst", "credits")


def metadata_field(article: corpus.CleanArticle, quote: str) -> str | None:
    """Which metadata line of a cleaned article (title, byline, standfirst, credits) holds *quote*.

    Journalists and outlets are named only there, never in a paragraph; a quote
    about them cites the article with an empty paragraph. None when no such line holds it.

    >>> from krcn_lab import dataset
    >>> article = dataset.cleaned_articles()["bloomberg2025"]
    >>> metadata_field(article, "Bloomberg News"), metadata_field(article, "no such words")
    ('byline', None)
    """
    for name in METADATA_FIELDS:
        value = getattr(article, name)
        if value and quote in value:
            return name
    return None


def paragraphs_with(article: corpus.CleanArticle, quote: str) -> list[int]:
    """The numbers of the paragraphs of *article* whose text holds *quote* verbatim, in order.

    >>> from krcn_lab import dataset
    >>> article = dataset.cleaned_articles()["bloomberg2025"]
    >>> paragraphs_with(article, "Cho Hyun"), paragraphs_with(article, "no such words")
    ([2], [])
    """
    return [p.number for p in article.paragraphs if quote in p.text]


def fill_rows(rows: list[dict], cleaned: dict[str, corpus.CleanArticle], file: str) -> tuple[list[dict], int, list[str]]:
    """Fill the empty ``paragraph`` cells of CSV *rows* (dicts of text) from their quotes.

    A quote found in exactly one paragraph of its article gets that number; a quote in
    a metadata line only is left empty silently (see :func:`metadata_field`); a quote in
    no paragraph or in several is left empty with a message naming *file* and the line.
    Returns new rows, the number filled and the messages; *rows* is not changed.

    >>> from krcn_lab import dataset
    >>> rows = [{"article_id": "bloomberg2025", "paragraph": "", "quote": "Cho Hyun"},
    ...         {"article_id": "bloomberg2025", "paragraph": "", "quote": "Beijing"}]
    >>> new, filled, messages = fill_rows(rows, dataset.cleaned_articles(), "claims.csv")
    >>> [row["paragraph"] for row in new], filled
    (['2', ''], 1)
    >>> messages
    ['claims.csv, line 3: quote found in paragraphs [2, 4, 9, 10] of bloomberg2025; left empty']
    """
    new, filled, messages = [], 0, []
    for line, row in enumerate(rows, start=2):
        row = {**row, "paragraph": row.get("paragraph") or ""}
        new.append(row)
        quote, article_id = row.get("quote") or "", row.get("article_id") or ""
        if row["paragraph"] or not quote or article_id not in cleaned:
            continue
        hits = paragraphs_with(cleaned[article_id], quote)
        if not hits and metadata_field(cleaned[article_id], quote):
            continue  # a byline or credit: cited without a paragraph
        if len(hits) == 1:
            row["paragraph"] = str(hits[0])
            filled += 1
        else:
            where = "in no paragraph" if not hits else f"in paragraphs {hits}"
            messages.append(f"{file}, line {line}: quote found {where} of {article_id}; left empty")
    return new, filled, messages


def fill_paragraphs(data_dir: str | Path | None = None, seeds_dir: str | Path | None = None) -> list[str]:
    """Fill empty ``paragraph`` cells of every quote-bearing CSV file in *data_dir* (see :func:`fill_rows`).

    Files are rewritten atomically and only when something changed (a number filled,
    or a missing ``paragraph`` column added). Returns one message per file changed or
    quote left unresolved.

    >>> import shutil, tempfile, pathlib
    >>> from krcn_lab import dataset
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for item in dataset.data_root().iterdir():
    ...     if item.name.endswith(".csv"):
    ...         _ = (folder / item.name).write_bytes(item.read_bytes())
    >>> fill_paragraphs(folder)
    []
    >>> shutil.rmtree(folder)
    """
    root = Path(dataset.data_root(data_dir))
    cleaned = dataset.cleaned_articles(data_dir, seeds_dir)
    messages = []
    for spec in dataset.TABLES.values():
        path = root / spec.file
        if "quote" not in spec.columns or not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows:
            continue
        fields = list(rows[0].keys())
        added = "paragraph" not in fields
        if added:
            fields.insert(fields.index("article_id") + 1 if "article_id" in fields else len(fields), "paragraph")
        rows, filled, unresolved = fill_rows(rows, cleaned, spec.file)
        messages += unresolved
        if filled or added:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            write_atomically(path, buffer.getvalue())
            messages.append(f"{spec.file}: filled {filled} paragraph number(s)")
    return messages
