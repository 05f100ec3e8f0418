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
from .networks import (
    actor_event_network,
    actor_issue_network,
    centrality_table,
    comention_network,
    compare_networks,
    draw_network,
    export_network,
    issue_network,
    meeting_network,
    project,
    read_network,
    top_k,
)
from .validation import validate

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
    "meeting_network",
    "actor_event_network",
    "actor_issue_network",
    "comention_network",
    "issue_network",
    "project",
    "centrality_table",
    "top_k",
    "compare_networks",
    "draw_network",
    "export_network",
    "read_network",
]
