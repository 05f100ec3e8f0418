"""Actor explorer: who is who, roles over time (and how each date is known), events, statements.

Logic (plain functions over the loaders' tables): :func:`actor_choices` (labels that tell two
people with one surname apart), :func:`actor_roles`, :func:`actor_events`, :func:`actor_statements`
and :func:`actor_html`. :func:`actor_explorer` only wires a Dropdown to :func:`actor_html`.

>>> import krcn_lab
>>> labels = dict((v, k) for k, v in actor_choices(explorer_tables()))
>>> labels["cho_hyun"], labels["cho_tae_yul"]
('Cho Hyun (KOR, Foreign Minister 2025–)', 'Cho Tae-yul (KOR, Foreign Minister in 2024)')
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import dataset
from ..drawing import COUNTRY_COLOURS
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["actor_explorer", "actor_choices", "actor_roles", "actor_events", "actor_statements",
           "actor_html", "explorer_tables"]

#: Country order in the actor list: the two sides first, then the palette's order, then the rest.
COUNTRY_ORDER = list(COUNTRY_COLOURS)


def explorer_tables() -> dict[str, pd.DataFrame]:
    """The tables the explorer needs, from the package's loaders (each loader caches its own result).

    >>> sorted(explorer_tables())
    ['actors', 'events', 'participants', 'roles', 'statements']
    """

    return {"actors": dataset.load_actors(), "roles": dataset.load_roles(),
            "events": dataset.load_events(), "participants": dataset.load_participants(),
            "statements": dataset.load_statements()}


def _years(role, dates: pd.Series) -> str:
    first = role.start.year if pd.notna(role.start) else (dates.min().year if len(dates) else None)
    if str(role.end_basis) == "open":
        return f"{first}–" if first else "in office"
    last = role.end.year if pd.notna(role.end) else (dates.max().year if len(dates) else None)
    if first is None:
        return ""
    if pd.isna(role.start) and pd.isna(role.end):
        return f"in {first}" if first == last else f"in {first}–{last}"
    return f"{first}–{last}" if first != last else f"{first}"


def _label(actor, roles: pd.DataFrame, dates: pd.Series) -> str:
    country = actor.country if isinstance(actor.country, str) else ""
    mine = roles[roles["actor_id"] == actor.actor_id]
    if mine.empty:
        what = str(actor.kind)
    else:
        role = mine.sort_values("start", na_position="first").iloc[-1]
        what = f"{role.title} {_years(role, dates)}".strip()
    return f"{actor.name} ({', '.join(x for x in (country, what) if x)})"


def actor_choices(tables: dict) -> list[tuple[str, str]]:
    """Dropdown options ``(label, actor_id)`` grouped by country (KOR, CHN, …, then none).

    A label gives the country and the latest role with its years, so "Cho Hyun" and
    "Cho Tae-yul" read differently; "in 2024" means the years come from events, not the role.

    >>> choices = actor_choices(explorer_tables())
    >>> choices[0][1], choices[-1][0]
    ('cho_hyun', 'Unnamed news site (newssite2024) (media)')
    """
    actors, roles = tables["actors"], tables["roles"]
    dated = tables["participants"].merge(tables["events"][["event_id", "date"]], on="event_id")
    rank = {c: i for i, c in enumerate(COUNTRY_ORDER)}
    order = actors.assign(
        _group=[rank.get(c, len(rank)) if isinstance(c, str) else len(rank) + 1
                for c in actors["country"].astype(object)],
        _kind=(actors["kind"].astype(str) != "person")).sort_values(["_group", "_kind", "name"])
    return [(_label(a, roles, dated.loc[dated["actor_id"] == a.actor_id, "date"]), a.actor_id)
            for a in order.itertuples()]


def actor_roles(tables: dict, actor_id: str) -> pd.DataFrame:
    """The actor's roles in start order, with how each date is known and the quote that shows it.

    >>> actor_roles(explorer_tables(), "wang_yi")[["title", "start", "start_basis"]].iloc[0].tolist()
    ['Foreign Minister', Timestamp('2013-03-16 00:00:00'), 'public_record']
    """
    roles = tables["roles"]
    mine = roles[roles["actor_id"] == actor_id].sort_values("start", na_position="first")
    return mine[["title", "start", "start_basis", "end", "end_basis", "note", "article_id", "quote"]
                ].reset_index(drop=True)


def actor_events(tables: dict, actor_id: str) -> pd.DataFrame:
    """The meetings and background events the actor took part in, in date order, with their role then.

    >>> actor_events(explorer_tables(), "cho_hyun")["event_id"].tolist()
    ['mtg_2025_09_fm_beijing']
    """
    parts = tables["participants"]
    mine = parts.loc[parts["actor_id"] == actor_id, ["event_id", "role_at_event"]].merge(
        tables["events"], on="event_id")
    return mine.sort_values(["date", "event_id"])[
        ["event_id", "date", "date_basis", "kind", "title", "place", "role_at_event"]].reset_index(drop=True)


def actor_statements(tables: dict, actor_id: str) -> pd.DataFrame:
    """The coded statements attributed to the actor, with the article's verbatim quote.

    >>> actor_statements(explorer_tables(), "cho_hyun")["statement_id"].iloc[0]
    's001'
    """
    st = tables["statements"]
    return st.loc[st["actor_id"] == actor_id, ["statement_id", "event_id", "issue_id", "act", "stance",
                                                "quote", "article_id", "paragraph"]].reset_index(drop=True)


def actor_html(tables: dict, actor_id) -> str:
    """The explorer's whole output for one actor (HTML): who, roles, events, statements.

    >>> "Foreign Minister" in actor_html(explorer_tables(), "cho_hyun")
    True
    >>> "Pick an actor" in actor_html(explorer_tables(), "nobody")
    True
    """
    actors = tables["actors"]
    row = actors[actors["actor_id"] == actor_id]
    if row.empty:
        return styled(message("Pick an actor to see their roles, events and statements."))
    a = row.iloc[0]
    country = a.country if isinstance(a.country, str) else "no country"
    head = (f"<h3>{html.escape(str(a.name))}</h3><p>{html.escape(str(a.kind))} · {html.escape(country)}"
            f" · id <code>{html.escape(actor_id)}</code></p><p>{html.escape(str(a.description))}</p>")
    return styled(head
                  + "<h4>Roles over time (and how each date is known)</h4>"
                  + html_table(actor_roles(tables, actor_id), "No role is coded for this actor.")
                  + "<h4>Meetings and events taken part in</h4>"
                  + html_table(actor_events(tables, actor_id), "This actor took part in no coded event.")
                  + "<h4>Statements, in the article's words</h4>"
                  + html_table(actor_statements(tables, actor_id), "No statement is attributed to this actor."))


def actor_explorer(actor_id=None):
    """Pick an actor (grouped by country); see roles over time, events taken part in and statements.

    >>> e = actor_explorer(); e.controls["actor"].value = "cho_tae_yul"
    >>> "mtg_2024_05_fm_beijing" in e.output.value
    True
    """
    tables = explorer_tables()
    choices = actor_choices(tables)
    ids = [v for _, v in choices]
    picker = tag_control(widgets.Dropdown(options=choices, value=actor_id if actor_id in ids else ids[0],
                                          description="Actor", layout=widgets.Layout(width="max-content")))
    out = tag_output(widgets.HTML())
    cache: dict = {}

    def update(*_):
        if picker.value not in cache:
            cache[picker.value] = actor_html(tables, picker.value)
        out.value = cache[picker.value]

    picker.observe(update, names="value")
    update()
    box = widgets.VBox([picker, out])
    box.controls, box.output = {"actor": picker}, out
    box.clear_cache = cache.clear  # forget computed pages (the benchmark times cold updates)
    return box
