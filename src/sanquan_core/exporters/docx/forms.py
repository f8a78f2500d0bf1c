"""The DOCX forms: 附件1, 附件2, 附件3 and the completion report, as WordprocessingML.

Also the pieces the book and the notice packet reuse: the forms printed
blank (:func:`blank_visit`, :func:`blank_results`, :func:`blank_summary`),
附件3's table, the completion figures and the two charts.

Each form is a small function writing blocks into a
:class:`.body.Body`. What the
forms say comes from :mod:`sanquan_core.documents`; how they look
comes from the :class:`.layout.Layout`. Per-record forms are built
once as a :class:`.xml.Template` and copied, so 50,000 visits cost
50,000 copies, not 50,000 rounds through python-docx.

Every form starts on a new page (``w:pageBreakBefore`` on its 附件 label
or heading), and its label and title lines keep with the table. Table rows
with short texts may not split across pages (``w:cantSplit``); rows that
can hold long text (the three content rows of 附件1, the rows of 附件2, any
row whose text is long) may, since Word clips a row that may not split and
is taller than a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from lxml import etree

from sanquan_core import captions
from sanquan_core.documents import (
    BlankForm,
    ResultItem,
    ResultsForm,
    SummaryContent,
    VisitForm,
    chart_content,
    results_forms,
    summary_content,
    visit_forms,
)
from sanquan_core.exporters import Form
from sanquan_core.summary import Summary

from .body import Body, Context
from .chart import drawing
from .layout import (
    CELL,
    CELL_LABEL,
    CHART,
    GRID_CENTER,
    GRID_HEAD,
    LABEL,
    LINE,
    NOTE,
    TITLE,
)
from .xml import (
    Builder,
    Para,
    RowTemplate,
    Span,
    Template,
    allow_split,
)

__all__ = [
    "OUTSIDE",
    "REDACTED",
    "blank_results",
    "blank_summary",
    "blank_visit",
    "chart_blocks",
    "has_charts",
    "member_forms",
    "results",
    "summary",
    "summary_rows",
    "summary_table",
    "visits",
]

#: The mark on a record dated outside the campaign window.
OUTSIDE = f"（{captions.OUTSIDE_MARK}）"
#: The note on a document whose personal data was masked.
REDACTED = captions.REDACTED_NOTE
#: Table captions (alternative text) of the forms: the forms' own labels.
VISIT_TABLE = Form.VISITS.label
RESULTS_TABLE = Form.RESULTS.label
SUMMARY_TABLE = Form.SUMMARY.label
_COLON = "："
# Between record ids: "、" and a zero-width space, a place to break the
# line; without it LibreOffice breaks a long id list inside an id.
_IDS_SEPARATOR = "、\u200b"


# -- shared pieces ----------------------------------------------------------------


def _heading(ctx: Context, number: int, title: Sequence[str]) -> list[etree._Element]:
    """The 附件N label top left, then the title lines, centred."""
    b = ctx.build
    label = b.paragraph(LABEL, f"{captions.ATTACHMENT}{number}", page_break=True)
    return [label, *(b.paragraph(TITLE, line) for line in title)]


def _person_line(b: Builder, caption: str) -> etree._Element:
    """``委员姓名：…<tab>所在委员工作（联络）组：…`` with slots ``person`` and ``group``."""
    p = b.paragraph(LINE, caption + _COLON)
    b.slot(p, "person", LINE)
    b.run(p, "\t" + captions.GROUP_OF + _COLON, LINE)
    b.slot(p, "group", LINE)
    return p


def _no_records(ctx: Context, text: str) -> etree._Element:
    return ctx.build.paragraph(NOTE, text)


# -- 附件1 ------------------------------------------------------------------------


def _visit_template(ctx: Context) -> Template:
    b, layout = ctx.build, ctx.layout
    width = layout.page.text_width
    label_w = layout.visit_label_width
    tbl = b.table((label_w, width - label_w), VISIT_TABLE)
    for caption, slots in (
        (captions.TARGET, ("target",)),
        (captions.ADDRESS, ("address",)),
        (captions.VISIT_DATE, ("date", "date_mark")),
    ):
        tr = b.row(tbl, layout.visit_short_row, cant_split=True)
        p = b.paragraph(CELL, caption + _COLON, keep_next=True)
        for name in slots:
            b.slot(p, name, CELL, "alert" if name == "date_mark" else "")
        b.cell(tr, width, span=2).append(p)
    for caption, name in (
        (captions.SITUATION, "situation"),
        (captions.NEEDS_HELP, "needs_help"),
        (captions.NEEDS_COORDINATION, "needs_coordination"),
    ):
        tr = b.row(tbl, layout.visit_long_row)
        b.cell(tr, label_w).append(b.paragraph(CELL_LABEL, caption))
        p = b.paragraph(CELL)
        b.slot(p, name, CELL)
        b.cell(tr, width - label_w, valign="top").append(p)
    return _form_template(ctx, 1, captions.VISIT_FORM_TITLE, captions.VISITOR, tbl)


def _visit_values(form: VisitForm) -> dict[str, str]:
    return {
        "person": form.visitor,
        "group": form.group,
        "target": form.target,
        "address": form.address,
        "date": form.date_text,
        "date_mark": "" if form.in_window else OUTSIDE,
        "situation": form.situation,
        "needs_help": form.needs_help,
        "needs_coordination": form.needs_coordination,
        "note": form.details,
    }


def visits(ctx: Context, out: Body) -> None:
    """附件1: one registration form per visit, grouped by member, each on its own page."""
    forms = visit_forms(ctx.campaign)
    first = next(forms, None)
    if first is None:
        out.add(*_heading(ctx, 1, captions.VISIT_FORM_TITLE), _no_records(ctx, captions.NO_VISITS))
        return
    template = _visit_template(ctx)
    keep = ctx.layout.keep_together_chars
    for form in chain((first,), forms):
        ctx.steps.at("visit", form.visit_id)
        blocks = template.fill(_visit_values(form))
        if max(len(form.target), len(form.address)) > keep:
            for block in blocks:
                allow_split(block)
        out.add(*blocks)
        ctx.steps.step()


# -- 附件2 ------------------------------------------------------------------------


def _results_template(ctx: Context) -> Template:
    b, layout = ctx.build, ctx.layout
    width = layout.page.text_width
    label_w = layout.results_label_width
    tbl = b.table((label_w, width - label_w), RESULTS_TABLE)
    for i, caption in enumerate(captions.RESULT_ROWS.values()):
        tr = b.row(tbl, layout.results_row)
        b.cell(tr, label_w).append(b.paragraph(CELL_LABEL, caption))
        p = b.paragraph(CELL)
        b.slot(p, f"items{i}", CELL)
        b.cell(tr, width - label_w, valign="top").append(p)
    return _form_template(ctx, 2, captions.RESULTS_FORM_TITLE, captions.MEMBER_NAME, tbl)


def _form_template(
    ctx: Context, number: int, title: tuple[str, ...], person: str, tbl: etree._Element
) -> Template:
    """附件N's label and title, the person line, the form's table, a note slot under it."""
    b = ctx.build
    note = b.paragraph(NOTE)
    b.slot(note, "note", NOTE)
    return Template(b, [*_heading(ctx, number, title), _person_line(b, person), tbl, note])


def _item_paras(items: Sequence[ResultItem]) -> list[Para]:
    if not items:
        return [[(captions.NOT_SUBMITTED, "")]]
    paras: list[Para] = []
    for item in items:
        head: list[Span] = [
            (item.title, "strong"),
            (item.dated, ""),
        ]
        if not item.in_window:
            head.append((OUTSIDE, "alert"))
        paras.append(head)
        if item.content:
            paras.append([(item.content, "")])
        if item.follow_up_line:
            paras.append([(item.follow_up_line, "")])
    return paras


def _results_values(form: ResultsForm) -> dict[str, str | list[Para]]:
    values: dict[str, str | list[Para]] = {
        "person": form.member,
        "group": form.group,
        "note": form.status,
    }
    for i, (_, items) in enumerate(form.rows()):
        values[f"items{i}"] = _item_paras(items)
    return values


def results(ctx: Context, out: Body) -> None:
    """附件2: one “三个一” results form per member, each on its own page."""
    forms = results_forms(ctx.campaign, ctx.report)
    first = next(forms, None)
    if first is None:
        head = _heading(ctx, 2, captions.RESULTS_FORM_TITLE)
        out.add(*head, _no_records(ctx, captions.NO_MEMBERS))
        return
    template = _results_template(ctx)
    for form in chain((first,), forms):
        ctx.steps.at("member", form.member_id)
        out.add(*template.fill(_results_values(form)))
        ctx.steps.step()


def blank_visit(ctx: Context, out: Body) -> None:
    """附件1 as the notice prints it: one form with nothing filled in."""
    template = _visit_template(ctx)
    out.add(*template.fill(dict.fromkeys(template.slots, "")))


def blank_results(ctx: Context, out: Body) -> None:
    """附件2 as the notice prints it: one form with nothing filled in."""
    template = _results_template(ctx)
    out.add(*template.fill(dict.fromkeys(template.slots, "")))


def member_forms(ctx: Context, out: Body, forms: Sequence[BlankForm], which: Sequence[str]) -> None:
    """The forms of a template to fill in Word: for each member, 附件1 then 附件2, blank.

    The notice's blank forms (:func:`blank_visit`, :func:`blank_results`)
    with the member's name and group typed into the person line. Under
    附件1's table, a line with the fields the seed's table lacks (走访“圈子”：
    and a gap, 走访方式：, 走访人数：) and how to fill them; under 附件2's, how
    to write an item. Every form starts on a new page. *which* holds
    ``"visits"``, ``"results"`` or both.
    """
    visit = _visit_template(ctx) if "visits" in which else None
    result = _results_template(ctx) if "results" in which else None
    for form in forms:
        typed = {"person": form.member, "group": form.group}
        if visit is not None:
            note: list[Para] = [[(form.visit_line, "")], [(form.visit_hint, "")]]
            out.add(*visit.fill({**dict.fromkeys(visit.slots, ""), **typed, "note": note}))
        if result is not None:
            values = {**dict.fromkeys(result.slots, ""), **typed, "note": form.results_hint}
            out.add(*result.fill(values))


# -- 附件3 ------------------------------------------------------------------------


def summary_table(
    ctx: Context, content: SummaryContent, rows: Sequence[Sequence[str | int]]
) -> etree._Element:
    """附件3's table: the seed's two-level merged header, *rows*, then the total row 汇总.

    Each of *rows* is a group and its seven numbers; its last row is the
    total row, its first cell set in the header's face.
    """
    b, layout = ctx.build, ctx.layout
    ncols = sum(span for _, span in content.header_top)
    extra = ncols - len(layout.summary_widths)  # the adoption columns of the variant
    parts = (*layout.summary_widths, *(layout.summary_widths[-1] for _ in range(extra)))
    widths = share(layout.page.text_width, parts[:ncols])
    if sum(span for _, span in content.header_top) != ncols:
        raise ValueError(f"附件3 has {ncols} column widths for a header of another width")

    tbl = b.table(widths, SUMMARY_TABLE)
    top = b.row(tbl, layout.summary_head_row, cant_split=True, header=True)
    bottom = b.row(tbl, layout.summary_head_row, cant_split=True, header=True)
    subs = iter(content.header_sub)
    col = 0
    for caption, span in content.header_top:
        if span == 1:  # one column, both header rows: a vertical merge
            b.cell(top, widths[col], merge="restart").append(b.paragraph(GRID_HEAD, caption))
            b.cell(bottom, widths[col], merge="continue").append(b.paragraph(GRID_HEAD))
        else:  # a caption over *span* columns, their own captions below
            b.cell(top, sum(widths[col : col + span]), span=span).append(
                b.paragraph(GRID_HEAD, caption)
            )
            for k in range(span):
                b.cell(bottom, widths[col + k]).append(b.paragraph(GRID_HEAD, next(subs)))
        col += span

    styles = [GRID_CENTER] * ncols
    row = RowTemplate(b, widths, styles, height=layout.grid_row, cant_split=True)
    for values in rows[:-1]:
        tbl.append(row.make(values))
    total = RowTemplate(
        b, widths, [GRID_HEAD, *styles[1:]], height=layout.grid_row, cant_split=True
    )
    tbl.append(total.make(rows[-1]))
    return tbl


def summary_rows(content: SummaryContent) -> list[Sequence[str | int]]:
    """附件3's rows for :func:`summary_table`: each group and its numbers, then 汇总."""
    label, numbers = content.total
    rows: list[Sequence[str | int]] = [(group, *values) for group, values in content.rows]
    rows.append((label, *numbers))
    return rows


