"""The plugin manager: built-in and installed plugins, their exporters and rules.

Built-in plugins register first, then every entry point of the group
``sanquan_core``. The manager is made on first use, so importing
sanquan_core loads no plugin; :func:`reset` forgets it (tests use this
after registering a plugin of their own).

A plugin that fails to import, or whose hook raises, stops the operation
with a :class:`~sanquan_core.errors.PluginError` naming the plugin and the
distribution it came from.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pluggy
from attrs import frozen

from . import hookspecs
from .errors import PluginError

if TYPE_CHECKING:
    from .exporters import Exporter
    from .rules import Rule

__all__ = ["Registered", "plugin_manager", "registered_exporters", "registered_rules", "reset"]

#: Modules holding the built-in hook implementations, in registration order.
BUILTIN_PLUGINS = ("sanquan_core._builtin",)

_manager: pluggy.PluginManager | None = None
_origins: dict[str, str] = {}


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


def plugin_manager() -> pluggy.PluginManager:
    """The process's plugin manager, with built-ins and installed plugins registered.

    Raises:
        PluginError: an installed plugin failed to import.
    """
    global _manager  # noqa: PLW0603 - one manager per process, made on first use
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
                    f"the plugin {entry_point.name!r} ({origin}) could not be loaded: {exc}"
                ) from exc
            pm.register(plugin, name=entry_point.name)
            origins[entry_point.name] = origin
        _manager = pm
        _origins.clear()
        _origins.update(origins)
    return _manager


def register(plugin: object, name: str | None = None, origin: str = "registered in code") -> str:
    """Register a plugin object (a module or an instance with hook implementations).

    Useful for a plugin that lives in an application rather than an
    installed distribution. Returns the name it was registered under.
    """
    pm = plugin_manager()
    registered = pm.register(plugin, name=name)
    if registered is None:
        raise PluginError(f"the plugin {name or plugin!r} is already registered")
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
                f"the plugin {impl.plugin_name!r} ({origin}) failed in {hook_name}: {exc}"
            ) from exc
        if result is None:
            continue
        try:
            items = list(result)
        except TypeError:
            raise PluginError(
                f"the plugin {impl.plugin_name!r} returned {type(result).__name__} "
                f"from {hook_name}, not a list"
            ) from None
        for item in items:
            yield impl.plugin_name, item


def registered_exporters() -> list[Registered]:
    """Every exporter registered, built-ins first, with where each came from.

    Two exporters may share a name here; :func:`sanquan_core.export`
    refuses to choose between them.
    """
    found: list[Registered] = []
    for plugin, exporter in _call_each("sanquan_register_exporters"):
        missing = [
            a
            for a in ("name", "suffix", "media_type", "description", "export")
            if not hasattr(exporter, a)
        ]
        if missing:
            raise PluginError(
                f"the plugin {plugin!r} registered an exporter without {', '.join(missing)}"
            )
        found.append(Registered(exporter, plugin, _origins.get(plugin, "unknown distribution")))
    return found


def registered_rules() -> list[Rule]:
    """Every completion rule registered, built-ins first."""
    return [rule for _, rule in _call_each("sanquan_register_rules")]
