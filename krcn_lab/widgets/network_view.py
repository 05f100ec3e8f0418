"""Network viewer: one kind of network, one period, one centrality measure; drawing and ranking together.

Logic (plain functions): :func:`kind_choices` and :func:`resolve_kind` (from
:data:`krcn_lab.networks.NETWORK_KINDS`, never a list typed twice), :func:`period_choices` (from
:func:`krcn_lab.periods.administration_choices`), :func:`period_network`, :func:`ranking_table`,
:func:`ranking_html` and :func:`save_network`; the drawing is in :mod:`.network_drawing` (positions
computed once for the union of a kind's nodes over every period, so a node stays put as the
filters change). :class:`ViewerState` keeps what is computed once per widget (networks per kind
and period, layouts per kind, drawn pages); :func:`network_viewer` only wires controls to it.

>>> G = period_network("meeting", "Lee Jae Myung")
>>> ranking_table(centrality.centrality_table(G), "degree")[["rank", "node"]].values.tolist()[0]
[1, 'wang_yi']
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets
import networkx as nx
import pandas as pd

from .. import centrality, dataset, export, networks, periods
from . import network_drawing
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["network_viewer", "ALL", "RANGE", "EXPORT_FOLDER", "kind_choices", "resolve_kind", "period_choices",
           "month_choices", "period_network", "ranking_table", "ranking_html", "empty_message", "save_network",
           "ViewerState"]

ALL = "All periods"
RANGE = "Date range"
#: Where the save button writes, relative to the working directory (the notebook's folder).
EXPORT_FOLDER = "krcn_exports"
FORMATS = {"GraphML": ".graphml", "GEXF": ".gexf"}


def kind_choices() -> list[tuple[str, str]]:
    """Dropdown options ``(label, key)`` for every network kind, from :func:`krcn_lab.network_kinds`.

    >>> [key for _, key in kind_choices()][:2]
    ['meetings', 'actor_event']
    """
    kinds = networks.network_kinds()
    return list(zip(kinds["label"], kinds["key"]))


def resolve_kind(kind) -> str:
    """The key in :data:`krcn_lab.NETWORK_KINDS` for *kind* (a key, or the start of one: "meeting").

    >>> resolve_kind("meeting"), resolve_kind("comention")
    ('meetings', 'comention')
    >>> resolve_kind("trade")
    Traceback (most recent call last):
    ValueError: unknown network kind 'trade'; choose one of: meetings, actor_event, actor_issue, comention, issues
    """
    keys = list(networks.NETWORK_KINDS)
    if kind in keys:
        return kind
    hits = [k for k in keys if str(kind) and k.startswith(str(kind))]
    if len(hits) == 1:
        return hits[0]
    raise ValueError(f"unknown network kind {kind!r}; choose one of: {', '.join(keys)}")


def period_choices(administrations: pd.DataFrame) -> list[tuple[str, str]]:
    """Dropdown options ``(label, value)``: all periods, every South Korean term, then a date range.

    >>> options = period_choices(dataset.load_administrations())
    >>> options[0], options[-2][1], options[-1]
    (('All periods', 'All periods'), 'Lee Jae Myung', ('Date range (slider below)', 'Date range'))
    """
    terms = periods.administration_choices(administrations)
    return [(ALL, ALL)] + list(zip(terms["label"], terms["leader"])) + [("Date range (slider below)", RANGE)]


def month_choices(events: pd.DataFrame, articles: pd.DataFrame) -> list[tuple[str, pd.Timestamp]]:
    """Slider options ``(YYYY-MM, first day)``: every month from the first event to the last article.

    >>> months = month_choices(dataset.load_events(), dataset.load_articles())
    >>> months[0][0] <= "2017-01", months[-1][0] >= "2025-09"
    (True, True)
    """
    dates = pd.concat([events["date"], articles["published"]]).dropna()
    months = pd.period_range(dates.min(), dates.max(), freq="M")
    return [(str(m), m.to_timestamp()) for m in months]


def period_network(kind, period=ALL, start=None, end=None) -> nx.Graph:
    """The network of *kind* for *period* (a leader as in :func:`period_choices`, ``ALL``, or
    ``RANGE`` with *start* and *end*, both inclusive; *end* to the last day of its month).

    >>> sorted(period_network("meetings", RANGE, "2025-08-01", "2025-08-31").edges())
    [('park_byeong_seug', 'wang_yi')]
    """
    wrapper = networks.NETWORK_KINDS[resolve_kind(kind)].wrapper
    if period == RANGE:
        end = None if end is None else (pd.Timestamp(end) + pd.offsets.MonthEnd(0)).strftime("%Y-%m-%d")
        return wrapper(start=start, end=end)
    return wrapper(None if period in (None, ALL) else period)


def ranking_table(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The rows of a :func:`krcn_lab.centrality_table` ranked by *measure* (ties share a rank, then
    by node id): ``rank``, ``node``, ``label``, ``kind``, ``country`` and the measure.

    >>> G = period_network("meetings", "Yoon Suk Yeol")
    >>> ranking_table(centrality.centrality_table(G), "degree")["degree"].tolist()
    [1, 1, 1, 1]
    """
    ranked = table.assign(_node=table["node"].astype(str)).sort_values([measure, "_node"], ascending=[False, True])
    ranked.insert(0, "rank", ranked[measure].rank(method="min", ascending=False).astype("Int64"))
    if measure in ("betweenness", "eigenvector"):
        ranked[measure] = ranked[measure].round(3)
    ranked = ranked[["rank", "node", "label", "kind", "country", measure]].reset_index(drop=True)
    ranked.attrs["notes"] = list(table.attrs.get("notes", []))
    return ranked


