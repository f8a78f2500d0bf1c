"""Where the DOCX builders write: the streamed body and the context they share.

:class:`Body` serializes blocks into ``word/document.xml`` as they come, so
the document is never a tree in memory. It holds back the last block, so a
section can end in the paragraph already written (its ``w:sectPr`` goes in
that paragraph's properties) instead of in an extra empty paragraph that
could spill onto a blank page.

:class:`Context` carries what every builder needs: the campaign, the
layout, the export options, one :func:`~sanquan_core.check` and one
:func:`~sanquan_core.summarize` of the campaign, the chart parts prepared
for the document, and counters for the ids a document must not repeat.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import count
from typing import IO

from lxml import etree

from sanquan_core.documents import Facts
from sanquan_core.errors import ExportError
from sanquan_core.exporters import ExportOptions
from sanquan_core.model import Campaign

from .layout import Layout
from .styles import Section
from .xml import Builder, element, parent_of, put, serialize, sub, w

__all__ = ["Body", "ChartPair", "Context", "SectionMaker", "empty_paragraphs"]

#: Makes the ``w:sectPr`` of a section.
SectionMaker = Callable[[Section], etree._Element]


class Body:
    """The content of ``w:body``, serialized as it is written.

    Forms go straight into the stream of ``word/document.xml``, one block at
    a time (the last one is held back until the next arrives), so memory
    stays flat however many visits there are.
    """

    def __init__(self, stream: IO[bytes], sections: SectionMaker) -> None:
        self._stream = stream
        self._sections = sections
        self._section = Section()
        self._held: etree._Element | None = None
        self._written = False
        self._fresh = True  # the next block starts a page already

    def add(self, *blocks: etree._Element) -> None:
        """Write *blocks* (paragraphs, tables) to the document."""
        for block in blocks:
            if self._fresh:  # no page break before the first page of a section
                for brk in block.iterfind(f"{w('pPr')}/{w('pageBreakBefore')}"):
                    parent_of(brk).remove(brk)
                self._fresh = False
            self._flush()
            self._held = block

    def section(self, section: Section) -> None:
        """End the section so far (if anything was written) and start *section* on a new page."""
        if self._held is None and not self._written:
            self._section = section
            return
        self._close_section()
        self._section = section
        self._fresh = True

    def finish(self) -> None:
        """Write the last block, then the last section's ``w:sectPr`` (the body's last child)."""
        if self._held is None or self._held.tag != w("p"):
            # Word expects a paragraph after a final table, and a body with one
            self.add(element("p"))
        self._flush()
        self._stream.write(serialize(self._sections(self._section)))

    def _close_section(self) -> None:
        if self._held is None or self._held.tag != w("p"):
            self.add(element("p"))
        held = self._held
        if held is None:  # pragma: no cover - add() just set it
            raise ExportError("a section ended without a paragraph")
        ppr = held.find(w("pPr"))
        if ppr is None:
            ppr = element("pPr")
            held.insert(0, ppr)
        put(ppr, self._sections(self._section))
        self._flush()

    def _flush(self) -> None:
        if self._held is not None:
            self._stream.write(serialize(self._held))
            self._held = None
            self._written = True


class ChartPair:
    """The two charts of one placement: items per group and kind, completion rate per group."""

    def __init__(self, items: str, rates: str) -> None:
        self.items = items
        """Relationship id of the items chart part."""
        self.rates = rates
        """Relationship id of the completion-rate chart part."""


class Context(Facts):
    """What the form builders share: the campaign, the layout, the options, one check.

    Attributes:
        campaign: what is exported (already selected and masked).
        layout: the house style.
        options: the export options (selection, redaction, filled forms).
        build: the paragraph and table maker of *layout*.
    """

    def __init__(
        self,
        campaign: Campaign,
        layout: Layout,
        options: ExportOptions | None = None,
        charts: Iterator[ChartPair] | None = None,
    ) -> None:
        super().__init__(campaign, options if options is not None else ExportOptions())
        self.layout = layout
        self.build = Builder(layout)
        self._charts = charts if charts is not None else iter(())
        self._drawing_ids = count(1)
        self._bookmark_ids = count(1)

    def use_charts(self, pairs: Iterable[ChartPair]) -> None:
        """The chart parts prepared for the document, in the order places will ask for them."""
        self._charts = iter(pairs)

    def charts(self) -> ChartPair:
        """The chart parts prepared for the next place that shows charts.

        Raises:
            ExportError: more places asked for charts than were prepared.
        """
        pair = next(self._charts, None)
        if pair is None:
            raise ExportError("the document asked for more charts than were prepared")
        return pair

    def drawing_id(self) -> int:
        """A ``wp:docPr`` id no other drawing of the document has."""
        return next(self._drawing_ids)

    def bookmark_id(self) -> int:
        """A ``w:bookmarkStart`` id no other bookmark of the document has."""
        return next(self._bookmark_ids)


def empty_paragraphs(ctx: Context, n: int, style_id: str = "Normal") -> list[etree._Element]:
    """*n* empty paragraphs in *style_id*: blank lines on the grid (公文's 空一行, 空二行)."""
    out = []
    for _ in range(n):
        p = element("p")
        sub(sub(p, "pPr"), "pStyle", val=style_id)
        out.append(p)
    return out
