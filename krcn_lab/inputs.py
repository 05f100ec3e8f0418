"""Reading an article that a user gives: any file, checked, decoded and turned into plain text.

The seeds are known UTF-8 text; a file that an instructor or a learner brings may be
anything. :func:`read_article` accepts what is really an article and refuses the rest
with :class:`InputError`, whose one-line message names the file and the problem:

- a missing file, a folder, a file over :data:`MAX_BYTES`;
- an empty file, a file of whitespace only, binary data (NUL bytes, control characters,
  a PDF, an image or an archive);
- UTF-16 and UTF-32 text are decoded (with or without a byte-order mark), as is text in
  a legacy encoding such as the Korean EUC-KR/CP949, detected by ``charset-normalizer``;
- an HTML page is not cleaned line by line: ``trafilatura``, an extractor made for news
  pages, takes out the article (title, date, paragraphs; menus and reader comments left
  behind), and the cleaning rules then run on that text.

Example
-------
>>> decode_article("Seoul and Beijing hold talks\\n".encode("utf-16"), "talks.txt").encoding
'utf-16'
>>> decode_article(b"  \\n\\t\\n", "blank.txt")
Traceback (most recent call last):
krcn_lab.inputs.InputError: blank.txt: the file has only whitespace (spaces, tabs, blank lines); an article needs a headline and at least one paragraph
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from .corpus import CorpusError

__all__ = ["InputError", "ArticleText", "MAX_BYTES", "read_article", "decode_article", "prepare_text",
           "looks_like_html", "html_to_text"]

#: The largest file accepted as one article: a long news page with its HTML is well under this.
MAX_BYTES = 5_000_000

_BOMS = [(codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32", "utf-32"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "utf-16")]
_UTF16_ORDER = {codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}
_SIGNATURES = [(b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
               (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or a Word/Excel file)"),
               (b"\x1f\x8b", "a gzip archive")]
_HTML_START = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAG = re.compile(r"</?(?:html|head|body|div|p|span|a|script|style|meta|title|article|nav|header|footer|"
                       r"section|h[1-6]|br|li|ul|ol|img|link|table|tr|td)\b[^<>]*>", re.IGNORECASE)
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_SHARE = 0.01  # more control characters than this and the "text" is binary data


class InputError(CorpusError):
    """A file that is not a usable article. The message is one line: the file, then the problem."""


@dataclass(frozen=True)
class ArticleText:
    """An article's plain text, ready for :func:`krcn_lab.corpus.clean_text`, and how it was read."""

    source: str
    text: str
    encoding: str  # "utf-8", "utf-16", "cp949", … or "str" for text given directly
    format: str  # "text", or "html" when the article was extracted from a web page


def read_article(path: str | Path, *, max_bytes: int = MAX_BYTES) -> ArticleText:
    """Read the article at *path*, or raise :class:`InputError` naming the file and the problem.

    >>> read_article("no/such/article.txt")
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: no/such/article.txt: file not found
    >>> import tempfile
    >>> read_article(tempfile.gettempdir())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: ...: this is a folder, not a file (krcn-lab analyze FOLDER reads every file in a folder)
    """
    path = Path(path)
    try:
        if path.is_dir():
            raise InputError(f"{path}: this is a folder, not a file "
                             "(krcn-lab analyze FOLDER reads every file in a folder)")
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: the file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:g} MB "
                             "for one article; is it really a single article?")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: file not found") from None
    except OSError as exc:
        raise InputError(f"{path}: the file cannot be read ({exc.strerror or exc})") from None
    return decode_article(data, str(path))


def decode_article(data: bytes, source: str) -> ArticleText:
    """Decode raw bytes into an article's text (see the module's docstring for what is accepted).

    >>> decode_article("외교부 장관".encode("cp949"), "seoul.txt").text
    '외교부 장관'
    >>> decode_article(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "photo.txt")
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: photo.txt: the file is a PNG image, not a text article
    """
    if not data:
        raise InputError(f"{source}: the file is empty; an article needs a headline and at least one paragraph")
    text, encoding = _decode(data, source)
    return prepare_text(text, source, encoding=encoding)


