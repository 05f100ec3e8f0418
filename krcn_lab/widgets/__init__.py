"""Widgets (WIP)."""
from .quiz import multiple_choice, short_answer
