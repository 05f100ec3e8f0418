"""Widgets (WIP)."""
from .quiz import multiple_choice, short_answer
from .article_reader import article_reader
