"""An example delivery channel: reminder texts appended to a local file, one JSON line each.

``sanquan remind DATA -o texts.csv --deliver outbox`` calls
:func:`sanquan_deliver_reminders` of this plugin only: the channel's name is
the plugin's entry-point name (``outbox``, in ``pyproject.toml``).

Each line is ``{"to": phone, "member_id": …, "member": …, "group": …,
"deadline": "2017-07-31", "text": …}``. The file is the ``path`` option
(``--deliver-option path=outbox.jsonl``), else the ``SANQUAN_OUTBOX``
environment variable. A reminder to a member without a phone number is not
written and comes back undelivered; the lines of the others are written in
one go, appended to what the file holds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence

import sanquan_core as sq

__all__ = ["ENV", "sanquan_deliver_reminders"]

#: The environment variable naming the outbox file when no ``path`` option is given.
ENV = "SANQUAN_OUTBOX"


@sq.hookimpl
def sanquan_deliver_reminders(
    reminders: Sequence[sq.ReminderText], options: Mapping[str, str]
) -> list[tuple[str, str]]:
    """Append a JSON line per reminder with a phone number; the others come back undelivered.

    Raises:
        ValueError: no file is named (neither the ``path`` option nor ``SANQUAN_OUTBOX``).
    """
    path = options.get("path") or os.environ.get(ENV)
    if not path:
        raise ValueError(f"no outbox file: give --deliver-option path=FILE or set {ENV}")
    lines = []
    undelivered = []
    for reminder in reminders:
        if not reminder.phone:
            undelivered.append((reminder.member_id, "no phone number"))
            continue
        message = {
            "to": reminder.phone,
            "member_id": reminder.member_id,
            "member": reminder.member,
            "group": reminder.group,
            "deadline": None if reminder.deadline is None else reminder.deadline.isoformat(),
            "text": reminder.text,
        }
        lines.append(json.dumps(message, ensure_ascii=False) + "\n")
    with open(path, "a", encoding="utf-8") as outbox:
        outbox.writelines(lines)
    return undelivered
