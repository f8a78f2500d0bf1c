"""Writing a finished PDF to its file object by object, the bytes reportlab would write.

reportlab saves a document by formatting every object of the file into a
list of byte strings and joining them: the whole file twice in memory, on
top of the pages it holds (a 50,000-page export: hundreds of megabytes).
:func:`save` runs reportlab's own formatting loop (``PDFDocument.format``,
rebound with :func:`rebound`) with two pieces swapped for this one save:

* the output collector writes each piece to the file as it comes and
  keeps only the running offset, which the cross-reference table needs;
* a page, once written, lets go of what it held (its resources, its
  content stream after that is written too): nothing formats a page twice.

Until the file is written, every page is held (the pages tree and the
outline need them all); :func:`compact` makes each page keep only what it
does not share with the others: reportlab gives every page some thirty
attributes, most of them ``None``, and a dictionary for its stream and its
(empty) transition of its own.

The file is byte for byte what reportlab's ``SaveToFile`` writes.
Nothing process-wide changes: reportlab's module and every other document,
in this thread or another, keep reportlab's own save.
"""

from __future__ import annotations

from functools import partial
from types import FunctionType
from typing import IO, Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFPage,
    PDFZCompress,
    pdfdocEnc,
)

__all__ = ["Shared", "compact", "rebound", "save"]


def rebound(function: Any, **names: Any) -> Any:
    """A copy of reportlab's *function* that sees *names* instead of its module's globals.

    The copy runs reportlab's own code; only the names given differ, and
    only for the copy: reportlab's module and every other caller keep theirs.
    """
    scope = {**function.__globals__, **names}
    copy = FunctionType(
        function.__code__, scope, function.__name__, function.__defaults__, function.__closure__
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    return copy


class _Page(PDFPage):  # type: ignore[misc]
    """A page whose unset attributes are the class's, not a slot each in the page."""

    _shadingUsed: dict[str, str] = {}  # noqa: N815, RUF012 - reportlab's; read only
    ExtGState: Any = None


for _name in PDFPage.__NoDefault__:
    setattr(_Page, _name, None)
# reportlab names an object's class in the file's comments, if asked to write them
_Page.__name__ = PDFPage.__name__


class Shared:
    """What the pages of one document share: their stream filter and empty transition."""

    def __init__(self) -> None:
        self.flate = PDFDictionary({"Filter": PDFArray([PDFName(PDFZCompress.pdfname)])})
        self.no_transition = PDFDictionary({})


def compact(page: Any, shared: Shared) -> None:
    """Make *page* keep only what differs from a page's defaults.

    An attribute equal to :class:`_Page`'s (``None``, an empty dictionary)
    is left to the class, an empty transition is the document's one; what
    reportlab reads back is the same, so are the bytes it writes.
    """
    if type(page) is not PDFPage:
        return
    trans = page.Trans
    if trans is not None and not trans.dict:
        page.Trans = shared.no_transition
    page.__class__ = _Page
    own = vars(page)
    kept = {}
    for key, value in own.items():
        default = getattr(_Page, key, _MISSING)
        if value is None and default is None:
            continue
        if isinstance(value, dict) and not value and isinstance(default, dict) and not default:
            continue
        kept[key] = value
    page.__dict__ = kept


_MISSING = object()


class _Streamed(PDFFile):  # type: ignore[misc]
    """reportlab's output collector, writing to *out* instead of a list."""

    offset: int

    def __init__(self, out: IO[bytes], version: Any) -> None:
        self._out = out
        super().__init__(version)  # writes the header through add

    def add(self, s: Any) -> int:
        data = pdfdocEnc(s)
        at = self.offset
        self.offset = at + len(data)
        self._out.write(data)
        return at

    def format(self, document: Any) -> bytes:
        return b""  # already written


def _names_only(thing: Any) -> None:
    """Empty *thing* but for the name reportlab registered it under."""
    kept = {k: v for k, v in vars(thing).items() if k.endswith("InternalName__")}
    thing.__dict__.clear()
    thing.__dict__.update(kept)


class _Written(PDFIndirectObject):  # type: ignore[misc]
    """An object of the file that, once formatted, drops a page's contents.

    *done* holds the ids of the pages' content streams still to be written.
    """

    content: Any

    def __init__(self, done: set[int], name: str, content: Any) -> None:
        super().__init__(name, content)
        self._done = done

    def format(self, document: Any) -> bytes:
        data: bytes = super().format(document)
        content = self.content
        if isinstance(content, PDFPage):
            stream = content.Contents
            if stream is not None:
                self._done.add(id(stream))
            _names_only(content)
        elif id(content) in self._done:
            self._done.discard(id(content))
            _names_only(content)
        self.content = None
        return data


def save(document: Any, out: IO[bytes]) -> None:
    """Write *document*'s objects to *out* one at a time (its fonts and outline prepared)."""
    pending: set[int] = set()
    streamed = rebound(
        PDFDocument.format,
        PDFFile=partial(_Streamed, out),
        PDFIndirectObject=partial(_Written, pending),
    )
    streamed(document)
