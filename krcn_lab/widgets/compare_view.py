"""Administration comparer: two periods side by side — issues, distinctive words, meeting networks,
and a plain-language summary generated from the comparison (never typed in).

Logic (plain functions): :func:`era_choices`, :func:`issue_shares`, :func:`words_table`
(:func:`krcn_lab.distinctive_words` with the quotes behind each word), :func:`edge_status`,
:func:`comparison_sentences` (:func:`krcn_lab.summarize_comparison` of the meeting networks, with
the issue shares of the actor × issue networks), :func:`shares_bars` and :func:`networks_png`.
:func:`administration_comparer` only wires two Dropdowns to them.

>>> c = comparer_tables()
>>> [s for s in comparison_sentences(c, "Yoon Suk Yeol", "Lee Jae Myung") if s.startswith("Gained: 2 edges")]
['Gained: 2 edges appear only in the articles on the Lee Jae Myung administration: Cho Hyun – Wang Yi; Park Byeong-seug – Wang Yi.']
"""

from __future__ import annotations

import dataclasses
import textwrap

import ipywidgets as widgets
import networkx as nx
import pandas as pd

from .. import comparison, dataset, networks, periods, summaries, words
from . import network_drawing
from .common import html_table, message, styled, tag_control, tag_output
from .issue_view import html_bars, issue_tables

__all__ = ["administration_comparer", "comparer_tables", "era_choices", "era_name", "issue_shares",
           "words_table", "edge_status", "comparison_sentences", "shares_bars", "networks_png", "compare_page",
           "SIDE_STYLE"]

#: Okabe–Ito colour and hatch of the first and the second period in every chart.
SIDE_STYLE = (("#0072B2", ""), ("#E69F00", "//"))


def comparer_tables() -> dict:
    """The explorer's tables (statements with their era, actors, issues) and a cache of networks.

    >>> sorted(comparer_tables())
    ['actors', 'administrations', 'issues', 'networks', 'statements']
    """
    tables = dict(issue_tables())
    tables["administrations"] = periods.administration_choices(dataset.load_administrations())
    tables["networks"] = {}  # (kind, leader) -> graph, filled on first use
    return tables


def era_choices(tables: dict) -> list[tuple[str, str]]:
    """Dropdown options ``(label with dates, leader)``: every South Korean term, the acting ones included.

    >>> [leader for _, leader in era_choices(comparer_tables())][-3:-1]
    ['Yoon Suk Yeol', 'Acting president (Han Duck-soo, Choi Sang-mok, Lee Ju-ho)']
    """
    return list(zip(tables["administrations"]["label"], tables["administrations"]["leader"]))


def era_name(tables: dict, leader: str) -> str:
    """How the sentences name a period: "the … administration", or "… period" for acting presidents.

    >>> era_name(comparer_tables(), "Lee Jae Myung")
    'Lee Jae Myung administration'
    """
    kinds = dict(zip(tables["administrations"]["leader"], tables["administrations"]["kind"]))
    return f"{leader} {'period' if kinds.get(leader) == 'acting' else 'administration'}"


def _network(tables: dict, kind: str, leader: str) -> nx.Graph:
    if (kind, leader) not in tables["networks"]:
        tables["networks"][kind, leader] = networks.NETWORK_KINDS[kind].wrapper(leader)
    return tables["networks"][kind, leader]


def issue_shares(statements: pd.DataFrame, issues: pd.DataFrame, first: str, second: str) -> pd.DataFrame:
    """Statements per issue in each period (column ``administration``) and their share of the period's
    statements: ``issue``, ``first``, ``share_first``, ``second``, ``share_second``, ``change`` (points).

    >>> s = issue_shares(comparer_tables()["statements"], comparer_tables()["issues"], "Yoon Suk Yeol", "Lee Jae Myung")
    >>> s.set_index("issue").loc["APEC 2025 summit in Gyeongju", ["first", "second"]].tolist()
    [0, 1]
    """
    labels = issues.set_index("issue_id")["label"]
    era = statements["administration"].astype(object)
    counts = {side: statements[era == who]["issue_id"].astype(object).value_counts()
              for side, who in (("first", first), ("second", second))}
    table = pd.DataFrame({"issue_id": list(labels.index)})
    for side in ("first", "second"):
        table[side] = table["issue_id"].map(counts[side]).fillna(0).astype("int64")
        total = table[side].sum()
        table[f"share_{side}"] = (100 * table[side] / total).round(1) if total else 0.0
    table["change"] = (table["share_second"] - table["share_first"]).round(1)
    table["issue"] = table["issue_id"].map(labels)
    table = table[(table["first"] + table["second"]) > 0].sort_values(["change", "issue_id"], ascending=[False, True])
    return table[["issue", "first", "share_first", "second", "share_second", "change"]].reset_index(drop=True)


