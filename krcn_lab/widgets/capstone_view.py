"""Article lab (the capstone, part 1): paste or upload a new article and see it cleaned and analysed.

Logic (plain functions): :func:`start_text` (the invented example, a seed's raw page, or a blank
box), :func:`analyse_input` (pasted text or uploaded bytes through :mod:`krcn_lab.inputs` and
:func:`krcn_lab.analyze_article`; a friendly message instead of an error), the tables
:func:`cleaning_log_table`, :func:`candidate_actor_table`, :func:`candidate_issue_table`, and
:func:`analysis_html`, which puts them together with the paragraphs, mentions marked by the
article reader's :func:`.article_view.highlighted_paragraphs`. :func:`article_lab` only wires a
"Start from" Dropdown, a Textarea, a FileUpload and a button to them.

>>> result, note = analyse_input(DEMO_ARTICLE)
>>> sorted(set(result.mentions["actor_id"]) & {"cho_hyun", "wang_yi"}), note
(['cho_hyun', 'wang_yi'], '')
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .. import analysis, cleaning_rules, corpus, dataset, inputs
from .article_view import highlighted_paragraphs, mention_legend
from .common import html_table, message, styled, tag_control, tag_output

__all__ = ["DEMO_ARTICLE", "start_choices", "start_text", "upload_bytes", "analyse_input", "cleaning_log_table",
           "candidate_actor_table", "candidate_issue_table", "analysis_html", "article_lab"]

#: The pre-filled article: written for this notebook, invented, and saying so. It names two known
#: actors (Cho Hyun, Wang Yi) and one invented person, and carries some page furniture to clean.
DEMO_ARTICLE = """\
Example Daily
Home > World > Asia
Seoul and Beijing ministers talk trade and exchanges (invented example)
By an imaginary reporter
This article was made up for this exercise; it is not a real news report, and none of its events or statements happened.

In this invented scene, Foreign Minister Cho Hyun meets Chinese Foreign Minister Wang Yi for talks in a city the story does not name.

Cho says the two neighbours should keep high-level exchanges going and work together on supply chains.

Read More

Wang answers that China values good relations with South Korea and hopes for closer economic cooperation.

Han Seo-yeon, an analyst invented for this exercise, tells the imaginary reporter that both sides want stable ties.

