"""Drawing a network at fixed positions, fast enough to follow a control (used by the network viewer
and the administration comparer).

:func:`stable_layout` places the union of the nodes of several graphs once (as
:func:`krcn_lab.draw_network` would), so that a node keeps its place in every period;
:func:`network_figure` draws one graph at those positions (a matplotlib Figure, no pyplot state);
:func:`network_png` renders it to PNG, rendering each label only once per widget.
Colours and shapes: :data:`krcn_lab.drawing.COUNTRY_COLOURS`, ``KIND_COLOURS`` and ``KIND_SHAPES``
(Okabe–Ito); :func:`colour_key` says which is which in HTML, beside the picture.

>>> from krcn_lab import networks
>>> pos = stable_layout([networks.meeting_network("Yoon"), networks.meeting_network("Lee")])
>>> sorted(pos) == sorted(networks.meeting_network())
True
"""

from __future__ import annotations

import html
import io
import textwrap

import networkx as nx
import pandas as pd

from .. import drawing

__all__ = ["stable_layout", "network_figure", "network_image", "network_png", "png_bytes", "colour_key"]


def stable_layout(graphs: list[nx.Graph], seed: int = 7) -> dict:
    """Positions for the union of the nodes of *graphs*, computed once, as :func:`krcn_lab.draw_network`
    would place them (two columns for a two-mode graph, else a seeded spring layout per component).

    >>> from krcn_lab import networks
    >>> pos = stable_layout([networks.comention_network("Yoon"), networks.comention_network("Lee")])
    >>> pos == stable_layout([networks.comention_network("Lee"), networks.comention_network("Yoon")])
    True
    >>> stable_layout([networks.meeting_network("acting")])
    {}
    """
    merged = nx.compose_all(graphs) if graphs else nx.Graph()
    union = nx.Graph()  # sorted: the same positions whatever the order of *graphs*
    union.add_nodes_from(sorted(merged.nodes(data=True), key=lambda item: str(item[0])))
    union.add_edges_from(sorted(merged.edges(), key=lambda e: tuple(sorted(map(str, e)))))
    if union.number_of_nodes() == 0:
        return {}
    return {n: (float(x), float(y)) for n, (x, y) in
            drawing.node_layout(union, drawing.two_mode_sides(union), seed).items()}


def _node_sizes(values: pd.Series) -> list[float]:
    top = values.max() if len(values) and values.max() > 0 else 1.0
    return [80.0 + 420.0 * float(v) / top if pd.notna(v) else 80.0 for v in values]


def _draw(ax, G: nx.Graph, pos: dict, ranking: pd.DataFrame, measure: str, labels: bool = True) -> list:
    """Edges (width by weight), nodes (colour by country or kind, shape by kind, size by *measure*) and,
    if *labels*, the labels (:func:`_label_artists`); return the artists added."""
    from matplotlib.collections import LineCollection

    weights = [float(d.get("weight", 1)) for _, _, d in G.edges(data=True)]
    top = max(weights, default=1.0)
    artists = [ax.add_collection(LineCollection([(pos[u], pos[v]) for u, v in G.edges()], colors="#555555",
                                                alpha=0.55, linewidths=[0.8 + 3.2 * w / top for w in weights],
                                                zorder=1))]
    size = dict(zip(ranking["node"], _node_sizes(ranking[measure])))
    by_kind: dict = {}
    for n, data in G.nodes(data=True):
        by_kind.setdefault(str(data.get("kind") or ""), []).append(n)
    for kind, nodes in sorted(by_kind.items()):
        artists.append(ax.scatter(
            [pos[n][0] for n in nodes], [pos[n][1] for n in nodes], s=[size[n] for n in nodes],
            marker=drawing.KIND_SHAPES.get(kind, "o"), edgecolors="#333333", linewidths=0.7, zorder=2,
            c=[drawing.group_colour(drawing.colour_group(G.nodes[n])) for n in nodes]))
    return artists + (list(_label_artists(ax, G, pos).values()) if labels else [])


