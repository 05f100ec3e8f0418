"""krcn_lab: data and network tools for a teaching workbook on South Korea–China diplomacy.

>>> import krcn_lab
>>> len(krcn_lab.load_articles())
5
"""

from .corpus import CorpusError, clean_file, clean_text
from .dataset import (
    DatasetError,
    load_actors,
    load_administrations,
    load_articles,
    load_claims,
    load_event_sources,
    load_events,
    load_issues,
    load_paragraphs,
    load_participants,
    load_removed_lines,
    load_roles,
    load_statements,
)
from .mentions import load_mentions
from .validate import validate

__version__ = "0.1.0"

__all__ = [
    "CorpusError",
    "DatasetError",
    "clean_file",
    "clean_text",
    "load_actors",
    "load_administrations",
    "load_articles",
    "load_claims",
    "load_event_sources",
    "load_events",
    "load_issues",
    "load_mentions",
    "load_paragraphs",
    "load_participants",
    "load_removed_lines",
    "load_roles",
    "load_statements",
    "validate",
]