def words_table(statements: pd.DataFrame, first: str, second: str, top: int = 6) -> pd.DataFrame:
    """The words that most distinguish each period's coded quotes (:func:`krcn_lab.distinctive_words`,
    the weighted log-odds of Monroe, Colaresi and Quinn 2008) with the statements and quotes behind them.

    >>> w = words_table(comparer_tables()["statements"], "Yoon Suk Yeol", "Lee Jae Myung")
    >>> w.columns.tolist()
    ['period', 'rank', 'word', 'z', 'count_first', 'count_second', 'statements', 'quotes']
    """
    table = words.distinctive_words(statements, "administration", first, second, top=top)
    out = pd.DataFrame({"period": table["side"], "rank": table["rank"], "word": table["word"],
                        "z": pd.to_numeric(table["z"]).round(2), "count_first": table["count_first"],
                        "count_second": table["count_second"],
                        "statements": [", ".join(ids) for ids in table["statement_ids"]],
                        "quotes": [" | ".join(f"“{q}”" for q in quotes) for quotes in table["quotes"]]})
    out.attrs["reason"] = table.attrs.get("reason", "")
    return out


def edge_status(diff, labels: dict) -> pd.DataFrame:
    """Every edge of either network with its ``status``: gained (only in the second), lost, kept.

    >>> d = comparison.compare_networks(nx.Graph([("a", "b")]), nx.Graph([("a", "c")]))
    >>> edge_status(d, {"a": "Ann"}).values.tolist()
    [['gained', 'Ann – c'], ['lost', 'Ann – b']]
    """
    rows = [(status, " – ".join(str(labels.get(n, n)) for n in edge))
            for status, edges in (("gained", diff.edges_only_second), ("lost", diff.edges_only_first),
                                  ("kept", diff.edges_both)) for edge in edges]
    return pd.DataFrame(sorted(rows), columns=["status", "edge"])


def comparison_sentences(tables: dict, first: str, second: str, meet=None) -> list[str]:
    """The summary: :func:`krcn_lab.summarize_comparison` of the two meeting networks (nodes and
    edges gained, lost, kept; degree that moved; *meet* if already compared), with the issue
    shares of the two actor × issue networks, and each period named as in :func:`era_name`.
    """
    if meet is None:
        meet = comparison.compare_networks(_network(tables, "meetings", first),
                                           _network(tables, "meetings", second))
    shares = comparison._issue_share(_network(tables, "actor_issue", first),  # noqa: SLF001 (the shares
                                     _network(tables, "actor_issue", second))  # only, without centrality)
    both = dataclasses.replace(meet, issue_share=shares)
    notes = [f"Note: {G.graph['reason']} in the data, so every meeting edge of the other period counts as "
             "gained or lost; read these lines with that in mind."
             for G in (_network(tables, "meetings", first), _network(tables, "meetings", second))
             if G.number_of_nodes() == 0 and G.graph.get("reason")]
    return notes + summaries.summarize_comparison(both, first_name=era_name(tables, first),
                                                  second_name=era_name(tables, second))


def shares_bars(shares: pd.DataFrame, names: tuple[str, str]) -> str:
    """Each issue's share of a period's statements, the two periods as paired bars (Okabe–Ito blue,
    and orange with stripes), in plain HTML (:func:`.issue_view.html_bars`); the table beside it
    has the same numbers.

    >>> t = comparer_tables()
    >>> bars = shares_bars(issue_shares(t["statements"], t["issues"], "Yoon Suk Yeol", "Lee Jae Myung"), ("Y", "L"))
    >>> 'title="APEC 2025 summit in Gyeongju: Y 0%, L 2.4%"' in bars
    True
    """
    return html_bars(shares, "issue", [("share_first", names[0], *SIDE_STYLE[0]),
                                       ("share_second", names[1], *SIDE_STYLE[1])], stacked=False, unit="%")


def networks_png(tables: dict, first: str, second: str, pos: dict, kept=None) -> bytes:
    """The two meeting networks side by side, each node at the same place in both (*pos*), as PNG
    bytes; pass the same dict *kept* on every call for one *pos* to draw faster
    (:func:`.network_drawing.network_image`).

    >>> t = comparer_tables()
    >>> networks_png(t, "Yoon Suk Yeol", "Lee Jae Myung", network_drawing.stable_layout([networks.meeting_network()]))[:4]
    b'\\x89PNG'
    """
    from PIL import Image

    panels = []
    for side, leader in (("first", first), ("second", second)):
        G = _network(tables, "meetings", leader)
        sizes = pd.DataFrame({"node": list(G), "degree": [G.degree(n) for n in G]})
        title = "\n".join(textwrap.wrap(era_name(tables, leader), 48))
        panels.append(network_drawing.network_image(G, pos, sizes, "degree", None if kept is None else
                                                    kept.setdefault(side, {"size": (4.6, 3.6)}), title=title))
    both = Image.new("RGBA", (sum(p.width for p in panels), max(p.height for p in panels)), "white")
    both.paste(panels[0], (0, 0))
    both.paste(panels[1], (panels[0].width, 0))
    return network_drawing.png_bytes(both)


