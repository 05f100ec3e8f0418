"""The mentions table of the dataset: every clean paragraph's actor mentions, computed, never stored.

:func:`load_mentions` reads the seeds' paragraphs (and, on request, those of the articles in the
user store) with :func:`krcn_lab.korean.find_mentions_by_language`: an English article with the
English name rules of :mod:`krcn_lab.mentions`, a Korean one (a user may add one) with the
Hangul names and particles of :mod:`krcn_lab.korean`, as :func:`krcn_lab.analyze_article` reads it.

>>> m = load_mentions()
>>> m[(m.article_id == "joongang2024") & (m.surface == "Ma")].actor_id.unique().tolist()
['ma_zhaoxu']
"""

from __future__ import annotations

import pandas as pd

from . import dataset, userdata
from .cache import cached
from .korean import find_mentions_by_language

__all__ = ["load_mentions"]


@cached(key=userdata.user_key)
def _mentions(data_dir: str | None, seeds_dir: str | None, user: str | None) -> pd.DataFrame:
    return find_mentions_by_language(dataset.load_paragraphs(data_dir, seeds_dir, include_user=user),
                                     dataset.load_actors(data_dir), dataset.load_actor_names(data_dir))


def load_mentions(data_dir=None, seeds_dir=None, include_user=False) -> pd.DataFrame:
    """Actor mentions in every clean paragraph (see :func:`krcn_lab.mentions.find_mentions`), with those
    of the user store's articles when *include_user* is True, each article read in its language.

    >>> m = load_mentions()
    >>> sorted(m[(m.article_id == "bloomberg2025") & (m.surface == "Cho")].actor_id.unique())
    ['cho_hyun']
    """
    return _mentions(None if data_dir is None else str(data_dir), None if seeds_dir is None else str(seeds_dir),
                     dataset.user_state(include_user))
