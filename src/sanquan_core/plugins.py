"""The plugin manager: built-in and installed plugins, their exporters and rules.

Built-in plugins register first, then every entry point of the group
``sanquan_core``. The manager is made on first use, so importing
sanquan_core loads no plugin; :func:`reset` forgets it (tests use this
after registering a plugin of their own).

A plugin that fails to import, or whose hook raises, stops the operation
with a :class:`~sanquan_core.errors.PluginError` naming the plugin and the
distribution it came from.

An exporter whose attributes are wrong (a ``suffix`` that is not text
starting with a dot, an empty ``name``, an ``export`` that cannot be
called) is checked at registration and *disabled*: every other exporter
keeps working, :func:`disabled_exporters` says which one was refused and
why (``sanquan formats`` prints it), and exporting to it raises a
:class:`~sanquan_core.errors.PluginError` with that sentence.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pluggy
from attrs import frozen

from . import hookspecs
from ._i18n import _
from .errors import PluginError

if TYPE_CHECKING:
    from .duty import Scorer
    from .exporters import Exporter
    from .readers import Reader
    from .rules import Rule

__all__ = [
    "Disabled",
    "Registered",
    "disabled_exporters",
    "plugin_manager",
    "registered_exporters",
    "registered_readers",
    "registered_rules",
    "registered_scorers",
    "reset",
]

#: Modules holding the built-in hook implementations, in registration order.
BUILTIN_PLUGINS = ("sanquan_core._builtin",)

_manager: pluggy.PluginManager | None = None
_origins: dict[str, str] = {}
#: Held while the manager is built: exports starting together in threads
#: build one manager, and none sees it half-built.
_building = threading.RLock()


@frozen
class Registered:
    """An exporter together with where it came from.

    Attributes:
        exporter: the exporter object.
        plugin: the name the plugin registered under (entry-point name, or
            the module name for built-ins).
        origin: ``"built-in"``, or the distribution and version that
            installed the plugin (``"sanquan-html 0.1.0"``).
    """

    exporter: Exporter
    plugin: str
    origin: str


@frozen
class Disabled:
    """An exporter refused at registration, and why.

    Attributes:
        plugin: the plugin that registered it.
        origin: where the plugin came from (as :attr:`Registered.origin`).
        name: the exporter's ``name`` if it is usable text, else ``None``.
        suffix: its ``suffix`` if it is usable text, else ``None``.
        reason: a sentence naming the plugin and what is wrong.
    """

    plugin: str
    origin: str
    name: str | None
    suffix: str | None
    reason: str


def plugin_manager() -> pluggy.PluginManager:
    """The process's plugin manager, with built-ins and installed plugins registered.

    Raises:
        PluginError: an installed plugin failed to import.
    """
    global _manager  # noqa: PLW0603 - one manager per process, made on first use
    if _manager is not None:
        return _manager
    with _building:
        if _manager is None:
            pm = pluggy.PluginManager(hookspecs.PROJECT)
            pm.add_hookspecs(hookspecs)
            origins: dict[str, str] = {}
            for module_name in BUILTIN_PLUGINS:
                pm.register(importlib.import_module(module_name), name=module_name)
                origins[module_name] = "built-in"
            for entry_point in importlib.metadata.entry_points(group=hookspecs.PROJECT):
                origin = _distribution(entry_point)
                if pm.get_plugin(entry_point.name) is not None or pm.is_blocked(entry_point.name):
                    continue
                try:
                    plugin = entry_point.load()
                except Exception as exc:
                    raise PluginError(
                        _("the plugin {plugin!r} ({origin}) could not be loaded: {error}").format(
                            plugin=entry_point.name, origin=origin, error=exc
                        ),
                        plugin=entry_point.name,
                    ) from exc
                pm.register(plugin, name=entry_point.name)
                origins[entry_point.name] = origin
            _origins.clear()
            _origins.update(origins)
            _manager = pm  # last: a reader outside the lock sees it whole
        return _manager


def register(plugin: object, name: str | None = None, origin: str = "registered in code") -> str:
    """Register a plugin object (a module or an instance with hook implementations).

    Useful for a plugin that lives in an application rather than an
    installed distribution. Returns the name it was registered under.
    """
    pm = plugin_manager()
    registered = pm.register(plugin, name=name)
    if registered is None:
        raise PluginError(
            _("the plugin {plugin!r} is already registered").format(plugin=name or plugin)
        )
    _origins[registered] = origin
    return registered


def reset() -> None:
    """Forget the plugin manager; the next use builds it afresh."""
    global _manager  # noqa: PLW0603 - see plugin_manager()
    _manager = None
    _origins.clear()


def _distribution(entry_point: importlib.metadata.EntryPoint) -> str:
    dist = entry_point.dist
    if dist is None:
        return "unknown distribution"
    return f"{dist.metadata['Name']} {dist.version}"


def _call_each(hook_name: str) -> Iterator[tuple[str, Any]]:
    """Call every implementation of *hook_name*, naming the plugin of one that fails."""
    pm = plugin_manager()
    caller = getattr(pm.hook, hook_name)
    # get_hookimpls() is in registration order (pluggy *calls* them in
    # reverse): built-ins come first, then plugins.
    for impl in caller.get_hookimpls():
        try:
            result = impl.function()
        except Exception as exc:
            origin = _origins.get(impl.plugin_name, "unknown distribution")
            raise PluginError(
                _("the plugin {plugin!r} ({origin}) failed in {hook}: {error}").format(
                    plugin=impl.plugin_name, origin=origin, hook=hook_name, error=exc
                ),
                plugin=impl.plugin_name,
            ) from exc
        if result is None:
            continue
        try:
            items = list(result)
        except TypeError:
            raise PluginError(
                _("the plugin {plugin!r} returned {kind} from {hook}, not a list").format(
                    plugin=impl.plugin_name, kind=type(result).__name__, hook=hook_name
                ),
                plugin=impl.plugin_name,
            ) from None
        for item in items:
            yield impl.plugin_name, item


def registered_exporters() -> list[Registered]:
    """Every usable exporter registered, built-ins first, with where each came from.

    Two exporters may share a name here; :func:`sanquan_core.export`
    refuses to choose between them. Exporters with wrong attributes are
    left out (see :func:`disabled_exporters`).
    """
    return _exporters()[0]


def disabled_exporters() -> list[Disabled]:
    """The exporters refused at registration, each with a sentence saying why."""
    return _exporters()[1]


_REQUIRED = ("name", "suffix", "media_type", "description", "export")


def _exporters() -> tuple[list[Registered], list[Disabled]]:
    found: list[Registered] = []
    disabled: list[Disabled] = []
    for plugin, exporter in _call_each("sanquan_register_exporters"):
        origin = _origins.get(plugin, "unknown distribution")
        fault = _fault(exporter)
        if fault is None:
            found.append(Registered(exporter, plugin, origin))
            continue
        name = _text_attr(exporter, "name")
        suffix = _text_attr(exporter, "suffix")
        if name:
            reason = _(
                "the exporter {format!r} of plugin {plugin!r} ({origin}) is disabled: {fault}"
            ).format(format=name, plugin=plugin, origin=origin, fault=fault)
        else:
            reason = _("an exporter of plugin {plugin!r} ({origin}) is disabled: {fault}").format(
                plugin=plugin, origin=origin, fault=fault
            )
        disabled.append(Disabled(plugin, origin, name, suffix.lower() if suffix else None, reason))
    return found, disabled


def _text_attr(exporter: object, attr: str) -> str | None:
    try:
        value = getattr(exporter, attr, None)
    except Exception:
        return None
    return value if isinstance(value, str) and value.strip() else None


def _fault(exporter: object) -> str | None:
    """What is wrong with *exporter*'s attributes, as a phrase; ``None`` if nothing."""
    values: dict[str, object] = {}
    missing = []
    for attr in _REQUIRED:
        try:
            values[attr] = getattr(exporter, attr)
        except AttributeError:
            missing.append(attr)
        except Exception as exc:
            return _("reading its {attr} raised {kind}: {error}").format(
                attr=attr, kind=type(exc).__name__, error=exc
            )
    if missing:
        return _("it has no {attrs}").format(attrs=", ".join(missing))
    name, suffix = values["name"], values["suffix"]
    if not isinstance(name, str) or not name.strip() or name != name.strip() or "," in name:
        return _("its name is {name!r}, not a word such as 'csv'").format(name=name)
    if (
        not isinstance(suffix, str)
        or len(suffix) < 2
        or not suffix.startswith(".")
        or any(c in suffix for c in "/\\\0")
        or suffix != suffix.strip()
    ):
        return _("its suffix is {suffix!r}, not text starting with a dot such as '.csv'").format(
            suffix=suffix
        )
    media_type = values["media_type"]
    if not isinstance(media_type, str) or "/" not in media_type:
        return _("its media_type is {media_type!r}, not a MIME type such as 'text/csv'").format(
            media_type=media_type
        )
    if not isinstance(values["description"], str):
        return _("its description is {description!r}, not text").format(
            description=values["description"]
        )
    if not callable(values["export"]):
        return _("its export is not a function")
    return None