Leave a Reply
"""

EMPTY_BOX = "The box is empty: paste an article (a headline, then its paragraphs) or upload a file, then press Analyse."


def start_choices() -> list[tuple[str, str]]:
    """Dropdown options ``(label, key)``: the invented example, each seed's raw page, a blank box.

    >>> start_choices()[0]
    ('The invented example (made up for this notebook)', 'demo')
    >>> start_choices()[-1][1], ('Raw page of joongang2024 (a seed), as if it were new', 'seed:joongang2024') in start_choices()
    ('blank', True)
    """
    seeds = dataset.load_articles().sort_values(["published", "article_id"])["article_id"]
    return ([("The invented example (made up for this notebook)", "demo")]
            + [(f"Raw page of {a} (a seed), as if it were new", f"seed:{a}") for a in seeds]
            + [("A blank box: paste your own article", "blank")])


def start_text(key: str) -> str:
    """The text a start choice puts in the box: :data:`DEMO_ARTICLE`, a seed's raw lines, or nothing.

    >>> start_text("seed:joongang2024").count("Kirea's") > 0, start_text("blank")
    (True, '')
    """
    if key == "demo":
        return DEMO_ARTICLE
    if key.startswith("seed:"):
        return "\n".join(dataset.load_raw_clean(key[5:])["raw"].fillna(""))
    return ""


def upload_bytes(value) -> tuple[bytes, str] | None:
    """The content and name of the first file in a FileUpload's ``value`` (None when there is none).

    >>> upload_bytes(({"name": "talks.txt", "content": memoryview(b"Talks")},))
    (b'Talks', 'talks.txt')
    >>> upload_bytes(()) is None
    True
    """
    if not value:
        return None
    first = value[0]
    return bytes(first["content"]), str(first.get("name") or "uploaded file")


def analyse_input(text: str = "", upload: tuple[bytes, str] | None = None, vocabulary=None, **metadata):
    """Analyse pasted *text*, or the *upload* ``(bytes, file name)`` when given; return ``(result, note)``.

    *result* is an :class:`krcn_lab.analysis.ArticleAnalysis` (None when the input is not an
    article, and *note* then says why in one line); *note* is also set, with a result, when the
    article names no known actor. Uploads are decoded by :func:`krcn_lab.inputs.decode_article`
    (UTF-16, CP949 and HTML pages included), never by hand.

    >>> analyse_input("   ")
    (None, 'The box is empty: paste an article (a headline, then its paragraphs) or upload a file, then press Analyse.')
    >>> analyse_input(upload=(b"\\x89PNG\\r\\n\\x1a\\n", "photo.png"))[1]
    'photo.png: the file is a PNG image, not a text article'
    """
    try:
        if upload is not None:
            read = inputs.decode_article(*upload)
            result = analysis.analyze_article(read.text, source=read.source, vocabulary=vocabulary, **metadata)
            result.encoding, result.format = read.encoding, read.format
        elif not (text or "").strip():
            return None, EMPTY_BOX
        else:
            result = analysis.analyze_article(text, source="pasted text", vocabulary=vocabulary, **metadata)
    except corpus.CorpusError as problem:  # InputError is a kind of CorpusError
        return None, str(problem)
    if result.mentions.empty:
        return result, ("No known actor is named in this article, so there is no speaker to code a statement "
                        "for; its candidate new actors and issues are listed below.")
    return result, ""


def cleaning_log_table(result) -> pd.DataFrame:
    """Every raw line cleaning removed, moved or changed, with the rule and its reason.

    >>> cleaning_log_table(analyse_input(DEMO_ARTICLE)[0])[["line_no", "rule", "action"]].values.tolist()[:2]
    [[1, 'menu', 'removed'], [2, 'breadcrumb', 'removed']]
    """
    rows = [(e.line_no, e.text, e.rule, e.action, e.detail,
             cleaning_rules.RULES[e.rule].explanation if e.rule in cleaning_rules.RULES else "")
            for e in result.article.log]
    return pd.DataFrame(rows, columns=["line_no", "raw line", "rule", "action", "detail", "why"])


def candidate_actor_table(result) -> pd.DataFrame:
    """People named in the article who are no known actor: ``name``, ``paragraph``, ``title``, ``why flagged``.

    >>> candidate_actor_table(analyse_input(DEMO_ARTICLE)[0]).values.tolist()
    [['Han Seo-yeon', 5, '', 'hyphenated given name']]
    """
    table = result.candidate_actors
    return pd.DataFrame({"name": table["name"], "paragraph": table["paragraph"], "title": table["title"],
                         "why flagged": table["reason"]}).reset_index(drop=True)


def candidate_issue_table(result) -> pd.DataFrame:
    """Issues tagged by their keywords: one row per issue and paragraph, with the words that triggered it.

    >>> candidate_issue_table(analyse_input(DEMO_ARTICLE)[0]).values.tolist()[0]
    ['high_level_exchanges', 'High-level exchanges and communication channels', 3, 'high-level exchanges']
    """
    rows = {}
    for r in result.candidate_issues.itertuples():
        words = rows.setdefault((r.issue_id, r.paragraph), [])
        if r.word not in words:
            words.append(r.word)
    table = pd.DataFrame([(issue, result.issue_labels.get(issue, issue), paragraph, ", ".join(words))
                          for (issue, paragraph), words in rows.items()],
                         columns=["issue_id", "label", "paragraph", "trigger words"])
    return table.sort_values(["paragraph", "issue_id"]).reset_index(drop=True)


def paragraph_table(result) -> pd.DataFrame:
    """The cleaned paragraphs as the article reader's table: ``article_id``, ``paragraph``, ``kind``, ``text``.

    >>> paragraph_table(analyse_input(DEMO_ARTICLE)[0])[["paragraph", "kind"]].values.tolist()[0]
    [1, 'body']
    """
    article_id = str(result.metadata.get("article_id", "new"))
    return pd.DataFrame([(article_id, p.number, p.kind, p.text) for p in result.article.paragraphs],
                        columns=["article_id", "paragraph", "kind", "text"])


def analysis_html(result, note: str = "", actors: pd.DataFrame | None = None) -> str:
    """The whole analysis as HTML: what was read, cleaning log, marked paragraphs, who, candidates.

    >>> page = analysis_html(*analyse_input(DEMO_ARTICLE))
    >>> 'title="Cho Hyun (name or alias)"' in page, "Han Seo-yeon" in page
    (True, True)
    >>> analysis_html(None, "x.txt: the file is empty")
    '...<div class="krcn-message">x.txt: the file is empty</div>'
    """
    if result is None:
        return styled(message(note))
    actors = dataset.load_actors() if actors is None else actors
    article_id = str(result.metadata.get("article_id", "new"))
    art = result.article
    head = (f"<h3>{html.escape(art.title)}</h3><p>Read from {html.escape(result.source)} "
            f"({html.escape(result.format)}, {html.escape(result.encoding)}); {len(art.paragraphs)} paragraphs "
            f"after cleaning; {len(result.mentions)} mentions of known actors.</p>")
    return styled(
        head + (message(note) if note else "")
        + "<h4>What cleaning removed, moved or changed (with the rule)</h4>"
        + html_table(cleaning_log_table(result), "Cleaning changed no line of this article.")
        + "<h4>Clean paragraphs (marked: mentions of known actors; hover for who and how)</h4>"
        + highlighted_paragraphs(paragraph_table(result), result.mentions, actors, article_id)
        + "<h4>Known actors found</h4>"
        + html_table(mention_legend(result.mentions, actors, article_id), "No known actor is mentioned.")
        + "<h4>Candidate new actors (people who are no known actor)</h4>"
        + html_table(candidate_actor_table(result), "No candidate new actor.")
        + "<h4>Candidate issues (tagged by keywords)</h4>"
        + html_table(candidate_issue_table(result), "No issue keyword was found."))


def article_lab(start: str = "demo"):
    """Paste or upload an article and analyse it; ``box.result`` holds the latest analysis (or None).

    >>> lab = article_lab(); lab.controls["start"].value = "blank"
    >>> "The box is empty" in lab.output.value, lab.result is None
    (True, True)
    """
    actors = dataset.load_actors()
    vocab = analysis.vocabulary()
    wide = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="max-content")}
    picker = tag_control(widgets.Dropdown(options=start_choices(), value=start, description="Start from", **wide))
    box_text = widgets.Textarea(value=start_text(start), description="Article",
                                layout=widgets.Layout(width="95%", height="14em"))
    upload = widgets.FileUpload(accept=".txt,.html,.htm,text/plain,text/html", multiple=False,
                                description="Upload a file")
    run = widgets.Button(description="Analyse", button_style="primary", tooltip="Analyse the text in the box")
    out = tag_output(widgets.HTML())
    box = widgets.VBox([picker, box_text, widgets.HBox([run, upload]), out])
    box.controls = {"start": picker, "text": box_text, "upload": upload, "analyse": run}
    box.output, box.result, box.listeners = out, None, []

    def show(text="", uploaded=None):
        box.result, note = analyse_input(text, uploaded, vocabulary=vocab)
        out.value = analysis_html(box.result, note, actors)
        for listener in box.listeners:
            listener(box.result)

    def on_start(change):
        box_text.value = start_text(change["new"])
        show(box_text.value)

    def on_upload(change):
        if change["new"]:
            show(uploaded=upload_bytes(change["new"]))

    picker.observe(on_start, names="value")
    upload.observe(on_upload, names="value")
    run.on_click(lambda _: show(box_text.value))
    show(box_text.value)
    return box
