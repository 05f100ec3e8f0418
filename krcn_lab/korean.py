"""Korean-language articles: the language, Hangul names with particles, surname-plus-title references.

Korean attaches particles to names ("조태열 장관은", "왕이 부장과", "중국은") and refers to a
person by surname and title ("조 장관은", "시 주석은"). This module adapts the seeds' mention
finder (:func:`krcn_lab.mentions.find_mentions`, with its surname resolution) to that:

- :func:`detect_language` — ``"ko"`` when most letters of a text are Hangul;
- :func:`korean_actors` — the actors table in Hangul, built from ``load_actor_names``;
- :data:`KOREAN` — where a Korean name ends (any Hangul may follow: a particle), a surname
  counts only before a title (:data:`TITLES`), and a state before "에서", "으로" is a place;
- :func:`tokenize` — the morphological analyser ``kiwipiepy`` (an optional extra:
  ``pip install krcn-lab[korean]``), which splits particles off and tags proper nouns (NNP).
  With it, a name must cover whole tokens ("조현" is not found inside "조현아") and a person's
  name must hold a proper noun ("왕이 되었다", "became king", is no mention of 왕이);
  without it, names are matched by the patterns of :data:`KOREAN` alone;
- :func:`find_korean_mentions` and :func:`korean_candidate_actors` — mentions, resolved as for
  English, and proper nouns before a title that are no known actor ("김민준 대변인").

Example
-------
>>> detect_language("조현 외교부 장관은 왕이 외교부장과 만났다."), detect_language("Cho Hyun met Wang Yi.")
('ko', 'en')
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from . import mentions

__all__ = ["KOREAN", "TITLES", "hangul_share", "detect_language", "korean_actors", "analyser", "tokenize",
           "find_korean_mentions", "korean_candidate_actors"]

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
#: A text is Korean when at least this share of its letters are Hangul syllables.
KOREAN_SHARE = 0.3
#: Titles after a surname ("조 장관", "왕 부장", "시 주석") or after a new name ("김민준 대변인").
TITLES = ("장관", "차관", "차관보", "외교부장", "부장", "부부장", "주석", "대통령", "부총리", "총리", "대사", "의장",
          "위원장", "대변인", "국무위원", "총서기", "서기", "실장", "비서실장", "안보실장", "국장", "의원", "대표",
          "당선인", "특사", "수석")
#: Words that may stand between a name and its title ("최지훈 주중 대사", "조 전 장관").
_TITLE_PREFIXES = frozenset("전 前 현 신임 주중 주한 주미 주일 주러 외교부 국방부 통일부 대통령실 국가안보실 외교 국방 "
                            "통일 중국 한국 북한 미국 일본 제1 1 2 1차 2차".split())
#: Proper nouns before a title that are no person ("한중 외교장관", "북중 대사").
_NOT_NAMES = frozenset("한중 한미 한일 북중 북미 남북 미중 중일 한중일 한미일 양국 양측 정부 당국".split())
_PERSON_KINDS = {"person", "journalist"}

#: How names are written in Korean text (see :class:`krcn_lab.mentions.Writing`).
KOREAN = mentions.Writing(
    name_end=r"(?![^\W\uac00-\ud7a3])",  # a particle (Hangul) may follow; a Latin letter or digit may not
    surname_end=r"(?=\s?(?:(?:전|前)\s?)?(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + "))",
    place_after=re.compile(r"(?:에서|으로|로|에(?!\s?대[해한]))(?:는|도|의|만)?(?![\uac00-\ud7a3])"),
    title_after=re.compile(r"\s?(?:장관|차관보|차관)|장"),  # "외교부 장관", "외교부장": a minister's title
)


def hangul_share(text: str) -> float:
    """The share of *text*'s letters that are Hangul syllables (0 when it has no letters).

    >>> hangul_share("APEC 정상회의")
    0.5
    """
    hangul = len(_HANGUL.findall(text))
    if not hangul:  # (the quick answer for a text in another script: no letters need counting)
        return 0.0
    return hangul / len(_LETTER.findall(text))


def detect_language(text: str) -> str:
    """``"ko"`` when at least :data:`KOREAN_SHARE` of *text*'s letters are Hangul, else ``"en"``.

    >>> detect_language("시진핑 주석은 APEC 정상회의에 참석한다."), detect_language("APEC in Gyeongju")
    ('ko', 'en')
    """
    return "ko" if hangul_share(text) >= KOREAN_SHARE else "en"


def korean_actors(actor_names: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """The actors with a Hangul name, shaped like ``load_actors`` for :func:`krcn_lab.mentions.find_mentions`.

    *actor_names* is ``load_actor_names()`` (both scripts); *actors* gives each actor's ``kind``.
    Columns: ``actor_id``, ``name`` and ``surname`` in Hangul, ``kind``, and ``aliases`` (the Hangul
    aliases, then the name and aliases in Chinese characters, which Korean papers sometimes print).

    >>> from krcn_lab import load_actor_names, load_actors
    >>> ko = korean_actors(load_actor_names(), load_actors()).set_index("actor_id")
    >>> ko.loc["wang_yi", ["name", "surname", "kind", "aliases"]].tolist(), ko.at["kor", "aliases"]
    (['왕이', '왕', 'person', ('王毅',)], ('한국',))
    """
    named = actor_names[actor_names["name"].notna()]
    chinese = {a: (n, *al) for a, n, al in zip(named["actor_id"], named["name"], named["aliases"])
               if n and not _HANGUL.search(n)}
    kinds = dict(zip(actors["actor_id"], actors["kind"]))
    ko = named[named["language"] == "ko"]
    return pd.DataFrame({
        "actor_id": ko["actor_id"].tolist(), "name": ko["name"].tolist(),
        "kind": [kinds.get(a) for a in ko["actor_id"]],
        "surname": [s if isinstance(s, str) and s else None for s in ko["surname"]],
        "aliases": [tuple(al) + chinese.get(a, ()) for a, al in zip(ko["actor_id"], ko["aliases"])],
    })


@functools.lru_cache(maxsize=1)
def _load_kiwi():
    """kiwipiepy's analyser (its model takes a second or two to load, once) and the set of names taught
    to it, or None when kiwipiepy is not installed."""
    try:
        from kiwipiepy import Kiwi
    except ImportError:
        return None
    return Kiwi(), set()


def analyser() -> str:
    """What reads Korean text here: ``"kiwipiepy"`` when installed, else ``"patterns"`` (names and particles
    matched by regular expressions only).

    >>> analyser() in ("kiwipiepy", "patterns")
    True
    """
    return "patterns" if _load_kiwi() is None else "kiwipiepy"


def tokenize(paragraphs: pd.DataFrame, actors: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """Every morpheme of *paragraphs* (``article_id``, ``paragraph``, ``text``) as kiwipiepy reads it:
    ``article_id``, ``paragraph``, ``form``, ``tag`` (NNP proper noun, NNG noun, JKS/JX… particle),
    ``start``, ``end`` (offsets in the paragraph). None when kiwipiepy is not installed.

    The people of *actors* (from :func:`korean_actors`) are taught to the analyser as proper nouns,
    with a low score (:data:`KNOWN_NAME_SCORE`): it then reads "왕이가" as 왕이 + 가 where it is
    unsure, but still reads "조현상" as one name, not 조현 + 상.

    >>> t = tokenize(pd.DataFrame({"article_id": ["a"], "paragraph": [1], "text": ["왕이 부장과 만났다."]}))
    >>> t is None or t[["form", "tag"]].values.tolist()[:3] == [["왕이", "NNP"], ["부장", "NNG"], ["과", "JKB"]]
    True
    """
    loaded = _load_kiwi()
    if loaded is None:
        return None
    kiwi, taught = loaded
    if actors is not None:
        _teach(kiwi, taught, actors)
    rows = [(article_id, paragraph, token.form, token.tag, token.start, token.start + token.len)
            for article_id, paragraph, text in zip(paragraphs["article_id"], paragraphs["paragraph"], paragraphs["text"])
            for token in kiwi.tokenize(text)]
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "form", "tag", "start", "end"])
    return frame.astype({"paragraph": "int64", "start": "int64", "end": "int64"})


#: The score of a known person's name taught to kiwipiepy: below zero, so that a longer proper noun
#: ("조현상") still wins over a known name inside it ("조현").
KNOWN_NAME_SCORE = -3.0


def _teach(kiwi, taught: set, actors: pd.DataFrame) -> None:
    """Add the one-word Hangul names of *actors*' people to *kiwi* as proper nouns (once each)."""
    for kind, name, aliases in zip(actors["kind"], actors["name"], actors["aliases"]):
        for word in (name, *aliases) if kind in _PERSON_KINDS else ():
            if word not in taught and " " not in word and all(_HANGUL.match(c) for c in word):
                kiwi.add_user_word(word, "NNP", KNOWN_NAME_SCORE)
                taught.add(word)


