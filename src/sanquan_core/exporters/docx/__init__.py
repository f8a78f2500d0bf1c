"""The ``docx`` format: the forms as the notice prints them, in a Word document.

What the document holds, for the forms asked for and in that order (see
:class:`~sanquan_core.exporters.Form`):

* ``visits`` — 附件1 走访情况登记表, one form per visit, grouped by member in
  member order: the 附件1 label, the two-line title, the line
  走访人员：… 所在委员工作（联络）组：…, then the seed's table (走访对象：,
  走访地址：, 走访日期：, and three caption | content rows). A line under the
  table gives the record's id, circle, channel and headcount.
* ``results`` — 附件2 “三个一”工作成果登记表, one form per member, each kind's
  items in its row, and what the member still owes under the table.
* ``summary`` — 附件3 情况汇总表 with the seed's two-level header (组别 and
  参与活动委员人数 merged over both header rows, the circle and kind
  captions each spanning three columns) and the total row 汇总; the
  numbers are :func:`sanquan_core.summarize`'s. Two charts follow on a page
  of their own (see below).
* ``completion`` — the completion report: totals, each group's completion
  rate, the reminder list 催报名单 by office then group, the ids of records
  outside the window, the rules' findings, and every member's line.
* ``book`` — 成果汇编: a cover, a contents field, a chapter per kind with
  the groups in plan order and every item dated inside the window exactly
  once, and an appendix with 附件3, the completion figures and the charts
  (:mod:`.book`).
* ``notice`` — the notice packet: the notice that issued the plan, the
  plan's text, 附件1–3 (blank as the seed prints them, or filled with
  ``options.filled``) and the imprint 版记 (:mod:`.notice`).
* ``reminders`` — 催报通知: a letter (函) to each group with incomplete
  members, laid out as the notice is, each restarting its page numbers
  (:mod:`.reminders`).
* ``follow_up`` — 办理情况, asked for by name: the handling and adoption
  tallies by kind and by office, the units' replies, the overdue list by
  unit (:mod:`.followup`).

Every form starts on a new page. Visits and items dated outside the
campaign window are printed in the forms, marked in red
“（不在活动期内，未计入汇总）”; the book leaves them out.

Layout: every form takes the official page of GB/T 9704-2012 (A4, margins
37/35/28/26 mm, 22 lines of 28 characters of 3号仿宋, page numbers “— 1 —”
outside: odd pages right, even pages left), the seed's 附件1–3 included,
since they are attachments of an official document; inside their tables
the type is smaller. The faces are the official ones (仿宋_GB2312,
方正小标宋简体, 黑体, 楷体_GB2312, 宋体), named for Chinese through
``w:eastAsia`` on the document defaults, on every style used and on every
run, and listed in ``word/fontTable.xml`` with the face a PC without them
falls back to. :mod:`.layout` is the one place page set-up, faces and
sizes are kept; it reads its numbers from
:mod:`~sanquan_core.exporters._official`, as the PDF exporter does.

Sections: the book's cover is a section of its own (no page number on it),
and the book and the notice restart their page numbers at 1. A section ends
in the paragraph already written (:class:`.body.Body` holds the last
block back), so no empty paragraph can spill onto a page of its own.

Charts: 附件3, the book's appendix and a filled notice packet show two bar
charts (items per group and kind; completion rate per group) as native chart
parts ``word/charts/chartN.xml`` with their numbers cached and an embedded
workbook for Word's “Edit Data” (:mod:`.chart`). The parts are added
to the package before the body is streamed: how many places show charts is
known from the forms.

Hostile text is handled on purpose:

* control characters are removed by
  :func:`~sanquan_core.documents.clean` (XML cannot hold them);
  lone surrogates, which JSON can smuggle in, are dropped here for the same
  reason. Line breaks become ``w:br``, tabs ``w:tab``;
* markup (``<b>``, ``&amp;``) is written as characters, never parsed, so it
  prints literally; text beginning with ``=``, ``+``, ``-`` or ``@`` is plain
  text to Word, which evaluates no formulas in body text, and a group name
  beginning with ``=`` is text in a chart's workbook too; the only fields
  in the body are the book's contents and their page references;
* emoji and rare CJK (Extension B and beyond) are kept as they are; they
  show wherever the reader has a font for them;
* long text is kept whole: a Word table cell has no length limit, and the
  content rows of a form may run onto the next page rather than be cut.

Size: each per-record form is built once as an XML template and copied
for every record, grids grow by copying a prepared row, and the body is
streamed into the ZIP entry as it is made, so time grows linearly with the
number of records and memory stays flat (50,000 visits: about 20 s of CPU,
under 100 MB).

The output is reproducible: the core properties (created, modified, last
printed), the book's cover date and the charts' workbooks come from
:meth:`ExportOptions.timestamp
<sanquan_core.exporters.ExportOptions.timestamp>`, never the clock, and
every ZIP entry carries the fixed time
:func:`~sanquan_core.exporters._zip.normalize` gives it.

The ``settings`` of :class:`~sanquan_core.exporters.ExportOptions` are not
used by this format.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import IO, Any, cast

from lxml import etree

from sanquan_core.documents import BlankForm, chart_content, clean
from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions, Form
from sanquan_core.exporters._zip import normalize
from sanquan_core.model import Campaign

from .body import Body, ChartPair, Context
from .book import book
from .chart import ChartPart, ChartStyle, chart_parts
from .followup import follow_up
from .forms import has_charts, member_forms, results, summary, visits
from .layout import DEFAULT_LAYOUT, GRID_HEAD, Layout
from .notice import notice
from .progress import progress
from .reminders import reminders
from .report import completion
from .styles import Footers, Section, configure, font_table, install, section_properties
from .xml import Builder, element, put, sub, w, xml_safe

__all__ = ["BUILDERS", "export", "render", "template", "write"]

#: The builder of each form, in :class:`~sanquan_core.exporters.Form` terms.
BUILDERS: dict[Form, Callable[[Context, Body], None]] = {
    Form.VISITS: visits,
    Form.RESULTS: results,
    Form.SUMMARY: summary,
    Form.COMPLETION: completion,
    Form.BOOK: book,
    Form.NOTICE: notice,
    Form.PROGRESS: progress,
    Form.REMINDERS: reminders,
    Form.FOLLOW_UP: follow_up,
}

_DOCUMENT = "word/document.xml"
_FONT_TABLE = "word/fontTable.xml"
_PLACEHOLDER = "sanquan-docx-body"
_SECT_PR = re.compile(rb"<w:sectPr[ >].*?</w:sectPr>", re.DOTALL)


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write the forms in ``options.forms`` for *campaign* to *stream* as DOCX.

    Raises:
        ExportError: a form this format cannot write was asked for.
    """
    write(campaign, stream, options)


