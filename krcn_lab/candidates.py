"""What a new article may add: spelling variants of known names, candidate new actors, candidate issues.

Three plain functions over tables, used by :mod:`krcn_lab.analysis`:

- :func:`expand_actor_names` adds the spellings that outlets use for romanised Korean
  names ("Kim Hong Kyun" for Kim Hong-kyun, "Lee Jae-myung" for Lee Jae Myung) to the
  actors' aliases, so that :func:`krcn_lab.mentions.find_mentions` finds them unchanged;
- :func:`candidate_actors` flags capitalised person names that are no known actor;
- :func:`candidate_issues` tags issues from the keyword lists in
  ``krcn_lab/data/issue_keywords.csv`` (one row per issue and language, keywords joined
  by ``|``; an instructor edits that file), with the words that triggered each tag.

Example
-------
>>> spelling_variants("Kim Hong-kyun", "Kim")[:3]
['KIM HONG KYUN', 'KIM HONG-KYUN', 'KIM Hong Kyun']
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import pandas as pd

from . import dataset
from .patterns import words_pattern

__all__ = ["spelling_variants", "expand_actor_names", "candidate_actors", "drop_shadowed_surnames", "load_issue_keywords",
           "candidate_issues", "TITLE_WORDS", "COMMON_SURNAMES"]

_PERSON_KINDS = {"person", "journalist"}

#: Words of a title before a name ("Vice Foreign Minister", "spokesperson"): they mark a person.
TITLE_WORDS = frozenset("""
minister vice deputy first executive foreign prime premier president ambassador envoy special spokesperson
spokesman spokeswoman secretary general chairman chairwoman chair director speaker former then chief senior
representative assistant counselor counsellor commissioner governor mayor leader lawmaker senator mr ms mrs dr
acting defence defense unification trade finance national security adviser advisor state councillor councilor
""".split())
#: Surnames common enough in Korea and China that two or three capitalised words after one are likely a name.
COMMON_SURNAMES = frozenset("""
Kim Lee Park Choi Cho Jung Jeong Kang Yoon Jang Lim Han Shin Seo Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon Yang
Son Bae Baek Heo Nam Shim Noh Ha Kwak Sung Cha Joo Woo Koo Min Ryu Na Jin Ji Eom Chae Won Chun Bang Gong Hyun Wi
Chung Chang Oh Yu Wang Li Zhang Liu Chen Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Zheng Xie Tang
Feng Dong Xiao Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su Jiang Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong
Tian Ren Fan Fang Shi Yao Tan Liao Zou Xiong Qin Xing Mao Hao Kong Bai Cui Qiu Qian Yin Yi
""".split())
#: Capitalised words that are not parts of a person's name (places, nationalities, institutions, calendar).
NOT_NAME_WORDS = frozenset("""
The A An In On At By For From Of To With During But And Or As After Before While When Since Until Under Over
He She They It This That These Those His Her Their Its We Our Us You I According Meanwhile However Earlier Later
Both Other Another Each Many Some Several Still Also Yet Why What Who How Where Then Now Today Yesterday Tomorrow
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December South North East West Northeast Southeast Korea Korean Koreans China Chinese
Japan Japanese American Americans Beijing Seoul Tokyo Washington Pyongyang Moscow Russia Russian Taiwan Taipei
Asia Asian Pacific Asia-Pacific Indo-Pacific Europe European Western Eastern Peninsula Sea Island Islands
Gyeongju Busan Jeju Incheon Shanghai Kong Qingdao Chengdu Ministry Foreign Affairs Office Council Assembly
National Party Democratic People People's Power Republic Government Embassy Agency News Daily Times Post Herald
Journal Press Xinhua Yonhap Reuters Bloomberg Associated Summit Forum Cooperation Economic Strategic Dialogue
Partnership Organization Organisation Union United Nations States Kingdom Security Trade Industry Blue House
University Institute Center Centre Foundation Company Co Corp Group Motor Electronics Communist Congress Court
Constitutional Standing Committee Commission Bureau Department Cabinet Parliament Ltd Inc KST GMT UTC Live Updated
""".split())
_TOKEN = r"[A-Z][a-z]+(?:['’][A-Za-z]+)?(?:-[A-Za-z][a-z]+)?"
_RUN = re.compile(rf"(?=[A-Z])(?<![\w-])({_TOKEN}(?:[ \t]+{_TOKEN})*)(?![\w-])")  # (look-ahead: skip to a capital)
_TITLE_BEFORE = re.compile(r"(?:^|\W)(" + "|".join(sorted(TITLE_WORDS, key=len, reverse=True)) + r")s?\s+$",
                           re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"^(?:['’]s\b)?\s*(?:,\s*(?:who|a|an|the)\b|(?:said|says|told|added|noted|stressed|"
                           r"urged|asked|wrote|called|warned|replied)\b)")
_KOREAN_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def spelling_variants(name: str, surname: str | None) -> list[str]:
    """The other ways outlets spell a romanised name: given-name syllables joined by a hyphen
    or a space ("Hong-kyun", "Hong Kyun", "Hong-Kyun"), and the surname or the whole name in capitals.

    >>> spelling_variants("Lee Jae Myung", "Lee")
    ['LEE JAE MYUNG', 'LEE JAE-MYUNG', 'LEE Jae Myung', 'LEE Jae-Myung', 'LEE Jae-myung', 'Lee Jae-Myung', 'Lee Jae-myung']
    >>> spelling_variants("Wang Yi", "Wang")
    ['WANG YI', 'WANG Yi']
    """
    tokens = name.split()
    if len(tokens) < 2 or not surname or surname not in (tokens[0], tokens[-1]):
        return []
    first = tokens[0] == surname
    given = tokens[1:] if first else tokens[:-1]
    syllables = [part for token in given for part in token.split("-")]
    if len(syllables) == 2:
        a, b = syllables[0].capitalize(), syllables[1]
        forms = {f"{a} {b.capitalize()}", f"{a}-{b.lower()}", f"{a}-{b.capitalize()}"}
    else:
        forms = {" ".join(given)}
    variants = set()
    for form in forms:
        for family in (surname, surname.upper()):
            variants.add(f"{family} {form}" if first else f"{form} {family}")
        variants.add((f"{surname} {form}" if first else f"{form} {surname}").upper())
    return sorted(variants - {name})


def expand_actor_names(actors: pd.DataFrame) -> pd.DataFrame:
    """A copy of *actors* (the ``load_actors`` frame) whose people also carry their spelling variants
    as aliases. A variant that is already some actor's name or alias is not added.

    >>> from krcn_lab import load_actors
    >>> actors = expand_actor_names(load_actors()).set_index("actor_id")
    >>> "Kim Hong Kyun" in actors.loc["kim_hong_kyun", "aliases"], "Lee Jae-myung" in actors.loc["lee_jae_myung", "aliases"]
    (True, True)
    """
    taken = set(actors["name"]) | {alias for aliases in actors["aliases"] for alias in aliases}
    expanded = []
    for row in actors.itertuples():
        aliases = tuple(row.aliases)
        if row.kind in _PERSON_KINDS and isinstance(row.surname, str):
            aliases += tuple(v for v in spelling_variants(row.name, row.surname) if v not in taken)
        expanded.append(aliases)
    result = actors.copy()
    result["aliases"] = expanded
    return result


def _person_name(tokens: list[str]) -> tuple[list[str], list[str]]:
    """Split a run of capitalised words into its leading title words and the name after them."""
    start = 0
    while start < len(tokens) and (tokens[start].lower() in TITLE_WORDS or tokens[start] in NOT_NAME_WORDS):
        start += 1
    name = []
    for token in tokens[start:]:
        if token in NOT_NAME_WORDS or token.lower() in TITLE_WORDS:
            break
        name.append(token)
    return tokens[:start], name


def _why_a_person(title: str, name: list[str], after: str) -> str | None:
    """Why a run of two or three capitalised words reads as a person's name, or None."""
    if title:
        return "after a title"
    if any(_KOREAN_GIVEN.match(token) for token in name[1:]):
        return "hyphenated given name"
    if name[0] in COMMON_SURNAMES:
        return "common surname"
    if _SPEECH_AFTER.match(after):
        return "before a speech verb"
    return None


