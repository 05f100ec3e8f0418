"""Formative questions: multiple choice and short answer, with feedback that explains (never a grade).

The logic is two plain functions, :func:`choice_feedback` and :func:`answer_feedback`, that
return HTML; :func:`multiple_choice` and :func:`short_answer` only wire controls to them.

>>> box = multiple_choice("2 + 2?", {"4": "Yes: two pairs.", "5": "One too many."}, "4")
>>> box.controls["options"].value = "5"; box.controls["check"].click()
>>> "One too many." in box.output.value
True
"""

from __future__ import annotations

import html
import re
from typing import Callable

import ipywidgets as widgets

from .common import styled, tag_control, tag_output

__all__ = ["multiple_choice", "short_answer", "choice_feedback", "answer_feedback", "answer_matches"]

_RIGHT = '<div style="border-left:4px solid #009E73;padding:6px"><b>✓ Correct.</b> {}</div>'
_WRONG = '<div style="border-left:4px solid #D55E00;padding:6px"><b>✗ Not quite.</b> {}</div>'
_NOTE = '<div style="border-left:4px solid #999999;padding:6px">{}</div>'


def choice_feedback(options: dict, answer: str, chosen, explanation: str = "") -> str:
    """Feedback (HTML) for picking *chosen* among *options* (option text → feedback).

    >>> choice_feedback({"a": "Right, because…", "b": "No: …"}, "a", "b")
    '<div style="border-left:4px solid #D55E00;padding:6px"><b>✗ Not quite.</b> No: …</div>'
    >>> "Pick an option" in choice_feedback({"a": ""}, "a", None)
    True
    """
    if chosen is None or chosen not in options:
        return _NOTE.format("Pick an option, then press Check.")
    text = html.escape(str(options[chosen]))
    if chosen == answer and explanation:
        text += " " + html.escape(explanation)
    return (_RIGHT if chosen == answer else _WRONG).format(text)


def _normal(text: str):
    text = " ".join(str(text).split()).casefold()
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return text


def answer_matches(accept, given: str) -> bool:
    """True if *given* is accepted: *accept* is a list of answers or a callable ``str -> bool``.

    Answers are compared ignoring case and surrounding or repeated spaces; numbers as numbers.

    >>> answer_matches(["4"], " 4 "), answer_matches(["4"], "4.0"), answer_matches(["Cho  Hyun"], "cho hyun")
    (True, True, True)
    >>> answer_matches(lambda s: s.startswith("Bei"), "Beijing"), answer_matches(["4"], "")
    (True, False)
    """
    given = "" if given is None else str(given)
    if not given.strip():
        return False
    if callable(accept):
        return bool(accept(given.strip()))
    return _normal(given) in {_normal(a) for a in accept}


def answer_feedback(accept, given: str, correct: str = "", wrong: str = "", hint: str = "") -> str:
    """Feedback (HTML) for the short answer *given*; *hint* is added when the answer is wrong.

    >>> "✓ Correct." in answer_feedback(["4"], " 4 ", correct="Four meetings.")
    True
    >>> "Count the rows" in answer_feedback(["4"], "3", hint="Count the rows.")
    True
    """
    if not str(given or "").strip():
        return _NOTE.format("Type an answer, then press Check.")
    if answer_matches(accept, given):
        return _RIGHT.format(html.escape(correct))
    text = html.escape(wrong) + (f" <i>Hint:</i> {html.escape(hint)}" if hint else "")
    return _WRONG.format(text.strip())


def _box(question: str, control, check, feedback):
    box = widgets.VBox([widgets.HTML(styled(f"<p><b>{html.escape(question)}</b></p>")), control,
                        check, feedback])
    box.controls = {"options" if isinstance(control, widgets.RadioButtons) else "answer": control,
                    "check": check}
    box.output = feedback
    return box


def multiple_choice(question: str, options: dict, answer: str, *, explanation: str = ""):
    """A multiple-choice question: radio buttons, a Check button, and feedback for the option chosen.

    *options* maps each option's text to the feedback shown when it is chosen; *answer* is the
    correct option's text; *explanation* is added to the feedback of the correct answer.

    >>> box = multiple_choice("Capital?", {"Seoul": "Yes.", "Busan": "No."}, "Seoul")
    >>> box.controls["options"].value = "Seoul"; box.controls["check"].click()
    >>> "✓ Correct." in box.output.value
    True
    """
    if answer not in options:
        raise ValueError(f"multiple_choice: the answer {answer!r} is not one of the options")
    radio = tag_control(widgets.RadioButtons(options=list(options), value=None, description="Answer",
                                             layout=widgets.Layout(width="max-content")))
    check = widgets.Button(description="Check", tooltip="Check your answer")
    feedback = tag_output(widgets.HTML(choice_feedback(options, answer, None)))

    def picked(change):
        feedback.value = _NOTE.format(f"You picked “{html.escape(str(change['new']))}”. Press Check.")

    def checked(_button):
        feedback.value = choice_feedback(options, answer, radio.value, explanation)

    radio.observe(picked, names="value")
    check.on_click(checked)
    return _box(question, radio, check, feedback)


def short_answer(question: str, accept: list | Callable[[str], bool], *, correct: str = "",
                 wrong: str = "", hint: str = ""):
    """A short-answer question: a text box (Enter or Check gives feedback) and feedback.

    *accept* is a list of accepted answers (case-, space-insensitive; numbers as numbers)
    or a callable ``str -> bool``; *correct*/*wrong* explain, *hint* helps after a wrong answer.

    >>> box = short_answer("How many meetings?", ["4"], correct="Four.")
    >>> box.controls["answer"].value = " 4 "
    >>> "Four." in box.output.value
    True
    """
    text = tag_control(widgets.Text(description="Answer", placeholder="type, then Enter",
                                    continuous_update=False))
    check = widgets.Button(description="Check", tooltip="Check your answer")
    feedback = tag_output(widgets.HTML(answer_feedback(accept, "")))

    def checked(*_):
        feedback.value = answer_feedback(accept, text.value, correct, wrong, hint)

    text.observe(checked, names="value")
    check.on_click(checked)
    return _box(question, text, check, feedback)