def template(campaign: Campaign, forms: Sequence[BlankForm], which: Sequence[str]) -> bytes:
    """A template to fill in Word: each member's blank 附件1 and 附件2.

    See :func:`.forms.member_forms`: the notice packet's forms, laid out as
    the packet lays them out.
    """
    options = ExportOptions(forms=(Form.VISITS, Form.RESULTS))
    return render(campaign, options, body=lambda ctx, out: member_forms(ctx, out, forms, which))


def render(
    campaign: Campaign,
    options: ExportOptions,
    layout: Layout = DEFAULT_LAYOUT,
    *,
    body: Callable[[Context, Body], None] | None = None,
) -> bytes:
    """The DOCX document for *campaign*, as bytes (:func:`write` into memory)."""
    out = io.BytesIO()
    write(campaign, out, options, layout, body=body)
    return out.getvalue()


def write(
    campaign: Campaign,
    stream: IO[bytes],
    options: ExportOptions,
    layout: Layout = DEFAULT_LAYOUT,
    *,
    body: Callable[[Context, Body], None] | None = None,
) -> None:
    """Write the DOCX document for *campaign* into *stream*, a seekable binary stream.

    python-docx makes the package (styles, footers, settings, chart parts,
    core properties) around a placeholder paragraph, and it is normalized;
    the package is then copied entry by entry, the forms streamed into
    ``word/document.xml`` in the placeholder's place, so the body is never a
    tree in memory.

    *body*, when given, writes the body instead of the forms of *options*
    (a template's blank forms).

    Raises:
        ExportError: a form this format cannot write was asked for, or the
            body outgrew what a ZIP entry holds without ZIP64 (2 GiB).
    """
    missing = [form for form in options.forms if form not in BUILDERS]
    if missing:
        names = ", ".join(form.value for form in missing)
        raise ExportError(f"the docx format cannot write {names}")

    when = options.timestamp(campaign)
    ctx = Context(campaign, layout, options)
    charts: list[ChartPart] = []
    places = _chart_places(options) if body is None else 0
    if places and has_charts(ctx.summary):
        content = chart_content(campaign, ctx.summary, ctx.report)
        style = ChartStyle(
            east_asia=layout.table_font, title_east_asia=layout.style(GRID_HEAD).east_asia
        )
        pair = chart_parts(content, style, when)  # the same two charts in every place
        charts = [part for _ in range(places) for part in pair]
    package, footers, rel_ids = _package(
        campaign, layout, when, charts, update_fields=Form.BOOK in options.forms
    )
    ctx.use_charts(ChartPair(*rel_ids[i : i + 2]) for i in range(0, len(rel_ids), 2))

    def sections(section: Section) -> etree._Element:
        return section_properties(layout, footers, section)

    with (
        zipfile.ZipFile(io.BytesIO(package)) as src,
        zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info.filename)
            # normalize() stamped these; the copy keeps its time and modes
            entry = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            entry.create_system = info.create_system
            if info.filename == _DOCUMENT:
                head, tail = _split(data)
                _write_document(dst, entry, head, tail, ctx, options, sections, body)
            elif info.filename == _FONT_TABLE:
                dst.writestr(entry, font_table(data, layout))
            else:
                dst.writestr(entry, data)


