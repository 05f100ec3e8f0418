"""The ``krcn-lab`` command line: ``validate``, ``clean FILE``, ``analyze FILE|DIR``, ``add FILE``, ``remove ID``,
``list``, ``fill-paragraphs`` and ``doctor``.

Argument parsing only: each command calls :func:`krcn_lab.validation.validate`,
:func:`krcn_lab.corpus.clean_file` or :func:`krcn_lab.quotes.fill_paragraphs` and prints
the result. Each returns the exit code: 0 when all is well, 1 when the data has problems,
2 when a file cannot be read.

>>> main(["validate"])  # doctest: +ELLIPSIS
dataset valid: 5 articles, ... quotes
0
"""

from __future__ import annotations

import argparse
import functools
import sys

from . import batch, corpus, dataset, doctor, exercises, grading, inputs, quotes, store, userdata
from .validation import validate

__all__ = ["main"]


def _clean(args) -> int:
    try:
        given = inputs.read_article(args.file)
        article = corpus.clean_text(given.text, source=given.source)
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
    try:
        report = validate(args.data, args.seeds, include_user=args.user)
    except dataset.DatasetError as exc:  # the store's CURRENT pointer itself is broken
        print(f"krcn-lab validate: {exc}", file=sys.stderr)
        return 2
    print(report, file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


def _fill(args) -> int:
    try:
        messages = quotes.fill_paragraphs(args.data, args.seeds)
    except (dataset.DatasetError, corpus.CorpusError) as exc:
        print(f"krcn-lab fill-paragraphs: {exc}", file=sys.stderr)
        return 2
    print("\n".join(messages) or "nothing to fill")
    return 0


#: What ``krcn-lab add`` and ``remove`` refuse with a one-line message (exit code 2).
_STORE_ERRORS = (corpus.CorpusError, dataset.DatasetError, store.StoreError)


def _refusing(command: str):
    """Wrap a store command so that a refusal is one line on stderr and exit code 2, never a traceback."""
    def wrap(handler):
        @functools.wraps(handler)
        def run(args) -> int:
            try:
                return handler(args)
            except _STORE_ERRORS as exc:
                print(f"krcn-lab {command}: {exc}", file=sys.stderr)
                return 2
        return run
    return wrap


@_refusing("add")
def _add(args) -> int:
    tables = {name: getattr(args, name) for name in store.CODED_TABLES if getattr(args, name)}
    fields = {key: value for key, value in [("published", args.date), ("outlet", args.outlet),
                                            ("genre", args.genre)] if value}
    article_id = store.add_article(args.file, article_id=args.id, title=args.title, **tables, **fields)
    print(f"added {article_id} to the store at {userdata.user_dir()}")
    return 0


@_refusing("remove")
def _remove(args) -> int:
    store.remove_article(args.id)
    print(f"removed {args.id} and its coded rows from the store at {userdata.user_dir()}")
    return 0


@_refusing("list")
def _list(args) -> int:
    listed = store.user_articles()
    print(f"store: {userdata.user_dir()}")
    print(listed.to_string(index=False) if len(listed) else "no articles added yet (krcn-lab add FILE adds one)")
    return 0


def _store_commands(commands) -> None:
    add = commands.add_parser("add", help="add an article and your coded rows to your own store (outside the package)")
    add.add_argument("file", help="the article (text in any common encoding, or an HTML page)")
    add.add_argument("--id", help="its article_id (default: from the title, plus a short hash)")
    add.add_argument("--title", help="its headline, when the text does not start with one")
    add.add_argument("--date", help="publication date YYYY-MM-DD (needed when the page states none)")
    add.add_argument("--outlet", help="the outlet that published it")
    add.add_argument("--genre", choices=dataset.GENRES, help="wire, news, editorial or aggregator")
    for name in store.CODED_TABLES:
        add.add_argument(f"--{name.replace('_', '-')}", dest=name, metavar="CSV",
                         help=f"rows for {name}.csv (same columns; empty article_id means this article)")
    remove = commands.add_parser("remove", help="take an added article and its coded rows out of your store")
    remove.add_argument("id", help="the article_id that `krcn-lab add` printed (see `krcn-lab list`)")
    commands.add_parser("list", help="list the articles in your store")


def main(argv: list[str] | None = None) -> int:
    """Run one ``krcn-lab`` command (*argv* as typed after ``krcn-lab``) and return its exit code.

    >>> main(["clean", "no/such/article.txt"])
    2
    """
    parser = argparse.ArgumentParser(prog="krcn-lab", description="Tools for the krcn_lab workbook's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check keys, links, dates and verbatim quotes")
    clean = commands.add_parser("clean", help="clean one raw article and show the result")
    clean.add_argument("file", help="a raw article (text in any common encoding, or an HTML page)")
    clean.add_argument("--log", action="store_true", help="also show every removed or changed line")
    analyze = commands.add_parser("analyze", help="analyse a new article (or every file in a folder)")
    analyze.add_argument("path", help="an article (text or HTML), or a folder of them (JSON Lines out)")
    analyze.add_argument("--json", action="store_true", help="print the analysis of one file as JSON")
    analyze.add_argument("-o", "--output", help="write to this file (atomically) instead of standard output")
    analyze.add_argument("--workers", type=int, help="processes for a folder (default: one per core)")
    analyze.add_argument("--language", choices=["en", "ko"],
                         help="the articles' language (default: detected from the share of Hangul letters)")
    fill = commands.add_parser("fill-paragraphs", help="fill empty paragraph numbers from quotes")
    for sub in (check, fill):
        sub.add_argument("--data", help="folder of coded CSV files (default: the package's)")
        sub.add_argument("--seeds", help="folder of raw seeds (default: the package's)")
    check.add_argument("--user", action="store_true", help="also check the articles and rows in your store")
    _store_commands(commands)
    commands.add_parser("doctor", help="check this environment for the workbook; say how to fix each problem")
    exercises.add_build_arguments(commands.add_parser("build-exercises", help="rebuild student copies and autograders"))
    grading.add_grade_arguments(commands.add_parser("grade", help="grade a folder of submissions into one CSV"))
    args = parser.parse_args(argv)
    handlers = {"validate": _validate, "clean": _clean, "fill-paragraphs": _fill,
                "add": _add, "remove": _remove, "list": _list,
                "analyze": lambda a: batch.run_analyze(a.path, as_json=a.json, output=a.output, workers=a.workers,
                                                       language=a.language),
                "doctor": lambda _args: doctor.main(),
                "build-exercises": exercises.build_command, "grade": grading.grade_command}
    return handlers[args.command](args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
