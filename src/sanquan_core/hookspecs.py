"""The hooks a sanquan_core plugin can implement.

A plugin is a module (or object) with functions marked by
:data:`hookimpl`, installed under the entry-point group ``sanquan_core``::

    [project.entry-points.sanquan_core]
    myformat = "my_package.plugin"

The built-in exporters and rules register through these same hooks.
Implementations may take fewer arguments than a spec names, so hooks can
grow arguments without breaking plugins.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from .documents.reminders import ReminderText
    from .duty import Scorer
    from .exporters import Exporter
    from .readers import Reader
    from .rules import Rule

__all__ = ["PROJECT", "hookimpl", "hookspec"]

#: The plugin manager's project name and the entry-point group plugins use.
PROJECT = "sanquan_core"

#: Marks a hook specification (here, in sanquan_core only).
hookspec = pluggy.HookspecMarker(PROJECT)

#: Marks a plugin's hook implementation: ``@sanquan_core.hookimpl``.
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def sanquan_register_exporters() -> Iterable[Exporter]:  # type: ignore[empty-body]
    """Return the exporters this plugin provides.

    Called once per process, when exporters are first needed. Every
    implementation is called and every exporter it returns is registered;
    there is no first-result-wins. Each exporter has ``name``, ``suffix``,
    ``media_type``, ``description`` and ``export(campaign, stream, options)``
    (see :class:`sanquan_core.exporters.Exporter`). Two exporters with the
    same ``name`` are not shadowed: using that name is an error naming both.

    Import heavy libraries inside ``export``, not at module level, so that
    listing formats stays quick.
    """


@hookspec
def sanquan_register_rules() -> Iterable[Rule]:  # type: ignore[empty-body]
    """Return the completion rules this plugin adds to :func:`sanquan_core.check`.

    Every implementation is called; all rules run. A rule is a
    :class:`sanquan_core.rules.Rule`: a name, a description, and a function
    taking the :class:`~sanquan_core.model.Campaign` and yielding
    :class:`sanquan_core.rules.Finding` objects, which the completion report
    lists under ``findings``.
    """


@hookspec
def sanquan_register_readers() -> Iterable[Reader]:  # type: ignore[empty-body]
    """Return the readers of filled forms this plugin provides.

    Every implementation is called, built-ins first; the first reader whose
    ``suffixes`` holds a file's suffix reads it. A reader has ``name``,
    ``suffixes`` (``(".xlsx",)``), ``description`` and
    ``read(data, name, limits)`` yielding :class:`sanquan_core.readers.Grid`
    objects (see :class:`sanquan_core.readers.Reader`). It must treat the
    file as hostile: check ``limits`` before decompressing or parsing, and
    raise :class:`sanquan_core.readers.Refused` with a sentence.
    """


@hookspec
def sanquan_register_scorers() -> Iterable[Scorer]:  # type: ignore[empty-body]
    """Return the duty-point scorers this plugin provides.

    A scorer has a ``name`` and ``awards(campaign, rules)`` yielding
    :class:`sanquan_core.duty.Award` objects (see :class:`sanquan_core.duty.Scorer`);
    a plan chooses one by name in ``points.scorer``. The library applies the
    plan's caps to what it awards, adds up and ranks. The built-in one is
    ``"standard"``.
    """


@hookspec
def sanquan_deliver_reminders(
    reminders: Sequence[ReminderText], options: Mapping[str, str]
) -> Iterable[tuple[str, str]] | None:
    """Send *reminders* through this plugin's channel (SMS, WeChat, a mail merge…).

    Only the implementation of the plugin registered under the channel's
    name is called: ``sanquan remind --deliver NAME`` and
    :func:`sanquan_core.deliver` name the plugin by its entry-point name
    (or the name given to :func:`sanquan_core.plugins.register`). The
    library itself opens no network connection; the plugin does the sending.

    *reminders* are :class:`sanquan_core.ReminderText` objects (``member``,
    ``phone``, ``text`` ≤ 70 characters …). *options* are the
    ``--deliver-option KEY=VALUE`` pairs (or the keyword arguments of
    :func:`sanquan_core.deliver`), as text; a plugin ignores the ones it
    does not know.

    Return the reminders that could not be sent, as ``(member_id, reason)``
    pairs, the reason a short phrase (``"no phone number"``); return nothing
    when every one was sent. Raising means none was sent: each is reported
    undelivered with the exception's message.
    """