def _chart_places(options: ExportOptions) -> int:
    """How many places of the document show the two charts: 附件3, the book, a filled notice."""
    places = sum(1 for form in options.forms if form in (Form.SUMMARY, Form.BOOK))
    if options.filled and Form.NOTICE in options.forms:
        places += 1
    return places


def _write_document(
    archive: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    head: bytes,
    tail: bytes,
    ctx: Context,
    options: ExportOptions,
    sections: Callable[[Section], etree._Element],
    build: Callable[[Context, Body], None] | None = None,
) -> None:
    """Stream ``word/document.xml``: *head*, the forms in order (or *build*'s body), *tail*."""
    try:
        with archive.open(entry, "w") as fh:
            fh.write(head)
            body = Body(fh, sections)
            if build is not None:
                build(ctx, body)
            for form in options.forms if build is None else ():
                ctx.steps.start(form)
                BUILDERS[form](ctx, body)
                ctx.steps.finish()
            body.finish()
            fh.write(tail)
    except RuntimeError as exc:
        # zipfile's "File size too large, try using force_zip64"; anything
        # else is not ours to reword.
        if "zip64" not in str(exc).lower():
            raise
        raise ExportError(
            "the document is too large for one DOCX file (over 2 GiB of XML); "
            "export fewer forms at a time"
        ) from exc


def _package(
    campaign: Campaign,
    layout: Layout,
    when: datetime,
    charts: Iterable[ChartPart],
    *,
    update_fields: bool,
) -> tuple[bytes, Footers, list[str]]:
    """python-docx's package dressed in *layout*, its body a placeholder.

    Returns the package, the relationship ids of its footers and those of
    its chart parts, in the order of *charts*.
    """
    import docx  # python-docx; imported here so that `import sanquan_core` stays light

    document = docx.Document()
    body = _child(cast(etree._Element, document.element), "body")
    install(cast(etree._Element, document.styles.element), layout)
    footers = _footers(document, layout)
    configure(cast(etree._Element, document.settings.element), update_fields=update_fields)
    rel_ids = [_add_chart(document.part, i, chart) for i, chart in enumerate(charts, 1)]
    for old in list(body):
        if old.tag != w("sectPr"):
            body.remove(old)
    placeholder = element("p")
    sub(sub(placeholder, "r"), "t").text = _PLACEHOLDER
    body.insert(0, placeholder)
    _properties(document.core_properties, campaign, when)
    _drop_thumbnail(document.part.package)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize(buffer.getvalue(), when), footers, rel_ids