def _label_artists(ax, G: nx.Graph, pos: dict) -> dict:
    """One readable label per node (wrapped, on a light box): beside it in two-mode graphs, else above."""
    two_mode = any("bipartite" in d for _, d in G.nodes(data=True))
    out = {}
    for n in G:
        text = "\n".join(textwrap.wrap(str(G.nodes[n].get("label") or n), 24 if two_mode else 16))
        side = G.nodes[n].get("bipartite")
        ha, offset = ("right", -8) if side == 0 else ("left", 8) if side == 1 else ("center", 0)
        out[n] = ax.annotate(text, pos[n], xytext=(offset, 0 if two_mode else 9), textcoords="offset points",
                             ha=ha, va="center" if two_mode else "bottom", fontsize=8, zorder=3,
                             bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    return out


def _frame(pos: dict, two_mode: bool) -> tuple:
    xs, ys = [p[0] for p in pos.values()] or [0.0], [p[1] for p in pos.values()] or [0.0]
    pad_x = 0.9 if two_mode else 0.2 * (max(xs) - min(xs) or 1.0)
    pad_y = 0.04 if two_mode else 0.12 * (max(ys) - min(ys) or 1.0)
    return (min(xs) - pad_x, max(xs) + pad_x), (min(ys) - pad_y, max(ys) + pad_y)


def _is_two_mode(G: nx.Graph) -> bool:
    return G.graph.get("network") in ("actor_event", "actor_issue") or any(
        "bipartite" in d for _, d in G.nodes(data=True))


def _title(G: nx.Graph) -> str:
    return "\n".join(filter(None, [str(G.graph.get("name", "")), str(G.graph.get("selection", ""))]))


def _stage(pos: dict, two_mode: bool, ax=None, size=None):
    """Axes framed on every position in *pos* (the same frame for every period of a kind);
    a new Figure of *size* inches (by default sized for the graph) unless *ax* is given."""
    from matplotlib.figure import Figure  # no pyplot: nothing registered, nothing to close

    if ax is None:
        size = size or (7.0, 6.0 if not two_mode else max(5.0, 0.17 * len(pos)))
        fig = Figure(figsize=size, dpi=80)
        fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=1 - 0.5 / size[1])  # room for two title lines
        ax = fig.add_subplot()
    ax.set_axis_off()
    xlim, ylim = _frame(pos, two_mode)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    return ax


def network_figure(G: nx.Graph, pos: dict, ranking: pd.DataFrame, measure: str, ax=None, title=None):
    """A matplotlib Figure of *G* at the fixed positions *pos* (whose frame it keeps, so that a node
    stays in place across periods); node size follows *measure* in *ranking*. No pyplot state.

    >>> from krcn_lab import networks
    >>> G, pos = networks.meeting_network("Lee"), stable_layout([networks.meeting_network()])
    >>> network_figure(G, pos, _sizes(G), "degree").axes[0].get_title()
    'Meeting network\\nmeetings in the Lee Jae Myung administration'
    """
    ax = _stage(pos, _is_two_mode(G), ax)
    ax.set_title(_title(G) if title is None else title, fontsize=9)
    _draw(ax, G, pos, ranking, measure) if G.number_of_nodes() else _empty_note(ax, G)
    return ax.figure


def _empty_note(ax, G: nx.Graph):
    """Say in words, in the middle of the axes, why there is nothing to draw."""
    reason = str(G.graph.get("reason") or "nothing in this selection")
    return ax.text(0.5, 0.5, "\n".join(textwrap.wrap(f"Nothing to draw: {reason}.", 40)), ha="center",
                   va="center", transform=ax.transAxes, fontsize=9)


