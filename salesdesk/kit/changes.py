"""What an operation changed, so each page refreshes what it shows of it (after Anki's
``OpChanges``) instead of the window wiring one page's refresh to another's operation.

An operation (a job the task runner runs) returns a :class:`Changes`, or a result with a
``changes`` attribute; the runner broadcasts it on the UI's change hub (``ui/changes.py``)
with the widget that asked for the operation, and every page looks at the fields it shows.
A feature that stores something new adds a field here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """Which kinds of stored data an operation changed (all False: nothing)."""

    customers: bool = False  # customer rows or their contacts: the list, the editor
    people: bool = False  # users, and who is logged in: the assignee and salesperson choices
    tiers: bool = False  # tiers and 12-month sales
    visits: bool = False  # visits, their history, outcomes, drafts and competitor quotes
    promises: bool = False  # promises: made, closed, reopened, due moved
    shipments: bool = False  # shipment notices, their lines and sends (and send results)
    complaints: bool = False  # complaints, their history and attachments; their deadlines
    mail: bool = False  # the mail outbox: queued, sent, failed, outcome unknown
    sync_state: bool = False  # the outbox, conflicts, the login, the last sync
    store: bool = False  # the store file was replaced or reopened: readers reconnect

    @classmethod
    def everything(cls) -> Changes:
        return cls(**{f.name: True for f in fields(cls)})

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in fields(self)})

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NOTHING = Changes()


def changes_of(result: object) -> Changes | None:
    """The changes an operation's result reports: itself, or its ``changes`` attribute."""
    if isinstance(result, Changes):
        return result
    reported = getattr(result, "changes", None)
    return reported if isinstance(reported, Changes) else None