def _footers(document: Any, layout: Layout) -> Footers:
    """Three footer parts: odd pages' number on the right, even pages' on the left, a blank one.

    Each number is "— ", a ``PAGE`` field, " —", in the page-number face,
    one character in from the edge of the type area.
    """
    section = document.sections[0]
    numbers = layout.page_numbers
    build = Builder(layout)
    made = {}
    for kind, footer in (
        ("odd", section.footer),
        ("even", section.even_page_footer),
        ("blank", section.first_page_footer),
    ):
        footer.is_linked_to_previous = False
        ftr = cast(etree._Element, footer.part.element)
        for child in list(ftr):
            ftr.remove(child)
        p = build.paragraph("Footer")
        if kind != "blank" and numbers is not None:
            ppr = _child(p, "pPr")
            inset = {"right" if kind == "odd" else "left": str(round(numbers.inset * 20))}
            put(ppr, element("ind", **inset))
            put(ppr, element("jc", val="right" if kind == "odd" else "left"))
            build.run(p, "— ", "Footer")
            build.field(p, "PAGE", "1", "Footer")
            build.run(p, " —", "Footer")
        ftr.append(p)
        made[kind] = footer.part
    rel_ids = {kind: _rel_id(document.part, part) for kind, part in made.items()}
    return Footers(odd=rel_ids["odd"], even=rel_ids["even"], blank=rel_ids["blank"])


def _rel_id(source: Any, target: Any) -> str:
    """The id of the relationship from the part *source* to the part *target*."""
    for rel_id, rel in source.rels.items():
        if not rel.is_external and rel.target_part is target:
            return str(rel_id)
    raise ExportError("python-docx did not relate a footer to the document")


def _add_chart(document_part: Any, number: int, chart: ChartPart) -> str:
    """Add ``word/charts/chart{number}.xml`` and its workbook; the chart's relationship id."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document_part.package
    chart_part = Part(
        PackURI(f"/word/charts/chart{number}.xml"), CONTENT_TYPE.DML_CHART, chart.xml, package
    )
    workbook = Part(
        PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{number}.xlsx"),
        CONTENT_TYPE.SML_SHEET,
        chart.workbook,
        package,
    )
    # the chart's c:externalData names its workbook rId1
    if chart_part.relate_to(workbook, RELATIONSHIP_TYPE.PACKAGE) != "rId1":
        raise ExportError("a chart part's workbook did not get the relationship id rId1")
    return str(document_part.relate_to(chart_part, RELATIONSHIP_TYPE.CHART))


def _drop_thumbnail(package: Any) -> None:
    """Leave out the template's thumbnail: a picture of an empty page, not of this document."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[rel_id]


def _split(document_xml: bytes) -> tuple[bytes, bytes]:
    """``word/document.xml`` cut around the placeholder paragraph, the template's sectPr dropped.

    :meth:`Body.finish <.body.Body.finish>` writes the last section's
    properties in its place.
    """
    mark = f"<w:p><w:r><w:t>{_PLACEHOLDER}</w:t></w:r></w:p>".encode()
    head, found, tail = document_xml.partition(mark)
    if not found or mark in tail:
        raise ExportError("the DOCX template's body could not be located")
    tail, dropped = _SECT_PR.subn(b"", tail, count=1)
    if not dropped:
        raise ExportError("the DOCX template's section properties could not be located")
    return head, tail


def _child(parent: etree._Element, tag: str) -> etree._Element:
    found = parent.find(w(tag))
    if found is None:
        raise ExportError(f"python-docx's template has no w:{tag}")
    return found


def _properties(props: Any, campaign: Campaign, when: datetime) -> None:
    """Core properties from the data, none from the clock or from python-docx."""
    plan = campaign.plan
    props.title = _short(plan.title)
    props.subject = _short(plan.doc_number)
    props.author = _short(plan.issuer)
    props.last_modified_by = _short(plan.issuer)
    props.comments = ""
    props.keywords = "三圈"
    props.category = ""
    props.revision = 1
    if when.tzinfo is not None:  # python-docx writes the wall time with a "Z"
        when = when.astimezone(UTC).replace(tzinfo=None)
    props.created = when
    props.modified = when
    props.last_printed = when


def _short(text: str) -> str:
    """*text* fit for a core property: XML-safe, at most 255 characters."""
    return xml_safe(clean(text))[:255]