def _by_paragraph(tokens: pd.DataFrame) -> dict[tuple, list[tuple]]:
    """(form, tag, start, end) of each token, by (article_id, paragraph), in reading order."""
    out: dict[tuple, list[tuple]] = {}
    for article_id, paragraph, form, tag, start, end in zip(*(tokens[c].tolist() for c in tokens.columns)):
        out.setdefault((article_id, paragraph), []).append((form, tag, start, end))
    return out


def _whole_tokens(tokens: pd.DataFrame, actors: pd.DataFrame):
    """The ``keep`` test of :func:`krcn_lab.mentions.find_mentions`: a hit covers whole tokens, and a
    person's name (or surname) holds a proper noun."""
    by_paragraph = _by_paragraph(tokens)
    kinds = dict(zip(actors["actor_id"], actors["kind"]))

    def keep(article_id, text, hit) -> bool:
        found = by_paragraph.get((article_id, hit.paragraph), [])
        if hit.start not in {t[2] for t in found} or hit.end not in {t[3] for t in found}:
            return False
        person = hit.actor_id is None or kinds.get(hit.actor_id) in _PERSON_KINDS
        return not person or any(tag == "NNP" and hit.start <= s and e <= hit.end for _, tag, s, e in found)
    return keep


def find_korean_mentions(paragraphs: pd.DataFrame, actors: pd.DataFrame, tokens: pd.DataFrame | None = None
                         ) -> pd.DataFrame:
    """Mentions of *actors* (from :func:`korean_actors`) in Korean *paragraphs*, as
    :func:`krcn_lab.mentions.find_mentions` returns them: names with particles attached, and
    surname-plus-title references resolved within the article. With *tokens* (from :func:`tokenize`),
    a hit must cover whole tokens and a person's name must hold a proper noun.

    >>> from krcn_lab import load_actor_names, load_actors
    >>> ko = korean_actors(load_actor_names(), load_actors())
    >>> paras = pd.DataFrame({"article_id": ["a", "a"], "paragraph": [1, 2],
    ...                       "text": ["조태열 장관은 베이징에서 왕이 부장과 만났다.", "조 장관은 중국은 중요하다고 말했다."]})
    >>> find_korean_mentions(paras, ko)[["surface", "actor_id"]].values.tolist()
    [['조태열', 'cho_tae_yul'], ['왕이', 'wang_yi'], ['조', 'cho_tae_yul'], ['중국', 'chn']]
    """
    keep = None if tokens is None else _whole_tokens(tokens, actors)
    return mentions.find_mentions(paragraphs, actors, writing=KOREAN, keep=keep)