def _decode(data: bytes, source: str) -> tuple[str, str]:
    """The text and the name of its encoding: byte-order mark, UTF-16 by its NULs, UTF-8, then detection."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            if name == "utf-16" and _utf16_without_bom(data[2:]) not in (None, _UTF16_ORDER[bom]):
                raise InputError(f"{source}: the file looks binary or damaged: its byte-order mark says "
                                 f"{_UTF16_ORDER[bom]} but its text is in the other byte order")
            return _strict(data, codec, source), name
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"{source}: the file is {what}, not a text article")
    if b"\x00" in data:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise InputError(f"{source}: the file looks binary (it contains NUL bytes), not a text article")
        return _strict(data, codec, source), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{source}: the file looks binary: it is neither UTF-8 nor any text encoding "
                         "that could be detected")
    return str(best), best.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when NULs fill one byte of most pairs (ASCII-heavy UTF-16), else None."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs == 0 or len(data) % 2:
        return None
    even, odd = sample[0:2 * pairs:2].count(0), sample[1:2 * pairs:2].count(0)
    if odd >= 0.3 * pairs and even == 0:
        return "utf-16-le"
    if even >= 0.3 * pairs and odd == 0:
        return "utf-16-be"
    return None


def _strict(data: bytes, codec: str, source: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: the file starts like {codec.split('-sig')[0].upper()} text but byte "
                         f"{exc.start} cannot be decoded; is it damaged?") from None


def prepare_text(text: str, source: str = "<text>", *, encoding: str = "str") -> ArticleText:
    """Check decoded text (not whitespace only, not binary) and extract the article if it is HTML.

    >>> prepare_text("<html><body><nav>Home</nav><article><h1>Talks in Seoul</h1>"
    ...              "<p>The two vice ministers met in Seoul on Wednesday for strategic talks.</p>"
    ...              "</article></body></html>", "talks.html").format
    'html'
    """
    if not text.strip():
        raise InputError(f"{source}: the file has only whitespace (spaces, tabs, blank lines); "
                         "an article needs a headline and at least one paragraph")
    controls = len(_CONTROLS.findall(text))
    if controls > _CONTROL_SHARE * len(text):
        raise InputError(f"{source}: the file looks binary ({controls} control characters), not a text article")
    if looks_like_html(text):
        return ArticleText(source, html_to_text(text, source), encoding, "html")
    return ArticleText(source, text.lstrip("\ufeff"), encoding, "text")


def looks_like_html(text: str) -> bool:
    """True for a web page: it opens with ``<html>``/``<!DOCTYPE html>`` or has several HTML tags.

    >>> looks_like_html("<!DOCTYPE html>\\n<html>"), looks_like_html("Seoul <3 Beijing, said the sign.")
    (True, False)
    """
    return bool(_HTML_START.match(text)) or len(_HTML_TAG.findall(text, 0, 200_000)) >= 3


def html_to_text(html: str, source: str = "<html>") -> str:
    """The article of a web page as plain text: title, then ``Published: DATE`` when known, then
    one paragraph per block, blank lines between. Reader comments are left out.

    >>> html_to_text("<html><body><p>Buy now</p></body></html>", "ad.html")
    Traceback (most recent call last):
    krcn_lab.inputs.InputError: ad.html: an HTML page in which no article text was found (is it a news article?)
    """
    import trafilatura

    found = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    body = [line.strip() for line in ((found.text or "") if found else "").splitlines() if line.strip()]
    if not body or not any(len(line.split()) >= 8 for line in body):
        raise InputError(f"{source}: an HTML page in which no article text was found (is it a news article?)")
    title = " ".join((found.title or "").split())
    head = [body.pop(0)] if body[0] == title else ([title] if title else [])
    if found.date:
        head.append(f"Published: {found.date}")
    return "\n\n".join(head + body)
