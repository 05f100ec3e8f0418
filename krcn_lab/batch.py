"""Analyse a folder of articles in parallel, one JSON Lines row per file; and ``krcn-lab analyze``.

:func:`analyze_folder` runs :func:`krcn_lab.analysis.analyze_file` on every file of a
folder (not its sub-folders, not hidden files such as ``.DS_Store``), across the
machine's cores, with a progress bar on stderr. A file that cannot be analysed gets an
error row and the others go on. :func:`write_jsonl` writes the rows atomically.

Example
-------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Wang Yi visits Seoul\\n\\nWang Yi met officials in Seoul on Monday for talks.")
>>> _ = (folder / "b.txt").write_bytes(b"")
>>> [(row["source"].endswith(name), row["error"] is None) for row, name in zip(
...     analyze_folder(folder, workers=1, progress=False), ["a.txt", "b.txt"])]
[(True, True), (True, False)]
"""

from __future__ import annotations

import functools
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import analysis, corpus, inputs
from .files import write_atomically

__all__ = ["folder_files", "analyze_folder", "write_jsonl", "run_analyze"]

_VOCABULARY = None  # one per worker process, loaded on its first file
_CHUNK = 200  # files a worker analyses together at most


def folder_files(folder: str | Path) -> list[Path]:
    """The files of *folder* that :func:`analyze_folder` reads, sorted by name.

    >>> folder_files("no/such/folder")
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: no/such/folder: folder not found
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise inputs.InputError(f"{folder}: folder not found")
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _vocabulary() -> analysis.Vocabulary:
    global _VOCABULARY
    if _VOCABULARY is None:
        _VOCABULARY = analysis.vocabulary()
    return _VOCABULARY


def _row(path: str, language: str | None = None) -> dict:
    """Analyse one file (in *language*, or detected): its JSON row, or its error row."""
    try:
        return analysis.analyze_file(path, vocabulary=_vocabulary(), language=language).to_dict()
    except corpus.CorpusError as exc:
        return analysis.error_row(path, str(exc))
    except Exception as exc:  # noqa: BLE001  (one broken file must not stop the folder)
        return analysis.error_row(path, f"{path}: could not be analysed ({type(exc).__name__}: {exc})")


def _rows(paths: list[str], language: str | None = None) -> list[dict]:
    """Analyse a share of the files in a worker, together (:func:`krcn_lab.analysis.analyze_texts`): a file
    that cannot be read gets its error row. Should the joint analysis fail, each file is analysed alone,
    so that the error lands on the file that caused it."""
    rows: list = [None] * len(paths)
    texts, where = [], []
    for index, path in enumerate(paths):
        try:
            texts.append(inputs.read_article(path))
            where.append(index)
        except corpus.CorpusError as exc:
            rows[index] = analysis.error_row(path, str(exc))
    try:
        for index, row in zip(where, analysis.analyze_texts(texts, vocabulary=_vocabulary(), language=language)):
            rows[index] = row
    except Exception:  # noqa: BLE001  (find the file at fault)
        for index in where:
            rows[index] = _row(paths[index], language)
    return rows


def _progress(chunks, total: int, show: bool):
    """The rows of *chunks* (lists of rows), with a progress bar on stderr (tqdm when installed, else a
    counting line) that moves as each chunk is done."""
    if not show:
        for chunk in chunks:
            yield from chunk
        return
    try:
        from tqdm import tqdm
    except ImportError:
        done = 0
        for chunk in chunks:
            done += len(chunk)
            print(f"\ranalysed {done}/{total} files", end="" if done < total else "\n", file=sys.stderr, flush=True)
            yield from chunk
        return
    with tqdm(total=total, unit="file", desc="analysing", file=sys.stderr) as bar:
        for chunk in chunks:
            bar.update(len(chunk))
            yield from chunk


def _chunks(paths: list[str], workers: int) -> list[list[str]]:
    """*paths* in consecutive shares: about eight per worker (so the bar moves), at most 200 files each."""
    size = max(1, min(_CHUNK, -(-len(paths) // (workers * 8))))
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def analyze_folder(folder: str | Path, *, workers: int | None = None, progress: bool = True,
                   language: str | None = None) -> list[dict]:
    """One row per file of *folder* (see :func:`folder_files`), in name order; *language* as for
    :func:`krcn_lab.analysis.analyze_article` (None: detected per file).

    *workers* processes share the files (default: one per core; 1 runs here, in this
    process); each analyses its share together (:func:`krcn_lab.analysis.analyze_texts`). Each row is
    :meth:`krcn_lab.analysis.ArticleAnalysis.to_dict` or, for a file that could not be analysed,
    :func:`krcn_lab.analysis.error_row`.
    """
    paths = [str(p) for p in folder_files(folder)]
    workers = workers or os.cpu_count() or 1
    rows = functools.partial(_rows, language=language)
    chunks = _chunks(paths, workers)
    if workers == 1 or len(chunks) < 2:
        return list(_progress(map(rows, chunks), len(paths), progress))
    with ProcessPoolExecutor(max_workers=min(workers, len(chunks))) as pool:
        return list(_progress(pool.map(rows, chunks), len(paths), progress))


def write_jsonl(rows: list[dict], path: str | Path) -> None:
    """Write *rows* as JSON Lines (one JSON object per line, UTF-8), all at once or not at all.

    >>> import pathlib, tempfile
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out.jsonl"
    >>> write_jsonl([{"source": "a.txt", "error": None}], out)
    >>> out.read_text(encoding="utf-8")
    '{"source": "a.txt", "error": null}\\n'
    """
    write_atomically(path, "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))


def _summary(result: analysis.ArticleAnalysis) -> str:
    """A short human-readable account of one analysis."""
    data = result.to_dict()
    lines = [f"title:      {data['title']}", f"published:  {data['published'] or 'not stated in the page'}",
             f"paragraphs: {len(data['paragraphs'])} (cleaning removed or moved {len(data['cleaning_log'])} line(s))",
             "known actors:"]
    lines += [f"  {a['name']} ({a['actor_id']}): {a['mentions']} mention(s), paragraphs "
              f"{', '.join(map(str, a['paragraphs']))}" for a in data["actors"]] or ["  none"]
    lines.append("candidate new actors:")
    lines += [f"  {c['name']}{' (' + ', '.join(c['titles']) + ')' if c['titles'] else ''}, paragraphs "
              f"{', '.join(map(str, c['paragraphs']))}" for c in data["candidate_actors"]] or ["  none"]
    lines.append("candidate issues:")
    lines += [f"  {i['issue_id']}: {', '.join(i['words'])}" for i in data["candidate_issues"]] or ["  none"]
    return "\n".join(lines)


def _write(output: str, rows: list[dict], text: str | None) -> None:
    """Write the rows (JSON Lines) or the text of one file to *output*, naming it if that fails."""
    try:
        write_jsonl(rows, output) if text is None else write_atomically(output, text + "\n")
    except OSError as exc:
        raise inputs.InputError(f"{output}: cannot write the output here ({exc.strerror or exc})") from None


def run_analyze(path: str, *, as_json: bool = False, output: str | None = None, workers: int | None = None,
                language: str | None = None) -> int:
    """``krcn-lab analyze PATH``: 0 when all went well, 1 when a file of a folder failed, 2 when PATH cannot be read.

    >>> run_analyze("no/such/article.txt")
    2
    """
    try:
        if Path(path).is_dir():
            rows = analyze_folder(path, workers=workers, language=language)
            text = None
        else:
            result = analysis.analyze_file(path, language=language)
            rows, text = [result.to_dict()], (result.to_json(indent=2) if as_json else _summary(result))
        if output:
            _write(output, rows, text)
        else:
            print(text if text is not None else "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                  end="" if text is None else "\n")
    except (corpus.CorpusError, OSError) as exc:
        print(f"krcn-lab analyze: {exc}", file=sys.stderr)
        return 2
    failed = [row["error"] for row in rows if row["error"]]
    for message in failed:
        print(f"krcn-lab analyze: {message}", file=sys.stderr)
    return 1 if failed else 0