def _candidates_in(text: str, known: set[str], taken: list[tuple[int, int]]):
    """(name, title, start, end, reason) for each person-like name in one paragraph."""
    for run in _RUN.finditer(text):
        tokens = run.group(1).split()
        if len(tokens) < 2:
            continue  # one capitalised word is no full name
        leading, name = _person_name([t[:-2] if t.endswith(("'s", "’s")) else t for t in tokens])
        if not 2 <= len(name) <= 3:
            continue
        start = run.start() + len(" ".join(tokens[:len(leading)])) + (1 if leading else 0)
        end = start + len(" ".join(name))
        if " ".join(name) in known or any(s < end and start < e for s, e in taken):
            continue
        titles = [t for t in leading if t.lower() in TITLE_WORDS]
        before = _TITLE_BEFORE.search(text, max(0, run.start() - 40), run.start()) if not titles else None
        title = " ".join(leading[leading.index(titles[0]):]) if titles else (before.group(1) if before else "")
        reason = _why_a_person(title, name, text[end:end + 40])
        if reason:
            yield " ".join(name), title, start, end, reason


def candidate_actors(paragraphs: pd.DataFrame, mentions: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Capitalised person names in *paragraphs* that are not known *actors*: one row per occurrence.

    A name is two or three capitalised words (given names may be hyphenated) that are no
    place, institution or calendar word, read as a person because a title comes before it
    ("Vice Minister", "spokesperson"), a given name is hyphenated ("Chang Ho-jin"), it
    starts with a common Korean or Chinese surname, or a speech verb follows ("said").
    Names inside a known actor's name or alias (*mentions*, from ``find_mentions``) are
    skipped; a bare surname does not hide a new name ("Choi Sang-mok" is flagged even though
    "Choi" alone would be resolved to a known Choi: see :func:`drop_shadowed_surnames`).
    Columns: ``article_id``, ``paragraph``, ``name``, ``title``, ``start``, ``end``, ``reason``.

    >>> from krcn_lab.mentions import find_mentions
    >>> from krcn_lab import load_actors
    >>> paras = pd.DataFrame({"article_id": ["a"], "paragraph": [1], "text": [
    ...     "Vice Minister Chang Ho-jin summoned Ambassador Xing Haiming in Seoul on Friday."]})
    >>> actors = load_actors()
    >>> candidate_actors(paras, find_mentions(paras, actors), actors)[["name", "title", "reason"]].values.tolist()
    [['Chang Ho-jin', 'Vice Minister', 'after a title']]
    """
    known = set(actors["name"]) | {alias for aliases in actors["aliases"] for alias in aliases}
    spans: dict[tuple, list] = {}
    for article_id, paragraph, start, end, resolution in zip(
            mentions["article_id"].tolist(), mentions["paragraph"].tolist(), mentions["start"].tolist(),
            mentions["end"].tolist(), mentions["resolution"].tolist()):
        if resolution == "name or alias":
            spans.setdefault((article_id, paragraph), []).append((start, end))
    rows = [
        (article_id, paragraph, *found)
        for article_id, paragraph, text in zip(paragraphs["article_id"], paragraphs["paragraph"], paragraphs["text"])
        for found in _candidates_in(text, known, spans.get((article_id, paragraph), []))
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "name", "title", "start", "end", "reason"])
    return frame.astype({"paragraph": "int64", "start": "int64", "end": "int64"})


def drop_shadowed_surnames(mentions: pd.DataFrame, candidates: pd.DataFrame) -> pd.DataFrame:
    """*mentions* without the bare surnames that begin a candidate's full name: in "Choi Sang-mok",
    "Choi" is not the known Soo-Hyang Choi but a new person.

    >>> m = pd.DataFrame({"article_id": ["a"], "paragraph": [1], "start": [0], "end": [4], "actor_id": ["choi"],
    ...                   "resolution": ["surname: only actor with this surname"]})
    >>> c = pd.DataFrame({"article_id": ["a"], "paragraph": [1], "start": [0], "end": [13]})
    >>> len(drop_shadowed_surnames(m, c)), len(drop_shadowed_surnames(m, c.assign(start=20, end=30)))
    (0, 1)
    """
    spans = {}
    for article_id, paragraph, start, end in zip(candidates["article_id"].tolist(), candidates["paragraph"].tolist(),
                                                 candidates["start"].tolist(), candidates["end"].tolist()):
        spans.setdefault((article_id, paragraph), []).append((start, end))
    if not spans:
        return mentions
    shadowed = [
        str(resolution).startswith("surname") and any(s <= start and end <= e for s, e in spans.get((a, p), []))
        for a, p, start, end, resolution in zip(mentions["article_id"].tolist(), mentions["paragraph"].tolist(),
                                                mentions["start"].tolist(), mentions["end"].tolist(),
                                                mentions["resolution"].tolist())
    ]
    return mentions[[not flag for flag in shadowed]].reset_index(drop=True)


def load_issue_keywords(data_dir=None, language: str = "en") -> dict[str, tuple[str, ...]]:
    """The keywords of each issue in *language*, from ``issue_keywords.csv`` in the data folder.

    >>> load_issue_keywords()["missile_defence"]
    ('THAAD', 'missile defence', 'missile defense')
    """
    with dataset.data_root(data_dir).joinpath("issue_keywords.csv").open(encoding="utf-8") as handle:
        table = pd.read_csv(handle, dtype=str, keep_default_na=False)
    rows = table[table["language"] == language]
    return {issue: tuple(k.strip() for k in words.split("|") if k.strip())
            for issue, words in zip(rows["issue_id"], rows["keywords"])}


class _Keywords(NamedTuple):
    lower: list  # patterns of the keywords in lower case, one per kind of edge, for text in lower case
    any_case: list  # the same, ignoring case, for a text whose lower case changes its length
    issues_of: dict  # keyword (normalised) -> the issues it tags


def _keyword_patterns(keywords: dict[str, tuple[str, ...]]) -> _Keywords:
    """Patterns for the keywords, one per kind of edge (a hyphen also matches a space), and the issues
    each keyword tags."""
    return _compiled_keywords(tuple(keywords.items()))


@functools.lru_cache(maxsize=8)
def _compiled_keywords(keywords: tuple) -> _Keywords:
    issues_of: dict[str, list[str]] = {}
    for issue_id, words in keywords:
        for word in words:
            tagged = issues_of.setdefault(_normal(word), [])
            if issue_id not in tagged:  # "supply chain" and "supply-chain" are one keyword, one tag
                tagged.append(issue_id)
    groups: dict[tuple[str, str], list[str]] = {}  # keywords with the same edges share one pattern
    for word in issues_of:
        groups.setdefault(_edges(word), []).append(word)
    return _Keywords(*([words_pattern(words, start=start, end=end, flags=flags, escape=_keyword_char)
                        for (start, end), words in groups.items()] for flags in (0, re.IGNORECASE)), issues_of)


def _keyword_char(char: str) -> str:
    return "[- ]" if char in "- " else re.escape(char)  # "supply-chain" also matches "supply chain"


def _keyword_spans(found: _Keywords, text: str) -> list[tuple[int, int]]:
    """Where keywords occur in *text*, in any case: left to right, not overlapping (the longest wins a tie).

    The text is searched in lower case, which is several times faster than a search that ignores case;
    a text whose lower case has another length (a few letters outside English) is searched ignoring case.
    """
    lowered = text.lower()
    patterns, text = (found.lower, lowered) if len(lowered) == len(text) else (found.any_case, text)
    if len(patterns) == 1:  # one pattern's matches are already in order and apart
        return [m.span() for m in patterns[0].finditer(text)]
    spans = sorted((m.span() for p in patterns for m in p.finditer(text)), key=lambda span: (span[0], -span[1]))
    kept, end = [], 0
    for start, stop in spans:
        if start >= end:
            kept.append((start, stop))
            end = stop
    return kept


_HANGUL = "\uac00-\ud7a3"


def _edges(word: str) -> tuple[str, str]:
    """The bounds before and after *word*: a Latin edge is a whole-word edge (that may touch Hangul:
    "THAAD를"); a Hangul edge has none, since Korean attaches particles and writes compounds as one
    word ("사드를", "한반도비핵화")."""
    start = "" if re.match(f"[{_HANGUL}]", word) else rf"(?<![^\W{_HANGUL}])"
    end = "" if re.search(f"[{_HANGUL}]$", word) else rf"(?![^\W{_HANGUL}])"
    return start, end


def _normal(word: str) -> str:
    return word.lower().replace("’", "'").replace("-", " ")


def candidate_issues(paragraphs: pd.DataFrame, keywords: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Tag issues whose keywords occur in *paragraphs*: one row per keyword occurrence and issue.

    Columns: ``article_id``, ``paragraph``, ``issue_id``, ``word`` (as written), ``start``, ``end``.
    Keywords match whole words, in any case; "supply-chain" also matches "supply chain". A Korean
    keyword also matches inside a longer word, with particles attached ("사드를" for 사드).

    >>> paras = pd.DataFrame({"article_id": ["a"], "paragraph": [1], "text": ["They discussed THAAD and supply chains."]})
    >>> candidate_issues(paras, load_issue_keywords())[["issue_id", "word"]].values.tolist()
    [['missile_defence', 'THAAD'], ['supply_chains', 'supply chains']]
    >>> paras = paras.assign(text=["양국은 사드를 논의했고, THAAD에 대해 말했다."])
    >>> candidate_issues(paras, {"missile_defence": ("사드", "THAAD")})[["issue_id", "word"]].values.tolist()
    [['missile_defence', '사드'], ['missile_defence', 'THAAD']]
    """
    found = _keyword_patterns(keywords)
    rows = [
        (article_id, paragraph, issue_id, text[start:end], start, end)
        for article_id, paragraph, text in zip(paragraphs["article_id"], paragraphs["paragraph"], paragraphs["text"])
        for start, end in _keyword_spans(found, text)
        for issue_id in found.issues_of[_normal(text[start:end])]
    ]
    frame = pd.DataFrame(rows, columns=["article_id", "paragraph", "issue_id", "word", "start", "end"])
    return frame.astype({"paragraph": "int64", "start": "int64", "end": "int64"})
