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
  numbers are :func:`sanquan_core.summarize`'s.
* ``completion`` — the completion report: totals, each group's completion
  rate, the reminder list 催报名单 by office then group, the ids of records
  outside the window, the rules' findings, and every member's line.

Every form starts on a new page. Visits and items dated outside the
campaign window are printed, marked in red “（不在活动期内，未计入汇总）”.

Layout: A4, 仿宋 for body text, 宋体 in tables, 黑体 for headings and titles,
named for Chinese through ``w:eastAsia`` on the document defaults, on every
style used and on every run (see :mod:`._docx_layout`, the one place page
set-up, faces and sizes are kept).

Hostile text is handled on purpose:

* control characters are removed by
  :func:`~sanquan_core.exporters._content.clean` (XML cannot hold them);
  lone surrogates, which JSON can smuggle in, are dropped here for the same
  reason. Line breaks become ``w:br``, tabs ``w:tab``;
* markup (``<b>``, ``&amp;``) is written as characters, never parsed, so it
  prints literally; text beginning with ``=``, ``+``, ``-`` or ``@`` is plain
  text to Word, which evaluates no formulas in body text;
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
printed) come from :meth:`ExportOptions.timestamp
<sanquan_core.exporters.ExportOptions.timestamp>`, never the clock, and
every ZIP entry carries the fixed time
:func:`~sanquan_core.exporters._zip.normalize` gives it.

The ``settings`` of :class:`~sanquan_core.exporters.ExportOptions` are not
used by this format.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import IO, Any, cast

from lxml import etree

from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions
from sanquan_core.exporters._content import clean
from sanquan_core.exporters._zip import normalize
from sanquan_core.model import Campaign

from ._docx_forms import BUILDERS, Body, Context
from ._docx_layout import DEFAULT_LAYOUT, Layout
from ._docx_styles import install
from ._docx_xml import element, sub, w, xml_safe

__all__ = ["export", "render"]

_DOCUMENT = "word/document.xml"
_PLACEHOLDER = "sanquan-docx-body"


def export(campaign: Campaign, stream: IO[bytes], options: ExportOptions) -> None:
    """Write the forms in ``options.forms`` for *campaign* to *stream* as DOCX.

    Raises:
        ExportError: a form this format cannot write was asked for.
    """
    stream.write(render(campaign, options))


def render(campaign: Campaign, options: ExportOptions, layout: Layout = DEFAULT_LAYOUT) -> bytes:
    """The DOCX document for *campaign*, as bytes.

    python-docx makes the package (styles, page set-up, core properties)
    around a placeholder paragraph, and it is normalized; the package is then
    copied entry by entry, the forms streamed into ``word/document.xml`` in
    the placeholder's place, so the body is never a tree in memory.

    Raises:
        ExportError: a form this format cannot write was asked for, or the
            body outgrew what a ZIP entry holds without ZIP64 (2 GiB).
    """
    missing = [form for form in options.forms if form not in BUILDERS]
    if missing:
        names = ", ".join(form.value for form in missing)
        raise ExportError(f"the docx format cannot write {names}")

    when = options.timestamp(campaign)
    package = _package(campaign, layout, when)
    ctx = Context(campaign, layout)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
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
                _write_document(dst, entry, head, tail, ctx, options)
            else:
                dst.writestr(entry, data)
    return out.getvalue()


def _write_document(
    archive: zipfile.ZipFile,
    entry: zipfile.ZipInfo,
    head: bytes,
    tail: bytes,
    ctx: Context,
    options: ExportOptions,
) -> None:
    """Stream ``word/document.xml``: *head*, the forms in order, *tail*."""
    try:
        with archive.open(entry, "w") as fh:
            fh.write(head)
            body = Body(fh)
            for form in options.forms:
                BUILDERS[form](ctx, body)
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


def _package(campaign: Campaign, layout: Layout, when: datetime) -> bytes:
    """python-docx's package, dressed in *layout*, its body a placeholder."""
    import docx  # python-docx; imported here so that `import sanquan_core` stays light

    document = docx.Document()
    body = _child(cast(etree._Element, document.element), "body")
    install(cast(etree._Element, document.styles.element), _child(body, "sectPr"), layout)
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
    return normalize(buffer.getvalue(), when)


def _drop_thumbnail(package: Any) -> None:
    """Leave out the template's thumbnail: a picture of an empty page, not of this document."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[rel_id]


def _split(document_xml: bytes) -> tuple[bytes, bytes]:
    """``word/document.xml`` cut around the placeholder paragraph."""
    mark = f"<w:p><w:r><w:t>{_PLACEHOLDER}</w:t></w:r></w:p>".encode()
    head, found, tail = document_xml.partition(mark)
    if not found or mark in tail:
        raise ExportError("the DOCX template's body could not be located")
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
