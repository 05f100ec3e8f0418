"""The ``krcn-lab`` command line: ``validate``, ``clean FILE`` and ``fill-paragraphs``."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

from . import corpus, dataset
from . import exercises, grading  # issue 11: graded exercises
from .files import write_atomically
from .validate import metadata_field, validate

__all__ = ["main", "fill_paragraphs"]


def fill_paragraphs(data_dir: str | Path | None = None, seeds_dir=None) -> list[str]:
    """Fill empty ``paragraph`` cells of every quote-bearing CSV file from its quote.

    A quote found in exactly one paragraph of its article gets that paragraph's number;
    a quote found in none or in several is reported and left empty for a person to
    decide. Files are rewritten atomically and only when something changed. Returns
    one message per file changed or quote left unresolved.
    """
    root = Path(dataset.data_root(data_dir))
    cleaned = dataset.cleaned_articles(data_dir, seeds_dir)
    messages = []
    for name, spec in dataset.TABLES.items():
        if "quote" not in spec.columns:
            continue
        path = root / spec.file
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        if not rows:
            continue
        fields = list(rows[0].keys())
        if "paragraph" not in fields:
            fields.insert(fields.index("article_id") + 1 if "article_id" in fields else len(fields), "paragraph")
        filled = 0
        for line, row in enumerate(rows, start=2):
            row.setdefault("paragraph", "")
            quote, article_id = row.get("quote", ""), row.get("article_id", "")
            if row["paragraph"] or not quote or article_id not in cleaned:
                continue
            hits = [p.number for p in cleaned[article_id].paragraphs if quote in p.text]
            if not hits and metadata_field(cleaned[article_id], quote):
                continue  # a byline or credit: cited without a paragraph
            if len(hits) == 1:
                row["paragraph"] = str(hits[0])
                filled += 1
            else:
                where = "in no paragraph" if not hits else f"in paragraphs {hits}"
                messages.append(f"{spec.file}, line {line}: quote found {where} of {article_id}; left empty")
        if filled or "paragraph" not in rows[0]:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
            write_atomically(path, buffer.getvalue())
            messages.append(f"{spec.file}: filled {filled} paragraph number(s)")
    dataset.clear_caches()
    return messages


def _clean(args) -> int:
    try:
        article = corpus.clean_file(args.file)
    except corpus.CorpusError as exc:
        print(f"krcn-lab clean: {exc}", file=sys.stderr)
        return 2
    print(f"title:      {article.title}  [{article.title_basis}]")
    print(f"byline:     {article.byline or '-'}")
    print(f"published:  {article.published or 'not stated in the page'}")
    if article.standfirst:
        print(f"standfirst: {article.standfirst}")
    print(f"paragraphs: {len(article.paragraphs)}")
    for paragraph in article.paragraphs:
        print(f"\n[{paragraph.number}{' caption' if paragraph.kind == 'caption' else ''}] {paragraph.text}")
    if args.log:
        print("\ncleaning log (raw line, rule, action):")
        for entry in article.log:
            print(f"  line {entry.line_no:>3}  {entry.rule:<18} {entry.action:<8} {entry.text[:60]}")
    return 0


def _validate(args) -> int:
    report = validate(args.data, args.seeds)
    print(report, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _fill(args) -> int:
    try:
        messages = fill_paragraphs(args.data, args.seeds)
    except (dataset.DatasetError, corpus.CorpusError) as exc:
        print(f"krcn-lab fill-paragraphs: {exc}", file=sys.stderr)
        return 2
    print("\n".join(messages) or "nothing to fill")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="krcn-lab", description="Tools for the krcn_lab workbook's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check keys, links, dates and verbatim quotes")
    clean = commands.add_parser("clean", help="clean one raw article and show the result")
    clean.add_argument("file", help="a raw article (UTF-8 text)")
    clean.add_argument("--log", action="store_true", help="also show every removed or changed line")
    fill = commands.add_parser("fill-paragraphs", help="fill empty paragraph numbers from quotes")
    for sub in (check, fill):
        sub.add_argument("--data", help="folder of coded CSV files (default: the package's)")
        sub.add_argument("--seeds", help="folder of raw seeds (default: the package's)")
    # --- graded exercises (issue 11): options and behaviour live in krcn_lab.exercises / krcn_lab.grading
    exercises.add_build_arguments(commands.add_parser("build-exercises", help="rebuild student copies and autograders"))
    grading.add_grade_arguments(commands.add_parser("grade", help="grade a folder of submissions into one CSV"))
    args = parser.parse_args(argv)
    handlers = {"validate": _validate, "clean": _clean, "fill-paragraphs": _fill,
                "build-exercises": exercises.build_command,  # issue 11
                "grade": grading.grade_command}  # issue 11
    return handlers[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
