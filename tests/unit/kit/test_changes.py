from __future__ import annotations

from dataclasses import dataclass

from salesdesk.kit.changes import NOTHING, Changes, changes_of


def test_changes_combine_and_are_false_when_nothing_changed() -> None:
    assert not NOTHING and not Changes()
    both = Changes(customers=True) | Changes(tiers=True)
    assert both == Changes(customers=True, tiers=True) and both
    assert all(vars(Changes.everything()).values())


def test_a_result_reports_its_changes_itself_or_by_attribute() -> None:
    @dataclass
    class Outcome:
        changes: Changes

    assert changes_of(Changes(people=True)) == Changes(people=True)
    assert changes_of(Outcome(Changes(store=True))) == Changes(store=True)
    assert changes_of(None) is None
    assert changes_of(True) is None