def compare_page(tables: dict, first: str, second: str, pos: dict, kept=None) -> dict:
    """Everything the comparer shows for one pair: ``summary``, ``issues``, ``shares``, ``words``,
    ``edges`` (HTML) and ``networks_png`` (PNG bytes, None when there is nothing to draw).

    >>> page = compare_page(comparer_tables(), "Lee Jae Myung", "Lee Jae Myung", {})
    >>> "two different periods" in page["summary"], page["networks_png"]
    (True, None)
    """
    if first == second:
        return {"summary": styled(message("Pick two different periods to compare.")), "issues": "", "words": "",
                "edges": "", "shares": "", "networks_png": None}
    names = (era_name(tables, first), era_name(tables, second))
    shares = issue_shares(tables["statements"], tables["issues"], first, second)
    said = words_table(tables["statements"], first, second)
    G1, G2 = _network(tables, "meetings", first), _network(tables, "meetings", second)
    diff = comparison.compare_networks(G1, G2)
    labels = {n: d.get("label", n) for G in (G1, G2) for n, d in G.nodes(data=True)}
    heads = {"first": names[0], "share_first": f"% {names[0]}", "second": names[1], "share_second": f"% {names[1]}",
             "change": "change (points)", "count_first": f"uses, {names[0]}", "count_second": f"uses, {names[1]}"}
    no_words = f"No distinctive words: {said.attrs.get('reason') or 'too few statements'}."
    return {"summary": styled(summaries.summary_html(comparison_sentences(tables, first, second, diff))),
            "issues": styled(html_table(shares.rename(columns=heads), "Neither period has a coded statement.")),
            "words": styled(html_table(said.rename(columns=heads), no_words)),
            "edges": styled(html_table(edge_status(diff, labels), "Neither period has a meeting in the data.")),
            "shares": shares_bars(shares, names) if len(shares) else "",
            "networks_png": networks_png(tables, first, second, pos, kept) if len(labels) else None}


def _show(image, png) -> None:
    image.layout.display = None if png else "none"
    if png:
        image.value = png


def administration_comparer(first="Yoon", second="Lee"):
    """Two periods side by side: issues raised, distinctive words, meeting networks, and a summary of
    what was gained, lost and kept, generated from the comparison.

    >>> c = administration_comparer(); c.controls["second"].value = "Yoon Suk Yeol"
    >>> "Pick two different periods" in c.output.value
    True
    """
    tables = comparer_tables()
    options = era_choices(tables)
    wide = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="max-content")}
    one = tag_control(widgets.Dropdown(options=options, value=networks.resolve_administration(first)[-1],
                                       description="First period", **wide))
    two = widgets.Dropdown(options=options, value=networks.resolve_administration(second)[-1],
                           description="Second period", **wide)
    pos = network_drawing.stable_layout([_network(tables, "meetings", leader) for _, leader in options])
    out = tag_output(widgets.HTML())
    parts = {name: widgets.HTML() for name in ("issues", "shares", "words", "edges")}
    images = {"networks_png": widgets.Image(format="png", layout=widgets.Layout(max_width="640px"))}
    cache, kept = {}, {}

    def update(*_):
        if (one.value, two.value) not in cache:
            cache[one.value, two.value] = compare_page(tables, one.value, two.value, pos, kept)
        page = cache[one.value, two.value]
        out.value = page["summary"]
        for name, part in parts.items():
            part.value = page[name]
        for name, image in images.items():
            _show(image, page[name])

    one.observe(update, names="value")
    two.observe(update, names="value")
    update()
    row = {"layout": widgets.Layout(flex_flow="row wrap")}
    box = widgets.VBox([one, two, widgets.HTML("<h4>What changed, in words</h4>"), out,
                        widgets.HTML("<h4>Issues raised (share of each period's coded statements)</h4>"),
                        widgets.HBox([parts["shares"], parts["issues"]], **row),
                        widgets.HTML("<h4>Distinctive words, with the quotes behind them</h4>"), parts["words"],
                        widgets.HTML("<h4>Meeting networks (each person at the same place in both)</h4>"),
                        widgets.HBox([images["networks_png"], parts["edges"]], **row)])
    box.controls, box.output, box.parts, box.figures = {"first": one, "second": two}, out, parts, images
    box.clear_cache = cache.clear  # forget computed pages (the benchmark times cold updates)
    return box