def outside_note(ctx: Context, content: SummaryContent) -> list[etree._Element]:
    """The note under 附件3 when records fell outside the window."""
    if not content.outside_note:
        return []
    return [ctx.build.paragraph(NOTE, content.outside_note)]


def summary(ctx: Context, out: Body) -> None:
    """附件3: the summary table, its two-level merged header and the total row 汇总; then charts.

    Under the table: the records outside the window, and the redaction
    note when personal data was masked. The two charts follow on a page of
    their own (:func:`chart_blocks`).
    """
    content = ctx.summary_content()
    blocks = [
        *_heading(ctx, 3, (content.title,)),
        summary_table(ctx, content, summary_rows(content)),
        *outside_note(ctx, content),
    ]
    if ctx.options.redacted:
        blocks.append(ctx.build.paragraph(NOTE, REDACTED))
    if has_charts(ctx.summary):
        blocks.extend(chart_blocks(ctx, page_break=True))
    out.add(*blocks)


def blank_summary(ctx: Context, out: Body) -> None:
    """附件3 as the notice prints it: the header, the seed's six empty rows, 汇总 empty."""
    content = summary_content(ctx.summary, ctx.campaign.plan)
    ncols = len(ctx.layout.summary_widths)
    rows: list[Sequence[str | int]] = [[""] * ncols for _ in range(ctx.layout.summary_blank_rows)]
    rows.append([content.total[0], *[""] * (ncols - 1)])
    out.add(*_heading(ctx, 3, (content.title,)), summary_table(ctx, content, rows))


# -- charts ---------------------------------------------------------------------------


def has_charts(summary: Summary) -> bool:
    """Whether the charts have anything to show: at least one group."""
    return bool(summary.rows)


def chart_blocks(ctx: Context, *, page_break: bool) -> list[etree._Element]:
    """The two charts, one paragraph each, as wide as the text.

    Takes the next pair of prepared chart parts from *ctx*; the caller
    checks :func:`has_charts` first, as the package was prepared with it.
    """
    b, layout = ctx.build, ctx.layout
    pair = ctx.charts()
    content = chart_content(ctx.campaign, ctx.summary, ctx.report)
    blocks = []
    for i, (rel_id, name) in enumerate(
        ((pair.items, content.items_title), (pair.rates, content.rates_title))
    ):
        p = b.paragraph(CHART, page_break=page_break and i == 0, keep_next=i == 0)
        p.append(
            drawing(rel_id, ctx.drawing_id(), name, layout.page.text_width, layout.chart_height)
        )
        blocks.append(p)
    return blocks


def share(total: float, parts: Sequence[float]) -> list[float]:
    """*parts* scaled to add up to *total* (column widths from proportions)."""
    scale = total / sum(parts)
    return [p * scale for p in parts]
