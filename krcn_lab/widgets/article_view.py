"""Article reader: one article raw or clean, the lines cleaning removed, its mentions and disputed claims.

Logic (plain functions over the loaders' tables): :func:`line_view` (raw and clean side by side,
one row per raw line), :func:`highlighted_paragraphs` (mentions marked, who in a tooltip),
:func:`mention_legend`, :func:`disputed_claims` and :func:`article_html`, which puts them together.
:func:`article_reader` only wires a Dropdown and a raw/clean toggle to :func:`article_html`.

>>> import krcn_lab
>>> view = line_view(krcn_lab.load_paragraphs(), krcn_lab.load_removed_lines(), "joongang2024")
>>> view.loc[view["line_no"] == 9, "rule"].item()
'typo_correction'
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import dataset, mention_tables
from ..drawing import COUNTRY_COLOURS, KIND_COLOURS
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["article_reader", "article_choices", "line_view", "highlighted_paragraphs", "mention_legend",
           "disputed_claims", "article_html", "reader_tables"]

MODES = ("clean", "raw")


def reader_tables() -> dict[str, pd.DataFrame]:
    """The tables the reader needs, from the package's loaders (each loader caches its own result).

    >>> sorted(reader_tables())[:3]
    ['actors', 'articles', 'claims']
    """

    return {"articles": dataset.load_articles(), "paragraphs": dataset.load_paragraphs(),
            "removed": dataset.load_removed_lines(), "mentions": mention_tables.load_mentions(),
            "actors": dataset.load_actors(), "claims": dataset.load_claims()}


def article_choices(articles: pd.DataFrame) -> list[tuple[str, str]]:
    """Dropdown options ``(label, article_id)``: id, outlet and genre, in published order.

    >>> import krcn_lab
    >>> article_choices(krcn_lab.load_articles())[0]
    ('newssite2024 — Unnamed news site (news)', 'newssite2024')
    """
    rows = articles.sort_values(["published", "article_id"])
    return [(f"{r.article_id} — {r.outlet} ({r.genre})", r.article_id) for r in rows.itertuples()]


def line_view(paragraphs: pd.DataFrame, removed: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """One row per raw line of *article_id* that cleaning kept, changed, moved or removed.

    Columns: ``line_no``, ``paragraph`` (empty if not kept), ``raw_text``, ``clean_text``,
    ``action``, ``rule`` (several joined by ", "), ``detail``, ``explanation``.

    >>> import krcn_lab
    >>> v = line_view(krcn_lab.load_paragraphs(), krcn_lab.load_removed_lines(), "joongang2024")
    >>> v.loc[v["line_no"] == 11, "rule"].item()
    'typo_correction, duplicate_caption'
    """
    lines: dict[int, dict] = {}
    for p in _records(paragraphs, article_id):
        lines[p["line_no"]] = {"line_no": p["line_no"], "paragraph": p["paragraph"], "raw_text": p["text"],
                               "clean_text": p["text"]}
    for r in _records(removed, article_id):  # one row per line: several rules joined
        row = lines.setdefault(r["line_no"], {"line_no": r["line_no"], "raw_text": r["text"]})
        row["raw_text"] = r["text"]
        for key, sep in (("action", ", "), ("rule", ", "), ("detail", "; "), ("explanation", " ")):
            value = "" if pd.isna(r[key]) else str(r[key])
            if value and value not in (row.get(key) or "").split(sep):
                row[key] = f"{row[key]}{sep}{value}" if row.get(key) else value
    columns = ["line_no", "paragraph", "raw_text", "clean_text", "action", "rule", "detail", "explanation"]
    view = pd.DataFrame([lines[n] for n in sorted(lines)], columns=columns)
    view["paragraph"] = view["paragraph"].astype("Int64")
    return view.replace({"": None})


def _records(frame: pd.DataFrame, article_id: str) -> list[dict]:
    return frame[frame["article_id"] == article_id].to_dict("records")


def _mark(text: str, spans: list[dict], names: dict, colours: dict) -> str:
    out, pos = [], 0
    for span in sorted(spans, key=lambda m: m["start"]):
        if span["start"] < pos:  # overlapping mention: keep the first
            continue
        who = names.get(span["actor_id"], span["actor_id"])
        colour = colours.get(span["actor_id"], "#999999")
        out += [html.escape(text[pos:span["start"]]),
                f'<mark title="{html.escape(who)} ({html.escape(str(span["resolution"]))})" '
                f'style="background:{colour}40;border-bottom:2px solid {colour}">'
                f'{html.escape(text[span["start"]:span["end"]])}</mark>']
        pos = span["end"]
    return "".join(out) + html.escape(text[pos:])


def highlighted_paragraphs(paragraphs, mentions, actors, article_id: str) -> str:
    """The clean paragraphs of *article_id* as HTML, every actor mention marked (tooltip: who, how).

    >>> import krcn_lab
    >>> h = highlighted_paragraphs(krcn_lab.load_paragraphs(), krcn_lab.load_mentions(),
    ...                            krcn_lab.load_actors(), "bloomberg2025")
    >>> 'title="Cho Hyun (name or alias)"' in h
    True
    """
    names = dict(zip(actors["actor_id"], actors["name"]))
    country = dict(zip(actors["actor_id"], actors["country"].astype(object)))
    colours = {a: COUNTRY_COLOURS.get(c, KIND_COLOURS["other country"]) if isinstance(c, str)
               else KIND_COLOURS["no country"] for a, c in country.items()}
    by_paragraph: dict[int, list] = {}
    for m in _records(mentions, article_id):
        by_paragraph.setdefault(m["paragraph"], []).append(m)
    parts = [f"<p><small>¶{p['paragraph']} ({html.escape(str(p['kind']))})</small> "
             f"{_mark(p['text'], by_paragraph.get(p['paragraph'], []), names, colours)}</p>"
             for p in _records(paragraphs, article_id)]
    return "".join(parts) or message(f"No clean paragraphs for {article_id}.")


def mention_legend(mentions: pd.DataFrame, actors: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """Who each marked mention is: one row per actor and wording, with its paragraphs.

    >>> import krcn_lab
    >>> leg = mention_legend(krcn_lab.load_mentions(), krcn_lab.load_actors(), "bloomberg2025")
    >>> leg.loc[leg["wording"] == "Cho Hyun", "actor"].item()
    'Cho Hyun (KOR)'
    """
    who = {a["actor_id"]: f"{a['name']} ({a['country']})" if isinstance(a["country"], str) else str(a["name"])
           for a in actors[["actor_id", "name", "country"]].astype({"country": object}).to_dict("records")}
    groups: dict[tuple, set] = {}
    for m in _records(mentions, article_id):
        key = (who.get(m["actor_id"], m["actor_id"]), m["surface"], str(m["resolution"]))
        groups.setdefault(key, set()).add(m["paragraph"])
    rows = [(surface, actor, how, ", ".join(str(p) for p in sorted(paras)))
            for (actor, surface, how), paras in sorted(groups.items())]
    return pd.DataFrame(rows, columns=["wording", "actor", "how resolved", "paragraphs"])


def disputed_claims(claims: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """This article's claims on a topic that another article also reports, beside the other claims.

    >>> import krcn_lab
    >>> d = disputed_claims(krcn_lab.load_claims(), "herald2024")
    >>> d.loc[d["claim_id"] == "clm_002", "other_claim_ids"].item()
    'clm_001 (newssite2024)'
    """
    by_topic: dict[str, list] = {}
    for c in claims.to_dict("records"):
        by_topic.setdefault(c["topic"], []).append(c)
    rows = []
    for c in _records(claims, article_id):
        rival = [r for r in by_topic[c["topic"]] if r["article_id"] != article_id]
        if rival:
            rows.append({"topic": c["topic"], "claim_id": c["claim_id"], "paragraph": c["paragraph"],
                         "this article says": c["claim"], "quote": c["quote"],
                         "other_claim_ids": ", ".join(f"{r['claim_id']} ({r['article_id']})" for r in rival),
                         "other sources say": " | ".join(str(r["claim"]) for r in rival), "note": c["note"]})
    columns = ["topic", "claim_id", "paragraph", "this article says", "quote", "other_claim_ids",
               "other sources say", "note"]
    return pd.DataFrame(rows, columns=columns)


def _header(articles: pd.DataFrame, article_id: str) -> str:
    a = articles[articles["article_id"] == article_id].iloc[0]
    when = f"{a.published:%Y-%m-%d}" if pd.notna(a.published) else "unknown"
    return (f"<h3>{html.escape(str(a.title))}</h3><p>{html.escape(str(a.outlet))} · {html.escape(str(a.genre))}"
            f" · published {when} ({html.escape(str(a.published_precision))}, "
            f"{html.escape(str(a.published_basis))})</p>")


def article_html(tables: dict, article_id, mode: str = "clean") -> str:
    """The reader's whole output for one article in *mode* ``"clean"`` or ``"raw"`` (HTML).

    >>> import krcn_lab
    >>> "typo_correction" in article_html(reader_tables(), "joongang2024", "raw")
    True
    >>> "Pick an article" in article_html(reader_tables(), None)
    True
    """
    if article_id not in set(tables["articles"]["article_id"]):
        return styled(message("Pick an article to read it."))
    view = line_view(tables["paragraphs"], tables["removed"], article_id)
    touched = view[view["rule"].notna()][["line_no", "raw_text", "action", "rule", "detail", "explanation"]]
    if mode == "raw":
        body = ("<h4>Raw lines, and what cleaning did to each</h4>"
                + html_table(view[["line_no", "raw_text", "action", "rule", "detail"]]))
    else:
        legend = mention_legend(tables["mentions"], tables["actors"], article_id)
        body = ("<h4>Clean text (marked: actor mentions; hover for who, or read the table)</h4>"
                + highlighted_paragraphs(tables["paragraphs"], tables["mentions"], tables["actors"], article_id)
                + "<h4>Who is mentioned</h4>" + html_table(legend, "No actor is mentioned.")
                + "<h4>Lines cleaning removed or changed, with the rule</h4>"
                + html_table(touched, "Cleaning changed nothing in this article."))
    disputed = disputed_claims(tables["claims"], article_id)
    return styled(_header(tables["articles"], article_id) + body
                  + "<h4>Claims another source also reports (compare them)</h4>"
                  + html_table(disputed, "No claim of this article is reported differently elsewhere."))


def article_reader(article_id=None):
    """Pick an article; read it raw or clean, with removed lines, mentions and disputed claims.

    >>> r = article_reader("joongang2024"); r.controls["mode"].value = "raw"
    >>> "typo_correction" in r.output.value
    True
    """
    tables = reader_tables()
    choices = article_choices(tables["articles"])
    picker = tag_control(widgets.Dropdown(options=choices, description="Article",
                                          value=article_id if article_id in dict(choices).values()
                                          else choices[0][1], layout=widgets.Layout(width="max-content")))
    mode = widgets.ToggleButtons(options=list(MODES), value="clean", description="View",
                                 tooltips=["Cleaned paragraphs", "Every raw line, with the rule applied"])
    out = tag_output(widgets.HTML())
    cache: dict = {}

    def update(*_):
        key = (picker.value, mode.value)
        if key not in cache:
            cache[key] = article_html(tables, *key)
        out.value = cache[key]

    picker.observe(update, names="value")
    mode.observe(update, names="value")
    update()
    box = widgets.VBox([widgets.HBox([picker, mode]), out])
    box.controls, box.output = {"article": picker, "mode": mode}, out
    box.clear_cache = cache.clear  # forget computed pages (the benchmark times cold updates)
    return box
