"""Messages in the reader's language: gettext catalogs shipped in the package.

Every sentence a clerk reads (help, problems, reports, notes, progress) is
written in English in the source, wrapped in :func:`_`, and translated from
the catalog ``locale/<lang>/LC_MESSAGES/sanquan_core.mo``. Placeholders are
filled *after* translation::

    _("{record}: {field} {value!r} is not a date").format(...)

The language is held in a context variable, so two threads (a portal
serving two users) can each have their own. :func:`set_language` sets it;
``None`` chooses from the environment (``SANQUAN_LANG``, then ``LC_ALL``,
``LC_MESSAGES``, ``LANG``, then the Windows UI language).
"""

from __future__ import annotations

import contextlib
import contextvars
import gettext
import os
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "N_", "_", "detect", "language", "ngettext", "set_language", "using"]

DOMAIN = "sanquan_core"
LOCALE_DIR = Path(__file__).parent / "locale"

#: The languages messages exist in; English is the source language.
LANGUAGES = ("en", "zh")

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "sanquan_language", default=None
)


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[_CATALOG[lang]], fallback=True
    )


_CATALOG = {"zh": "zh_CN"}


def _(message: str) -> str:
    """*message* in the current language."""
    return _translations(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """*singular* or *plural* for *n*, in the current language."""
    return _translations(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark *message* for translation without translating it now."""
    return message


def language() -> str:
    """The current language: ``"zh"`` or ``"en"``."""
    chosen = _current.get()
    return chosen if chosen is not None else detect()


def set_language(lang: str | None) -> None:
    """Use *lang* (``"zh"``, ``"en"``, or a locale name such as ``zh_CN.UTF-8``).

    ``None`` goes back to choosing from the environment.
    """
    _current.set(None if lang is None else normalize(lang))


@contextlib.contextmanager
def using(lang: str | None) -> Iterator[str]:
    """Use *lang* inside a ``with`` block (this thread or task only)."""
    token = _current.set(None if lang is None else normalize(lang))
    try:
        yield language()
    finally:
        _current.reset(token)


def normalize(lang: str) -> str:
    """``"zh"`` for any Chinese locale name, ``"en"`` for any other.

    Raises:
        ValueError: *lang* is empty.
    """
    name = lang.strip().lower().replace("-", "_")
    if not name:
        raise ValueError("a language name is empty")
    return "zh" if name.startswith(("zh", "chinese")) else "en"


def detect() -> str:
    """The language the environment asks for (see the module's docstring)."""
    for variable in ("SANQUAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return normalize(value)
        if value and variable != "SANQUAN_LANG":
            return "en"  # C or POSIX: an explicit choice of untranslated messages
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_language()
    return "en"


def _windows_language() -> str:  # pragma: no cover - Windows only
    import ctypes
    import locale

    lang_id = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    return normalize(locale.windows_locale.get(lang_id, "en"))