def empty_message(G: nx.Graph) -> str:
    """The friendly HTML message for an empty network, in words (its ``reason``).

    >>> "no meetings in the Acting president" in empty_message(period_network("meetings", "acting"))
    True
    """
    reason = G.graph.get("reason") or "nothing in this selection"
    return message(f"Nothing to draw: {reason}. The data hold nothing for this period and network; "
                   "choose another period, a wider date range or another network.")


def save_network(G: nx.Graph, kind: str, period: str, suffix: str, folder=EXPORT_FOLDER) -> tuple[Path, str]:
    """Write *G* atomically into *folder* (made if missing) as ``<kind>_<period>.<suffix>``
    (:func:`krcn_lab.export_network`); return the path and an HTML link to it (relative href).

    >>> import tempfile; folder = Path(tempfile.mkdtemp())
    >>> path, link = save_network(period_network("meetings", "Lee Jae Myung"), "meetings", "Lee Jae Myung",
    ...                           ".gexf", folder)
    >>> path.name, path.is_file()
    ('meetings_lee-jae-myung.gexf', True)
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", str(period).casefold()).strip("-") or "all"
    path = folder / f"{kind}_{slug}{suffix}"
    export.export_network(G, path)
    href = html.escape(path.as_posix() if not path.is_absolute() else path.name, quote=True)
    shown = html.escape(str(path.resolve()))
    return path, (f'Saved {G.number_of_nodes()} nodes and {G.number_of_edges()} edges to <a href="{href}" '
                  f'download target="_blank"><code>{shown}</code></a> (open it in Gephi).')


def ranking_html(ranking: pd.DataFrame, G: nx.Graph, measure: str) -> str:
    """The ranking table (or the empty message), with the notes of :func:`krcn_lab.centrality_table`.

    >>> G = period_network("meetings")
    >>> "Wang Yi" in ranking_html(ranking_table(centrality.centrality_table(G), "degree"), G, "degree")
    True
    """
    if G.number_of_nodes() == 0:
        return empty_message(G)
    caption = (f"<p><b>{html.escape(str(G.graph.get('selection', '')))}</b>: {G.number_of_nodes()} nodes, "
               f"{G.number_of_edges()} edges, ranked by {html.escape(measure.replace('_', ' '))} "
               "(node size in the drawing).</p>")
    notes = "".join(f"<li>{html.escape(note)}</li>" for note in ranking.attrs.get("notes", []))
    return caption + html_table(ranking) + (f"<ul><small>{notes}</small></ul>" if notes else "")


def _start_period(administration) -> str:
    """The period option for *administration* (a name such as "Lee" or "acting"; None: all periods)."""
    if administration in (None, ALL, RANGE):
        return administration or ALL
    return networks.resolve_administration(administration)[-1]  # "acting": the latest acting term


def _controls(kind, administration, measure):
    tables = (dataset.load_administrations(), dataset.load_events(), dataset.load_articles())
    wide = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="max-content")}
    kinds = tag_control(widgets.Dropdown(options=kind_choices(), value=resolve_kind(kind), description="Network", **wide))
    period = widgets.Dropdown(options=period_choices(tables[0]), value=_start_period(administration),
                              description="Period", **wide)
    months = month_choices(*tables[1:])
    span = widgets.SelectionRangeSlider(options=months, index=(0, len(months) - 1), description="Dates",
                                        continuous_update=False, layout=widgets.Layout(width="500px"))
    if measure not in centrality.MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose one of: {', '.join(centrality.MEASURES)}")
    pick = widgets.Dropdown(options=[(m.replace("_", " "), m) for m in centrality.MEASURES], value=measure,
                            description="Centrality", **wide)
    fmt = widgets.ToggleButtons(options=list(FORMATS.items()), description="Save as",
                                tooltips=["GraphML: keeps every attribute", "GEXF: opens in Gephi"])
    save = widgets.Button(description="Save graph", icon="download",
                          tooltip="Write the network shown to a file in the krcn_exports folder")
    return {"kind": kinds, "period": period, "dates": span, "measure": pick, "format": fmt, "save": save}


class ViewerState:
    """What one viewer computes once: networks and centrality tables per (kind, period), positions
    per kind (the union of its nodes over *periods*), and drawn pages per (kind, period, measure).

    >>> state = ViewerState([ALL, "Yoon Suk Yeol", "Lee Jae Myung"])
    >>> png, key, page = state.page("meetings", ("Lee Jae Myung",), "degree")
    >>> png[:4], "Wang Yi" in page, state.positions("meetings") is state.positions("meetings")
    (b'\\x89PNG', True, True)
    """

    def __init__(self, periods_: list):
        self.periods = [p for p in periods_ if p != RANGE]
        self.graphs, self.tables, self.layouts, self.kept, self.pages = {}, {}, {}, {}, {}

    def graph(self, kind: str, selection: tuple) -> nx.Graph:
        """The network of *kind* for *selection* (``(period,)`` or ``(RANGE, start, end)``), built once."""
        if (kind, selection) not in self.graphs:
            self.graphs[kind, selection] = period_network(kind, *selection)
        return self.graphs[kind, selection]

    def table(self, kind: str, selection: tuple) -> pd.DataFrame:
        """The :func:`krcn_lab.centrality_table` of that network, computed once (when first shown)."""
        if (kind, selection) not in self.tables:
            self.tables[kind, selection] = centrality.centrality_table(self.graph(kind, selection))
        return self.tables[kind, selection]

    def positions(self, kind: str) -> dict:
        """Node positions of *kind*, computed once for the union of its nodes over every period."""
        if kind not in self.layouts:
            self.layouts[kind] = network_drawing.stable_layout([self.graph(kind, (p,)) for p in self.periods])
        return self.layouts[kind]

    def page(self, kind: str, selection: tuple, measure: str) -> tuple:
        """``(png or None, colour key HTML, ranking HTML)`` for one state of the controls, drawn once."""
        if (kind, selection, measure) not in self.pages:
            G = self.graph(kind, selection)
            ranking = ranking_table(self.table(kind, selection), measure)
            png = None
            if G.number_of_nodes():
                pos = self.positions(kind)
                if any(n not in pos for n in G):  # a node no period has (never with the shipped data)
                    pos.update({n: p for n, p in network_drawing.stable_layout([G]).items() if n not in pos})
                png = network_drawing.network_png(G, pos, ranking, measure, self.kept.setdefault(kind, {}))
            self.pages[kind, selection, measure] = (png, styled(network_drawing.colour_key(G)) if png else "",
                                                    styled(ranking_html(ranking, G, measure)))
        return self.pages[kind, selection, measure]


def network_viewer(kind="meeting", administration=None, measure="degree"):
    """Choose a network, a period (an administration or a date range) and a centrality measure;
    the drawing and the ranking table update together, each node keeping its place.

    >>> v = network_viewer("meeting", "Lee")
    >>> v.controls["period"].value = "Yoon Suk Yeol"; "Cho Tae-yul" in v.output.value
    True
    >>> v.controls["period"].value = "Acting president (Han Duck-soo, Choi Sang-mok, Lee Ju-ho)"
    >>> "no meetings in the Acting president" in v.output.value, v.figure.layout.display
    (True, 'none')
    """
    c = _controls(kind, administration, measure)
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="560px"))
    key_html, out, saved = widgets.HTML(), tag_output(widgets.HTML()), widgets.HTML()
    state = ViewerState([p for _, p in c["period"].options])

    def selection():
        return (RANGE, *c["dates"].value) if c["period"].value == RANGE else (c["period"].value,)

    def update(*_):
        png, key, page = state.page(c["kind"].value, selection(), c["measure"].value)
        image.layout.display = None if png else "none"
        if png:
            image.value = png
        key_html.value, out.value, saved.value = key, page, ""

    def dates_moved(*_):
        if c["period"].value != RANGE:
            c["period"].value = RANGE  # its observer redraws
        else:
            update()

    def save_clicked(*_):
        G = state.graph(c["kind"].value, selection())
        if G.number_of_nodes() == 0:
            saved.value = message("This selection is empty: nothing to save.")
            return
        label = "_".join(map(str, selection())).replace(" 00:00:00", "")
        saved.value = save_network(G, c["kind"].value, label, c["format"].value)[1]

    for name in ("kind", "period", "measure"):
        c[name].observe(update, names="value")
    c["dates"].observe(dates_moved, names="value")
    c["save"].on_click(save_clicked)
    update()
    box = widgets.VBox([c["kind"], c["period"], c["dates"], c["measure"],
                        widgets.HBox([widgets.VBox([image, key_html]), out],
                                     layout=widgets.Layout(flex_flow="row wrap")),
                        widgets.HBox([c["format"], c["save"]]), saved])
    box.controls, box.output, box.figure, box.saved = c, out, image, saved
    box.graph = lambda: state.graph(c["kind"].value, selection())  # the network shown
    box.positions = lambda: dict(state.positions(c["kind"].value))  # where each node of this kind is drawn
    box.clear_cache = state.pages.clear  # forget drawn pages (the benchmark times cold redraws)
    return box
