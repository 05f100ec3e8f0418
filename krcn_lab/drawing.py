"""Drawing the workbook's networks with matplotlib: one function for every graph type.

Colours are colour-blind safe (Okabe–Ito) and fixed: the same country has the same
colour in every figure. Shapes show a node's kind; edge width shows its weight.

Example
-------
>>> import networkx as nx
>>> fig = draw_network(nx.Graph([("a", "b")], name="Toy"))
>>> fig.axes[0].get_title()
'Toy'
"""

from __future__ import annotations

import math
import textwrap

import networkx as nx

from .cells import as_text as _text

__all__ = ["draw_network", "COUNTRY_COLOURS", "KIND_COLOURS", "KIND_SHAPES"]


#: Okabe–Ito colours (colour-blind safe), fixed per country so every figure agrees.
COUNTRY_COLOURS = {
    "KOR": "#0072B2",  # blue
    "CHN": "#D55E00",  # vermillion
    "USA": "#56B4E9",  # sky blue
    "JPN": "#CC79A7",  # reddish purple
    "PRK": "#F0E442",  # yellow
    "RUS": "#000000",  # black
}
#: Colours of nodes that are not actors, and of actors from other or no countries.
KIND_COLOURS = {"issue": "#E69F00", "event": "#009E73", "other country": "#999999", "no country": "#DDDDDD"}
COUNTRY_NAMES = {"KOR": "South Korea", "CHN": "China", "USA": "United States", "JPN": "Japan",
                 "PRK": "North Korea", "RUS": "Russia"}
#: Matplotlib marker per node kind.
KIND_SHAPES = {"person": "o", "state": "s", "institution": "D", "media": "^", "journalist": "v",
               "issue": "p", "event": "h"}
_NON_ACTOR = {"issue", "event"}


def colour_group(data: dict) -> str:
    kind, country = _text(data.get("kind")), _text(data.get("country"))
    if kind in _NON_ACTOR:
        return kind
    if country in COUNTRY_COLOURS:
        return country
    return "other country" if country else "no country"


def group_colour(group: str) -> str:
    return COUNTRY_COLOURS.get(group) or KIND_COLOURS[group]


def group_label(group: str) -> str:
    return f"{COUNTRY_NAMES[group]} ({group})" if group in COUNTRY_NAMES else group


def two_mode_sides(G: nx.Graph):
    sides = {d.get("bipartite") for _, d in G.nodes(data=True)}
    if G.number_of_nodes() == 0 or sides != {0, 1}:
        return None
    left = sorted((n for n, d in G.nodes(data=True) if d["bipartite"] == 0),
                  key=lambda n: (legend_order(colour_group(G.nodes[n])), _label(G, n)))
    right = sorted((n for n, d in G.nodes(data=True) if d["bipartite"] == 1),  # events in date order
                   key=lambda n: (_text(G.nodes[n].get("date")), _label(G, n)))
    return left, right


def _label(G: nx.Graph, n) -> str:
    return _text(G.nodes[n].get("label")) or str(n)


def node_layout(G: nx.Graph, sides, seed: int) -> dict:
    if sides is not None:
        left, right = sides
        pos = {}
        for x, column in ((0.0, left), (1.0, right)):
            for i, n in enumerate(column):  # top to bottom, evenly spaced, in label order
                pos[n] = (x, 1.0 - (i + 0.5) / len(column))
        return pos
    return _packed_spring_layout(G.to_undirected(as_view=True) if G.is_directed() else G, seed)


def _packed_spring_layout(G: nx.Graph, seed: int, gap: float = 0.5) -> dict:
    """A seeded spring layout of each connected component, packed in rows, largest first.

    One spring layout of a disconnected graph pushes the components to the corners, and
    weighted springs pile heavily linked nodes on top of each other; so each component
    is laid out on its own, ignoring weights (edge widths show them).
    """
    components = sorted(nx.connected_components(G), key=lambda c: (-len(c), sorted(map(str, c))))
    sides = [math.sqrt(len(c)) for c in components]  # each component gets a square box
    row_width = max(max(sides), 1.3 * math.sqrt(sum(side * side for side in sides)))
    pos, x, y, row_height = {}, 0.0, 0.0, 0.0
    for component, side in zip(components, sides):
        if x > 0 and x + side > row_width:
            x, y, row_height = 0.0, y - row_height - gap, 0.0
        if len(component) == 1:
            local = {next(iter(component)): (0.0, 0.0)}
        else:
            local = nx.spring_layout(G.subgraph(component), k=3 / math.sqrt(len(component)), iterations=200,
                                     seed=seed, weight=None, scale=0.45 * side)
        for n, (px, py) in local.items():
            pos[n] = (x + side / 2 + float(px), y - side / 2 + float(py))
        x, row_height = x + side + gap, max(row_height, side)
    return pos


def _edge_widths(G: nx.Graph) -> tuple[list[float], float, float]:
    weights = [float(d.get("weight", 1)) for _, _, d in G.edges(data=True)]
    if not weights:
        return [], 1.0, 1.0
    low, high = min(weights), max(weights)
    widths = [1.0 + 4.0 * (w - low) / (high - low) if high > low else 1.5 for w in weights]
    return widths, low, high


def _figure_size(G: nx.Graph, sides) -> tuple[float, float]:
    if sides is None:
        return (10.0, 7.5)
    return (11.0, max(6.0, 0.5 * max(len(sides[0]), len(sides[1])) + 2.0))


