"""krcn_lab: data and network tools for a teaching workbook on South Korea–China diplomacy.

>>> import krcn_lab
>>> len(krcn_lab.load_articles())
5
"""

from .corpus import CorpusError, clean_file, clean_text
from .inputs import InputError, read_article
from .dataset import (
    DatasetError,
    load_actors,
    load_actor_names,
    load_administrations,
    load_articles,
    load_claims,
    load_event_sources,
    load_events,
    load_issues,
    load_paragraphs,
    load_participants,
    load_raw_clean,
    load_removed_lines,
    load_roles,
    load_statements,
)
from .mention_tables import load_mentions
from .korean import detect_language
from .userdata import user_dir
from .store import StoreError, add_article, remove_article, user_articles
from .builders import (
    build_actor_event_network,
    build_actor_issue_network,
    build_comention_network,
    build_issue_network,
    build_meeting_network,
)
from .networks import (
    NETWORK_KINDS,
    actor_event_network,
    actor_issue_network,
    comention_network,
    issue_network,
    meeting_network,
    network_kinds,
    project,
    project_bipartite,
    resolve_administration,
)
from .centrality import centrality_table, top_k, top_ranked
from .comparison import Comparison, compare_networks
from .drawing import draw_network
from .export import export_network, read_network
from .periods import administration_choices
from .analysis import ArticleAnalysis, analyze_article, analyze_file
from .summaries import summarize_comparison
from .words import distinctive_words, statement_eras
from .validation import validate

__version__ = "0.1.0"

__all__ = [
    "ArticleAnalysis",
    "CorpusError",
    "InputError",
    "analyze_article",
    "analyze_file",
    "read_article",
    "DatasetError",
    "clean_file",
    "clean_text",
    "load_actors",
    "load_actor_names",
    "load_administrations",
    "load_articles",
    "load_claims",
    "load_event_sources",
    "load_events",
    "load_issues",
    "load_mentions",
    "load_paragraphs",
    "load_raw_clean",
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
    "project_bipartite",
    "build_meeting_network",
    "build_actor_event_network",
    "build_actor_issue_network",
    "build_comention_network",
    "build_issue_network",
    "NETWORK_KINDS",
    "network_kinds",
    "resolve_administration",
    "administration_choices",
    "centrality_table",
    "top_k",
    "top_ranked",
    "Comparison",
    "distinctive_words",
    "statement_eras",
    "summarize_comparison",
    "compare_networks",
    "draw_network",
    "export_network",
    "read_network",
    "detect_language",
    "user_dir",
    "add_article",
    "remove_article",
    "user_articles",
    "StoreError",
]
