"""The public functions that ask the plugin manager, then call the domain.

The domain (:mod:`~sanquan_core.rules`, :mod:`~sanquan_core.summary`,
:mod:`~sanquan_core.model` …) never imports the plugin manager; these thin
facades do, and pass what it returns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sanquan_core import rules as _rules
from sanquan_core.model import Campaign
from sanquan_core.rules import CompletionReport, Rule

__all__ = ["check"]


def check(
    campaign: Campaign, *, rules: Iterable[Rule] | None = None, as_of: date | None = None
) -> CompletionReport:
    """Check every member's 三个一 and every group's completion.

    Args:
        campaign: the campaign to check.
        rules: the extra rules to run. By default, every rule registered
            through the ``sanquan_register_rules`` hook (built-ins and
            installed plugins); pass ``()`` to run none.
        as_of: check completion as it stood on this day: visits,
            submissions and follow-up events dated after it are ignored.

    Raises:
        PluginError: a plugin failed to load, or a rule failed; the message
            names it.
    """
    if rules is None:
        from sanquan_core.plugins import registered_rules

        rules = registered_rules()
    return _rules.check(campaign, rules=rules, as_of=as_of)
