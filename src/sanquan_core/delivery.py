"""Sending reminders through a plugin's channel (``sanquan remind --deliver NAME``).

The library opens no network connection: a plugin implementing the
``sanquan_deliver_reminders`` hook does the sending, and is named by the
name it is registered under (its entry-point name). Only that plugin is
called. What it could not send comes back as sentences naming the member
and the channel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from attrs import frozen

from ._i18n import _
from .errors import OptionError, PluginError

if TYPE_CHECKING:
    from .documents.reminders import ReminderText

__all__ = ["Delivery", "channels", "deliver", "require_channel"]

_HOOK = "sanquan_deliver_reminders"


@frozen
class Delivery:
    """What :func:`deliver` did.

    Attributes:
        channel: the plugin the reminders went through.
        delivered: the members whose reminder was sent, by id, in order.
        undelivered: the members whose reminder was not, by id, in order.
        failures: a sentence per reminder not sent, naming the member and the channel.
    """

    channel: str
    delivered: tuple[str, ...]
    undelivered: tuple[str, ...] = ()
    failures: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: the channel, the ids sent and not sent, the sentences."""
        return {
            "channel": self.channel,
            "delivered": list(self.delivered),
            "undelivered": list(self.undelivered),
            "failures": list(self.failures),
        }


def channels() -> list[str]:
    """The names of the plugins that deliver reminders, in registration order."""
    from .plugins import plugin_manager

    caller = getattr(plugin_manager().hook, _HOOK)
    names: list[str] = []
    for impl in caller.get_hookimpls():
        if impl.plugin_name not in names:
            names.append(impl.plugin_name)
    return names


def require_channel(channel: str) -> None:
    """Refuse *channel* unless a plugin registered under that name delivers reminders.

    Raises:
        OptionError: no such plugin; the message lists the channels there are.
    """
    known = channels()
    if channel in known:
        return
    raise OptionError(
        _("no plugin delivers reminders as {channel!r}; the channels are: {known}").format(
            channel=channel, known=", ".join(known) or _("none is installed")
        ),
        "deliver",
    )


def deliver(
    reminders: Iterable[ReminderText], channel: str, options: Mapping[str, str] | None = None
) -> Delivery:
    """Send *reminders* through the plugin registered as *channel*.

    Args:
        reminders: what :func:`sanquan_core.reminders` returned (or part of it).
        channel: the name the delivering plugin is registered under.
        options: passed to the plugin as they are (``{"path": "outbox.jsonl"}``).

    Raises:
        OptionError: no plugin delivers under that name; the message lists those that do.
        PluginError: the plugin returned something that is not ``(member_id, reason)`` pairs.
    """
    from .plugins import plugin_manager

    require_channel(channel)
    sent = tuple(reminders)
    settings = dict(options or {})
    caller = getattr(plugin_manager().hook, _HOOK)
    impls = [impl for impl in caller.get_hookimpls() if impl.plugin_name == channel]
    names = {r.member_id: r.member for r in sent}
    failed: dict[str, str] = {}
    for impl in impls:
        given = {"reminders": sent, "options": settings}
        try:
            result = impl.function(*(given[a] for a in impl.argnames))
        except Exception as exc:
            failed.update((r.member_id, str(exc) or type(exc).__name__) for r in sent)
            continue
        failed.update(_pairs(result, channel))
    # In the reminders' order, whatever order the plugin answered in (then any id it made up).
    order = {r.member_id: i for i, r in enumerate(sent)}
    failed = dict(sorted(failed.items(), key=lambda pair: order.get(pair[0], len(order))))
    failures = tuple(
        _(
            "the reminder to {member} ({member_id}) was not delivered through {channel!r}: {reason}"
        ).format(member=names.get(m, m), member_id=m, channel=channel, reason=reason)
        for m, reason in failed.items()
    )
    return Delivery(
        channel=channel,
        delivered=tuple(r.member_id for r in sent if r.member_id not in failed),
        undelivered=tuple(failed),
        failures=failures,
    )


def _pairs(result: object, channel: str) -> Sequence[tuple[str, str]]:
    """The plugin's ``(member_id, reason)`` pairs, refused with a sentence when they are not."""
    if result is None:
        return ()
    try:
        pairs = list(result)  # type: ignore[call-overload]
    except TypeError:
        pairs = None
    if pairs is None or not all(
        isinstance(p, tuple | list) and len(p) == 2 and all(isinstance(x, str) for x in p)
        for p in pairs
    ):
        raise PluginError(
            _(
                "the plugin {plugin!r} returned {kind} from {hook}, not (member id, reason) pairs"
            ).format(plugin=channel, kind=type(result).__name__, hook=_HOOK),
            plugin=channel,
        )
    return [(p[0], p[1]) for p in pairs]