def draw_network(G: nx.Graph, ax=None, title=None, seed: int = 7):
    """Draw any graph of this module (or a similar one) and return the matplotlib Figure.

    Actors are coloured by country and other nodes by kind, always with the same
    Okabe–Ito colours (:data:`COUNTRY_COLOURS`, :data:`KIND_COLOURS`); the shape says the
    kind (:data:`KIND_SHAPES`); edge width grows with ``weight``. Two-mode graphs are drawn
    in two columns (actors left), other graphs with a spring layout seeded by *seed*, so
    the same graph always looks the same. An empty graph shows its reason.

    The figure is not registered with :mod:`matplotlib.pyplot` (no need to close it; a
    notebook shows it when it is the cell's result, or with ``display(fig)``).

    Parameters
    ----------
    G : networkx.Graph
    ax : matplotlib Axes, optional
        Draw into this Axes (for side-by-side figures); by default a new Figure.
    title : str, optional
        Default: ``G.graph["name"]`` and, below it, ``G.graph["selection"]``.
    seed : int
        Seed of the spring layout.

    Returns
    -------
    matplotlib.figure.Figure

    Example
    -------
    >>> fig = draw_network(nx.Graph([("a", "b")], name="Toy"))
    >>> fig.axes[0].get_title()
    'Toy'
    """
    from matplotlib.figure import Figure  # imported on first drawing: keeps `import krcn_lab` quick

    sides = two_mode_sides(G)
    if ax is None:
        fig = Figure(figsize=_figure_size(G, sides), layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    if title is None:
        title = "\n".join(filter(None, [_text(G.graph.get("name")), _text(G.graph.get("selection"))]))
    ax.set_title(title)
    ax.set_axis_off()
    if G.number_of_nodes() == 0:
        reason = _text(G.graph.get("reason")) or "no nodes"
        ax.text(0.5, 0.5, "\n".join(textwrap.wrap(f"Empty graph: {reason}", 60)),
                ha="center", va="center", transform=ax.transAxes, fontsize=12)
        return fig

    _draw_graph(G, ax, sides, seed)
    return fig


def _draw_graph(G: nx.Graph, ax, sides, seed: int) -> None:
    """Edges, nodes (one marker per kind), labels and legend of a non-empty graph."""
    pos = node_layout(G, sides, seed)
    widths, low, high = _edge_widths(G)
    nx.draw_networkx_edges(G, pos, ax=ax, width=widths, edge_color="#555555", alpha=0.6)
    groups, kinds = {}, {}
    for n, data in G.nodes(data=True):
        groups.setdefault(colour_group(data), None)
        kinds.setdefault(_text(data.get("kind")), []).append(n)
    for kind, nodes in sorted(kinds.items()):
        nx.draw_networkx_nodes(
            G, pos, nodelist=nodes, ax=ax, node_shape=KIND_SHAPES.get(kind, "o"),
            node_size=420 if G.number_of_nodes() <= 20 else 300,
            node_color=[group_colour(colour_group(G.nodes[n])) for n in nodes],
            edgecolors="#333333", linewidths=0.8,
        )
    _draw_labels(G, pos, ax, sides)
    if sides is not None:
        ax.set_xlim(-0.9, 1.9)
        ax.set_ylim(-0.02, 1.02)
    else:
        ax.set_aspect("equal", adjustable="datalim")
        ax.margins(0.12)
    _legend(ax, sorted(groups, key=legend_order), sorted(kinds), low, high)


def legend_order(group: str) -> tuple:
    order = list(COUNTRY_COLOURS) + list(KIND_COLOURS)
    return (order.index(group) if group in order else len(order), group)


def _draw_labels(G: nx.Graph, pos: dict, ax, sides) -> None:
    for n, (x, y) in pos.items():
        text = "\n".join(textwrap.wrap(_label(G, n), 28 if sides else 18)) or str(n)
        if sides is None:
            offset, align, valign = (0, 11), "center", "bottom"
        elif G.nodes[n]["bipartite"] == 0:
            offset, align, valign = (-11, 0), "right", "center"
        else:
            offset, align, valign = (11, 0), "left", "center"
        ax.annotate(text, (x, y), xytext=offset, textcoords="offset points", ha=align, va=valign,
                    fontsize=8, zorder=5, bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                                "alpha": 0.75})


def _legend(ax, groups: list[str], kinds: list[str], low: float, high: float) -> None:
    from matplotlib.lines import Line2D

    handles = []
    for group in groups:
        if group in _NON_ACTOR:
            continue
        handles.append(Line2D([], [], ls="none", marker="o", ms=9, mfc=group_colour(group), mec="#333333",
                              label=group_label(group)))
    for kind in kinds:
        colour = group_colour(kind) if kind in _NON_ACTOR else "#FFFFFF"
        handles.append(Line2D([], [], ls="none", marker=KIND_SHAPES.get(kind, "o"), ms=9, mfc=colour,
                              mec="#333333", label=kind or "(no kind)"))
    if high > low:
        for weight, width in ((low, 1.0), (high, 5.0)):
            handles.append(Line2D([], [], color="#555555", alpha=0.6, lw=width, label=f"weight {weight:g}"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=min(len(handles), 5),
              frameon=False, fontsize=8)
