"""Untrusted containers: ZIP members checked before anything is decompressed; XML parsed safely.

Every XML part is parsed with :mod:`defusedxml`, which refuses document type
declarations, entity declarations (the billion laughs) and external entities.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from sanquan_core._i18n import _
from sanquan_core.readers._base import Limits, RefusedFileError

__all__ = ["expat_parse", "iterparse", "open_zip", "parse"]


def open_zip(data: bytes, name: str, limits: Limits) -> zipfile.ZipFile:
    """*data* as a ZIP container whose directory is within *limits*.

    Sizes are those the central directory declares; :mod:`zipfile` never
    yields more than a member declares, so the declared sizes bound the work.

    Raises:
        RefusedFileError: not a ZIP file, or a member count, size or ratio over a limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise RefusedFileError(
            name, _("not a valid workbook or document ({error})").format(error=exc), "unreadable"
        ) from exc
    members = archive.infolist()
    if len(members) > limits.max_entries:
        raise RefusedFileError(
            name,
            _("the file holds {count} parts, more than the limit of {limit}").format(
                count=len(members), limit=limits.max_entries
            ),
            "zip_bomb",
            {"count": len(members), "limit": limits.max_entries},
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        if size > limits.max_entry_bytes:
            raise RefusedFileError(
                name,
                _("the part {part} would unpack to {size} bytes, over the limit of {limit}").format(
                    part=member.filename, size=size, limit=limits.max_entry_bytes
                ),
                "zip_bomb",
                {"part": member.filename, "size": size, "limit": limits.max_entry_bytes},
            )
        if size > limits.ratio_floor and size > limits.max_ratio * max(member.compress_size, 1):
            ratio = size / max(member.compress_size, 1)
            raise RefusedFileError(
                name,
                _(
                    "the part {part} is compressed {ratio:.0f} to 1, over the limit of "
                    "{limit:.0f} to 1 (a ZIP bomb?)"
                ).format(part=member.filename, ratio=ratio, limit=limits.max_ratio),
                "zip_bomb",
                {"part": member.filename, "ratio": ratio, "limit": limits.max_ratio},
            )
    if total > limits.max_total_bytes:
        raise RefusedFileError(
            name,
            _("the file would unpack to {size} bytes, over the limit of {limit}").format(
                size=total, limit=limits.max_total_bytes
            ),
            "zip_bomb",
            {"size": total, "limit": limits.max_total_bytes},
        )
    return archive


def _forbidden(name: str, part: str, exc: Exception) -> RefusedFileError:
    return RefusedFileError(
        name,
        _("the part {part} declares XML entities or a DTD, which are refused ({error})").format(
            part=part, error=type(exc).__name__
        ),
        "xml_forbidden",
        {"part": part},
    )


def _bad_xml(name: str, part: str, exc: Exception) -> RefusedFileError:
    return RefusedFileError(
        name,
        _("the part {part} is not well-formed XML ({error})").format(part=part, error=exc),
        "unreadable",
        {"part": part},
    )


def parse(stream: IO[bytes], name: str, part: str) -> Any:
    """The root element of the XML part *part*, parsed safely."""
    try:
        return SafeET.parse(stream, forbid_dtd=True).getroot()
    except DefusedXmlException as exc:
        raise _forbidden(name, part, exc) from exc
    except SafeET.ParseError as exc:
        raise _bad_xml(name, part, exc) from exc


def iterparse(stream: IO[bytes], name: str, part: str) -> Iterator[Any]:
    """The elements of *part* as they end, parsed safely; the caller clears them."""
    try:
        for _event, element in SafeET.iterparse(stream, events=("end",), forbid_dtd=True):
            yield element
    except DefusedXmlException as exc:
        raise _forbidden(name, part, exc) from exc
    except SafeET.ParseError as exc:
        raise _bad_xml(name, part, exc) from exc


def expat_parse(
    stream: IO[bytes],
    name: str,
    part: str,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None],
    text: Callable[[str], None],
) -> None:
    """Stream *part* through defusedxml's expat parser with raw callbacks (no tree, fast).

    The parser is defusedxml's (:class:`~defusedxml.expatreader.DefusedExpatParser`):
    its handlers refusing DTDs, entity declarations and external entities are in
    place; only the element and text callbacks are ours.
    """
    from xml.parsers.expat import ExpatError

    from defusedxml.expatreader import DefusedExpatParser

    reader = DefusedExpatParser(forbid_dtd=True)
    reader.reset()
    parser: Any = vars(reader)["_parser"]  # the defused pyexpat parser itself
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        while chunk := stream.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except DefusedXmlException as exc:
        raise _forbidden(name, part, exc) from exc
    except ExpatError as exc:
        raise _bad_xml(name, part, exc) from exc