def _sprites(G: nx.Graph, pos: dict, size=None) -> dict:
    """Every label of *G* rendered once, alone, on a transparent canvas: node -> (left, top, RGBA image).
    Text is most of a drawing's time; with positions fixed, each label lands on the same pixels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    ax = _stage(pos, _is_two_mode(G), size=size)
    fig, canvas = ax.figure, FigureCanvasAgg(ax.figure)
    fig.patch.set_alpha(0)
    ax.patch.set_alpha(0)
    canvas.draw()
    blank, renderer, height = canvas.copy_from_bbox(fig.bbox), canvas.get_renderer(), canvas.get_width_height()[1]
    sprites = {}
    for n, label in _label_artists(ax, G, pos).items():
        canvas.restore_region(blank)
        ax.draw_artist(label)
        box = label.get_window_extent(renderer).expanded(1.0, 1.0).padded(2)
        left, top = int(box.x0), int(height - box.y1)
        whole = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        sprites[n] = (left, top, whole.crop((left, top, int(box.x1) + 1, int(height - box.y0) + 1)).copy())
    return sprites


def network_image(G: nx.Graph, pos: dict, ranking: pd.DataFrame, measure: str, kept=None, title=None):
    """:func:`network_figure` as a PIL image. Pass the same dict *kept* on every call for one *pos*
    (one per network kind and widget): the axes are built once and each label is rendered once
    (:func:`_sprites`) and pasted; only edges, nodes and the title are drawn again. A ``"size"``
    in *kept* (inches) sets the picture's size.

    >>> from krcn_lab import networks
    >>> G, kept = networks.meeting_network(), {}
    >>> network_image(G, stable_layout([G]), _sizes(G), "degree", kept).size, sorted(kept["labels"]) == sorted(G)
    ((560, 480), True)
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    if kept is None:
        canvas = FigureCanvasAgg(network_figure(G, pos, ranking, measure, title=title))
        canvas.draw()
        return Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    if "axes" not in kept:
        kept["axes"] = _stage(pos, _is_two_mode(G), size=kept.get("size"))
        kept["canvas"], kept["labels"] = FigureCanvasAgg(kept["axes"].figure), {}
    ax, canvas, labels = kept["axes"], kept["canvas"], kept["labels"]
    missing = [n for n in G if n not in labels]
    if missing:
        labels.update(_sprites(G.subgraph(missing), pos, kept.get("size")))
    ax.set_title(_title(G) if title is None else title, fontsize=9)
    artists = _draw(ax, G, pos, ranking, measure, labels=False) if G.number_of_nodes() else [_empty_note(ax, G)]
    canvas.draw()
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1).copy()
    for artist in artists:
        artist.remove()
    for n in G:
        left, top, sprite = labels[n]
        image.alpha_composite(sprite, (max(left, 0), max(top, 0)))
    return image


def png_bytes(image) -> bytes:
    """A PIL image as PNG bytes, with fast compression.

    >>> from PIL import Image
    >>> png_bytes(Image.new("RGBA", (2, 2)))[:4]
    b'\\x89PNG'
    """
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def network_png(G: nx.Graph, pos: dict, ranking: pd.DataFrame, measure: str, kept=None) -> bytes:
    """:func:`network_image` as PNG bytes (see there for *kept*).

    >>> from krcn_lab import networks
    >>> G = networks.meeting_network()
    >>> network_png(G, stable_layout([G]), _sizes(G), "degree", {})[:4]
    b'\\x89PNG'
    """
    return png_bytes(network_image(G, pos, ranking, measure, kept))


def _sizes(G: nx.Graph) -> pd.DataFrame:
    """A stand-in ranking for the examples: each node's degree."""
    return pd.DataFrame({"node": list(G), "degree": [G.degree(n) for n in G]})


def colour_key(G: nx.Graph) -> str:
    """An HTML key of the colours and shapes used for the nodes of *G* (beside the picture, for
    a screen reader and for print): one swatch per country or node kind present.

    >>> from krcn_lab import networks
    >>> key = colour_key(networks.meeting_network("Lee"))
    >>> "#0072B2" in key and "South Korea (KOR)" in key and "China (CHN)" in key
    True
    """
    groups = sorted({drawing.colour_group(d) for _, d in G.nodes(data=True)},
                    key=drawing.legend_order)
    swatches = [f'<span style="color:{drawing.group_colour(g)};font-size:130%">&#9632;</span>&nbsp;'
                f"{html.escape(drawing.group_label(g))}" for g in groups]
    kinds = sorted({str(d.get("kind") or "") for _, d in G.nodes(data=True)})
    shapes = {"o": "circle", "s": "square", "D": "diamond", "^": "triangle", "v": "triangle down",
              "p": "pentagon", "h": "hexagon"}
    shown = "; ".join(f"{html.escape(k or '(no kind)')}: {shapes.get(drawing.KIND_SHAPES.get(k, 'o'), 'circle')}"
                      for k in kinds)
    return (f'<p class="krcn-key">Colour: {" &nbsp; ".join(swatches)}<br>Shape: {shown}. '
            "Node size: the chosen measure; edge width: weight.</p>")
