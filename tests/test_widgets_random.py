"""Property: any sequence of control changes, across every widget, never raises and always leaves output.

Hypothesis picks a widget, one of its controls, and a value that control can take (an option, a
year range, a free text); after every change the output must still be a non-empty HTML string.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

import ipywidgets

from krcn_lab import widgets

def fresh_boxes() -> dict:
    """New widgets for every example: the options a control offers depend on earlier changes, so
    widgets shared between examples would let one example's history change the next one's draws."""
    return {
        "reader": widgets.article_reader(),
        "actors": widgets.actor_explorer(),
        "timeline": widgets.timeline(),
        "choice": widgets.multiple_choice("Q?", {"a": "fa", "b": "fb", "c": "fc"}, "b"),
        "answer": widgets.short_answer("Q?", ["4", "four"], hint="h"),
    }


_MOVES = [(w, c) for w, box in fresh_boxes().items() for c in box.controls]


def _apply(control, draw) -> None:
    if isinstance(control, ipywidgets.Button):
        control.click()
    elif isinstance(control, ipywidgets.SelectionRangeSlider):
        n = len(control.options)
        lo = draw(st.integers(0, n - 1))
        control.index = (lo, draw(st.integers(lo, n - 1)))
    elif isinstance(control, ipywidgets.Text):
        control.value = draw(st.sampled_from([" 4 ", "FOUR", "", "  ", "4.0", "<b>x</b>"]) | st.text(max_size=8))
    elif control.options:  # Dropdown, RadioButtons, ToggleButtons
        control.value = draw(st.sampled_from([value for _, value in control._options_full]))


@settings(max_examples=30, deadline=None, database=None)  # no .hypothesis folder
@given(st.data())
def test_random_control_changes_never_raise(data):
    boxes = fresh_boxes()
    for _ in range(data.draw(st.integers(1, 8))):
        name, control = data.draw(st.sampled_from(_MOVES))
        box = boxes[name]
        _apply(box.controls[control], data.draw)
        assert isinstance(box.output.value, str) and box.output.value.strip()