def registered_rules() -> list[Rule]:
    """Every completion rule registered, built-ins first."""
    return [rule for _, rule in _call_each("sanquan_register_rules")]


def registered_scorers() -> list[Scorer]:
    """Every duty-point scorer registered (``sanquan_register_scorers``), built-ins first.

    A scorer must have a text ``name`` and a callable ``awards``; one that has
    not is refused with a :class:`PluginError`.
    """
    out: list[Scorer] = []
    for plugin, scorer in _call_each("sanquan_register_scorers"):
        if not isinstance(getattr(scorer, "name", None), str) or not callable(
            getattr(scorer, "awards", None)
        ):
            raise PluginError(
                _("the plugin {plugin!r} registered a scorer without a name or awards()").format(
                    plugin=plugin
                ),
                plugin=plugin,
            )
        out.append(scorer)
    return out


def registered_readers() -> list[Reader]:
    """Every reader registered (``sanquan_register_readers``), built-ins first.

    A reader must have a text ``name``, a tuple of ``suffixes`` and a
    callable ``read``; one that has not is refused with a :class:`PluginError`.
    """
    out: list[Reader] = []
    for plugin, reader in _call_each("sanquan_register_readers"):
        suffixes = getattr(reader, "suffixes", None)
        if (
            not isinstance(getattr(reader, "name", None), str)
            or not isinstance(suffixes, tuple)
            or not all(isinstance(s, str) and s.startswith(".") for s in suffixes)
            or not callable(getattr(reader, "read", None))
        ):
            raise PluginError(
                f"the plugin {plugin!r} registered a reader without a name, "
                "suffixes ('.xlsx', …) or read()",
                plugin=plugin,
            )
        out.append(reader)
    return out