def _title_after(found: list[tuple], i: int, text: str) -> str | None:
    """The title that follows token *i* (after up to two prefix words such as 주중, 전), or None."""
    for j in range(i + 1, min(i + 4, len(found))):
        form, tag, start, _ = found[j]
        if form in TITLES and found[i][3] < start:
            return text[found[i + 1][2]:found[j][3]]
        if form not in _TITLE_PREFIXES and tag not in ("MM", "SN"):
            return None
    return None


def _names_before_titles(found: list[tuple], text: str):
    """(name, title, start, end) for each Hangul proper noun of two to five syllables followed by a title."""
    for i, (form, tag, start, end) in enumerate(found):
        if tag != "NNP" or (start and not text[start - 1].isspace()):
            continue
        last = i  # a name the analyser split ("김홍" + "균") continues to the end of its word
        while last + 1 < len(found) and found[last + 1][2] == found[last][3] and found[last + 1][1][0] == "N":
            last += 1
        name = text[start:found[last][3]]
        title = _title_after(found, last, text)
        if title and 2 <= len(name) <= 5 and all(_HANGUL.match(c) for c in name) and name not in _NOT_NAMES:
            yield name, title, start, found[last][3]


def korean_candidate_actors(paragraphs: pd.DataFrame, found_mentions: pd.DataFrame, actors: pd.DataFrame,
                            tokens: pd.DataFrame | None) -> pd.DataFrame:
    """Proper nouns before a title ("김민준 대변인", "최지훈 주중 대사") that are no known actor: the
    columns of :func:`krcn_lab.candidates.candidate_actors`, reason ``proper noun before a title``.
    Needs *tokens* (:func:`tokenize`); without kiwipiepy there are none.

    >>> from krcn_lab import load_actor_names, load_actors
    >>> ko = korean_actors(load_actor_names(), load_actors())
    >>> paras = pd.DataFrame({"article_id": ["a"], "paragraph": [1], "text": ["김민준 외교부 대변인은 조현 장관이 말했다고 밝혔다."]})
    >>> tokens = tokenize(paras)
    >>> tokens is None or korean_candidate_actors(paras, find_korean_mentions(paras, ko, tokens), ko, tokens
    ...     )[["name", "title"]].values.tolist() == [["김민준", "외교부 대변인"]]
    True
    """
    columns = ["article_id", "paragraph", "name", "title", "start", "end", "reason"]
    known = set(actors["name"]) | {alias for aliases in actors["aliases"] for alias in aliases}
    taken: dict[tuple, list] = {}
    for a, p, s, e in zip(*(found_mentions[c].tolist() for c in ("article_id", "paragraph", "start", "end"))):
        taken.setdefault((a, p), []).append((s, e))
    by_paragraph = {} if tokens is None else _by_paragraph(tokens)
    rows = [(article_id, paragraph, name, title, start, end, "proper noun before a title")
            for article_id, paragraph, text in zip(paragraphs["article_id"], paragraphs["paragraph"], paragraphs["text"])
            for name, title, start, end in _names_before_titles(by_paragraph.get((article_id, paragraph), []), text)
            if name not in known and not any(s < end and start < e for s, e in taken.get((article_id, paragraph), []))]
    return pd.DataFrame(rows, columns=columns).astype({"paragraph": "int64", "start": "int64", "end": "int64"})


