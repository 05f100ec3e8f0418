"""Timeline: meetings and background events on a date axis, with South Korean administrations as bands.

Logic (plain functions over the loaders' tables): :func:`administration_bands`,
:func:`filter_events`, :func:`timeline_figure` (a matplotlib Figure, numbered markers that the
table beside it repeats), :func:`timeline_table` and :func:`event_details` (participants, sources,
quotes, as HTML). :func:`timeline` only wires the filters and the event picker to them.

>>> t = timeline_tables()
>>> lee = filter_events(t["events"], "Lee Jae Myung", kind="meeting")
>>> lee["event_id"].tolist()
['mtg_2025_08_envoy_beijing', 'mtg_2025_09_fm_beijing']
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import pandas as pd

from .. import dataset
from ..drawing import KIND_COLOURS
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["timeline", "timeline_tables", "administration_bands", "resolve_administration",
           "filter_events", "timeline_table", "timeline_figure", "timeline_png", "event_details", "ALL"]

ALL = "all"
KINDS = (ALL, "meeting", "background")
#: Marker colour and shape per event kind (Okabe–Ito; the shape and the table carry it too).
EVENT_STYLE = {"meeting": ("#009E73", "o"), "background": (KIND_COLOURS["issue"], "s")}
CAPTION = ("Meetings (circles, top row) and background events (squares, bottom row), numbered as in the "
           "table; shaded bands: South Korean administrations, acting presidents grey and hatched.")
BAND_COLOURS = ("#56B4E9", "#F0E442")  # Okabe–Ito sky blue and yellow, alternating; acting: grey, hatched


def timeline_tables() -> dict[str, pd.DataFrame]:
    """The tables the timeline needs, from the package's loaders (each loader caches its own result).

    >>> sorted(timeline_tables())
    ['actors', 'administrations', 'event_sources', 'events', 'participants', 'statements']
    """

    return {"events": dataset.load_events(), "administrations": dataset.load_administrations(),
            "participants": dataset.load_participants(), "event_sources": dataset.load_event_sources(),
            "statements": dataset.load_statements(), "actors": dataset.load_actors()}


def administration_bands(administrations: pd.DataFrame) -> pd.DataFrame:
    """South Korean terms (elected and acting) in start order: ``leader``, ``start``, ``end``, ``kind``.

    >>> administration_bands(timeline_tables()["administrations"])["leader"].iloc[-1]
    'Lee Jae Myung'
    """
    kor = administrations[administrations["country"] == "KOR"].sort_values("start")
    return kor[["leader", "start", "end", "kind"]].reset_index(drop=True)


def resolve_administration(bands: pd.DataFrame, name) -> str:
    """The full leader name for *name* (any case; a surname such as "Lee" will do), or ``"all"``.

    >>> bands = administration_bands(timeline_tables()["administrations"])
    >>> resolve_administration(bands, "lee"), resolve_administration(bands, None)
    ('Lee Jae Myung', 'all')
    """
    if not name or str(name).casefold() == ALL:
        return ALL
    wanted = str(name).casefold().strip()
    leaders = list(bands["leader"])
    for test in (lambda l: l.casefold() == wanted, lambda l: l.casefold().split()[0] == wanted,
                 lambda l: wanted in l.casefold()):
        hits = [l for l in leaders if test(l)]
        if hits:
            return hits[-1]
    return ALL


def filter_events(events: pd.DataFrame, administration=ALL, start=None, end=None, kind=ALL) -> pd.DataFrame:
    """Events in date order, kept if in *administration* (a full leader name), ``start <= date <= end``
    and of *kind* (``"meeting"``, ``"background"`` or ``"all"``).

    >>> filter_events(timeline_tables()["events"], start=pd.Timestamp("2025-09-10"))["event_id"].tolist()
    ['mtg_2025_09_fm_beijing', 'bg_2025_10_apec_gyeongju']
    """
    keep = pd.Series(True, index=events.index)
    if administration and administration != ALL:
        keep &= events["rok_administration"].astype(str).str.split(" / ").apply(lambda ls: administration in ls)
    if start is not None:
        keep &= events["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= events["date"] <= pd.Timestamp(end)
    if kind and kind != ALL:
        keep &= events["kind"].astype(str) == kind
    return events[keep].sort_values(["date", "event_id"]).reset_index(drop=True)


def timeline_table(filtered: pd.DataFrame) -> pd.DataFrame:
    """The table beside the chart: ``#`` (the marker's number), id, date and how it is known, kind, place.

    >>> timeline_table(filter_events(timeline_tables()["events"], kind="meeting"))["#"].tolist()
    [1, 2, 3, 4]
    """
    table = filtered[["event_id", "date", "date_precision", "date_basis", "kind", "title", "place",
                      "rok_administration"]].copy()
    table.insert(0, "#", range(1, len(table) + 1))
    return table.rename(columns={"date_precision": "precision", "rok_administration": "administration"})


_FAR_FUTURE = pd.Timestamp("2100-01-01")  # where an open term's band ends (the axis clips it)


def _draw_bands(ax, bands: pd.DataFrame) -> list:
    """Every term as a band (acting terms grey and hatched); return one label per band, placed later."""
    labels = []
    for i, b in enumerate(bands.itertuples()):
        acting = str(b.kind) == "acting"
        end = b.end if pd.notna(b.end) else _FAR_FUTURE
        ax.axvspan(b.start, end, color="#BBBBBB" if acting else BAND_COLOURS[i % 2], alpha=0.3,
                   hatch="//" if acting else None, linewidth=0)
        labels.append((b.start, end, ax.text(b.start, 1.75, "Acting" if acting else b.leader.split()[0],
                                             ha="center", va="top", fontsize=8)))
    return labels


def _set_span(ax, labels: list, lo: pd.Timestamp, hi: pd.Timestamp) -> None:
    """Show *lo* to *hi*: set the limits, and centre each band's label on its visible part."""
    ax.set_xlim(lo, hi)
    for start, end, label in labels:
        left, right = max(start, lo), min(end, hi)
        label.set_visible(right - left >= (hi - lo) * 0.05)  # too narrow to label: the table names it
        label.set_x(left + (right - left) / 2 if right > left else lo)