def find_mentions_by_language(paragraphs: pd.DataFrame, actors: pd.DataFrame, actor_names: pd.DataFrame
                              ) -> pd.DataFrame:
    """Mentions of *actors* in *paragraphs*, each article read in its language (:func:`detect_language`
    on its paragraphs): English with :func:`krcn_lab.mentions.find_mentions`, Korean with
    :func:`find_korean_mentions` and the Hangul names of *actor_names* (``load_actor_names``).

    >>> from krcn_lab import load_actor_names, load_actors
    >>> paras = pd.DataFrame({"article_id": ["en", "ko"], "paragraph": [1, 1],
    ...                       "text": ["Cho Hyun met Wang Yi.", "조현 장관은 왕이 부장과 만났다."]})
    >>> find_mentions_by_language(paras, load_actors(), load_actor_names())[["article_id", "surface"]].values.tolist()
    [['en', 'Cho Hyun'], ['en', 'Wang Yi'], ['ko', '조현'], ['ko', '왕이']]
    """
    texts = paragraphs.groupby("article_id", sort=False)["text"].agg(" ".join)
    in_korean = paragraphs["article_id"].isin([a for a, text in texts.items() if detect_language(text) == "ko"])
    found = mentions.find_mentions(paragraphs[~in_korean], actors)
    if not in_korean.any():
        return found
    korean = paragraphs[in_korean]
    names = korean_actors(actor_names, actors)
    found_ko = find_korean_mentions(korean, names, tokenize(korean, names))
    both = pd.concat([found, found_ko], ignore_index=True)
    return both.sort_values(["article_id", "paragraph", "start"], kind="stable").reset_index(drop=True)