def _span(filtered: pd.DataFrame, start, end) -> tuple[pd.Timestamp, pd.Timestamp]:
    lo = pd.Timestamp(start) if start is not None else filtered["date"].min()
    hi = pd.Timestamp(end) if end is not None else filtered["date"].max()
    if pd.isna(lo) or pd.isna(hi):
        lo, hi = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31")
    pad = max((hi - lo) * 0.03, pd.Timedelta(days=15))
    return lo - pad, hi + pad


def _base_figure(bands: pd.DataFrame):
    """The part of the chart drawn once: axes, bands and their labels (placed by :func:`_set_span`)."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure  # no pyplot: nothing to close, no GUI backend

    fig = Figure(figsize=(6.5, 2.7), dpi=90)  # fixed margins: a constrained layout would double the drawing time
    fig.subplots_adjust(left=0.15, right=0.98, bottom=0.2, top=0.97)
    ax = fig.add_subplot()
    labels = _draw_bands(ax, bands)
    locator = AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_ylim(-0.6, 1.8)
    ax.set_yticks([0, 1], ["background", "meeting"])
    return fig, ax, labels  # the caption is HTML beside it (CAPTION): quicker to draw, read by screen readers


def _draw_events(ax, filtered: pd.DataFrame) -> list:
    """Add the numbered event markers (or a message if none) to *ax*; return the artists added."""
    kinds = filtered["kind"].astype(str)
    artists = []
    for kind, (colour, marker) in EVENT_STYLE.items():
        dates = filtered.loc[kinds == kind, "date"]
        if len(dates):
            artists.append(ax.scatter(dates, [1 if kind == "meeting" else 0] * len(dates), marker=marker,
                                      color=colour, s=64, edgecolors="black", zorder=3, label=kind))
    for number, (date, kind) in enumerate(zip(filtered["date"], kinds), start=1):
        artists.append(ax.annotate(str(number), (date, 1 if kind == "meeting" else 0), textcoords="offset points",
                                   xytext=(0, 7 if number % 2 else -13), ha="center", fontsize=7))
    if filtered.empty:
        artists.append(ax.text(0.5, 0.5, "No events match these filters.", transform=ax.transAxes, ha="center"))
    return artists


def timeline_figure(filtered: pd.DataFrame, bands: pd.DataFrame, start=None, end=None):
    """A matplotlib Figure: numbered markers (meetings above, background below) over administration bands.

    >>> t = timeline_tables()
    >>> fig = timeline_figure(filter_events(t["events"]), administration_bands(t["administrations"]))
    >>> [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    ['background', 'meeting']
    """
    fig, ax, labels = _base_figure(bands)
    _set_span(ax, labels, *_span(filtered, start, end))
    _draw_events(ax, filtered)
    return fig


def timeline_png(filtered: pd.DataFrame, bands: pd.DataFrame, start=None, end=None, kept=None) -> bytes:
    """:func:`timeline_figure` as PNG bytes. Pass the same dict *kept* on every call (one per
    widget, for one *bands*): the figure is built once, the drawn axes and bands are kept per
    date span, and only the event markers are drawn again (much faster).

    >>> t, kept = timeline_tables(), {}
    >>> bands = administration_bands(t["administrations"])
    >>> png = timeline_png(filter_events(t["events"]), bands, kept=kept)
    >>> png[:4], len(kept["spans"])
    (b'\x89PNG', 1)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    kept = {} if kept is None else kept
    if "figure" not in kept:
        fig, ax, labels = _base_figure(bands)
        kept["figure"], kept["spans"] = (ax, labels, FigureCanvasAgg(fig)), {}
    ax, labels, canvas = kept["figure"]
    span, spans = _span(filtered, start, end), kept["spans"]
    if span not in spans:
        _set_span(ax, labels, *span)
        canvas.draw()
        while len(spans) >= 16:  # keep memory bounded: forget the oldest span
            spans.pop(next(iter(spans)))
        spans[span] = canvas.copy_from_bbox(ax.figure.bbox)
    canvas.restore_region(spans[span])
    artists = _draw_events(ax, filtered)
    for artist in artists:
        ax.draw_artist(artist)
    buffer = io.BytesIO()
    Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).save(
        buffer, format="png", compress_level=1)
    for artist in artists:
        artist.remove()
    return buffer.getvalue()


def event_details(tables: dict, event_id) -> str:
    """One event as HTML: its participants (role then), the articles that report it, and quotes.

    >>> "Foreign Minister" in event_details(timeline_tables(), "mtg_2025_09_fm_beijing")
    True
    """
    events = tables["events"]
    row = events[events["event_id"] == event_id]
    if row.empty:
        return message("No event to show: widen the filters, then pick an event.")
    e = row.iloc[0]
    names = tables["actors"][["actor_id", "name"]]
    parts = tables["participants"].loc[tables["participants"]["event_id"] == event_id].merge(names, on="actor_id")
    srcs = tables["event_sources"].loc[tables["event_sources"]["event_id"] == event_id]
    says = tables["statements"].loc[tables["statements"]["event_id"] == event_id].merge(names, on="actor_id")
    when = f"{e.date:%Y-%m-%d}" if pd.notna(e.date) else "unknown date"
    return (f"<h4>{html.escape(str(e.title))}</h4><p>{when} ({html.escape(str(e.date_basis))}; "
            f"{html.escape(str(e.date_note))}) · {html.escape(str(e.place))}</p>"
            + "<b>Participants</b>" + html_table(parts[["name", "side", "role_at_event"]], "No participant coded.")
            + "<b>Sources</b>" + html_table(srcs[["article_id", "paragraph", "quote"]], "No source coded.")
            + "<b>Statements</b>" + html_table(says[["name", "act", "stance", "quote", "article_id"]],
                                               "No statement coded for this event."))


def _controls(bands, events, administration):
    years = list(range(events["date"].min().year, events["date"].max().year + 1))
    admin = tag_control(widgets.Dropdown(
        options=[("All administrations", ALL)] + [(l, l) for l in bands["leader"]],
        value=resolve_administration(bands, administration), description="Administration",
        style={"description_width": "initial"}))
    span = widgets.SelectionRangeSlider(options=[(str(y), y) for y in years], index=(0, len(years) - 1),
                                        description="Years", continuous_update=False)
    kind = widgets.ToggleButtons(options=list(KINDS), value=ALL, description="Kind")
    pick = widgets.Dropdown(options=[], description="Event", layout=widgets.Layout(width="max-content"))
    return admin, span, kind, pick


def timeline(administration=None):
    """Meetings and background events over time; filter by administration, years and kind; pick an event.

    >>> t = timeline("Lee"); t.controls["kind"].value = "meeting"
    >>> "mtg_2025_09_fm_beijing" in t.output.value, "mtg_2024_05_fm_beijing" in t.output.value
    (True, False)
    """
    tables = timeline_tables()
    bands = administration_bands(tables["administrations"])
    admin, span, kind, pick = _controls(bands, tables["events"], administration)
    image = widgets.Image(format="png", layout=widgets.Layout(max_width="590px"))
    chart = widgets.VBox([widgets.HTML(f"<small>{html.escape(CAPTION)}</small>",
                                       layout=widgets.Layout(max_width="590px")), image])
    out, details = tag_output(widgets.HTML()), widgets.HTML()
    cache: dict = {}
    kept: dict = {}  # the figure, and its drawn axes and bands per date span, reused by every redraw

    def refilter(*_):
        key = (admin.value, *span.value, kind.value)
        if key not in cache:
            start, end = pd.Timestamp(f"{key[1]}-01-01"), pd.Timestamp(f"{key[2]}-12-31")
            shown = filter_events(tables["events"], key[0], start, end, key[3])
            cache[key] = (timeline_png(shown, bands, start, end, kept),
                          styled(html_table(timeline_table(shown), "No events match these filters: "
                                            "choose another administration, more years or all kinds.")),
                          [(f"{r.date:%Y-%m-%d} {r.event_id}", r.event_id) for r in shown.itertuples()])
        image.value, out.value, options = cache[key]
        quiet[0] = True  # new options fire the picker's observer: draw the details once, below
        pick.options = options
        quiet[0] = False
        show()

    def show(*_):
        if not quiet[0]:
            details.value = styled(event_details(tables, pick.value))

    quiet = [False]
    for control in (admin, span, kind):
        control.observe(refilter, names="value")
    pick.observe(show, names="value")
    refilter()
    box = widgets.VBox([admin, span, kind, widgets.HBox([chart, out], layout=widgets.Layout(flex_flow="row wrap")),
                        pick, details])
    box.controls, box.output, box.details = {"administration": admin, "years": span, "kind": kind,
                                             "event": pick}, out, details
    box.figure = image  # the chart (PNG); the table beside it is box.output
    box.clear_cache = cache.clear  # forget pages and figures (the benchmark times cold redraws)
    return box
