"""Who wins a real conflict on one field: ownership first, then the clock."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from salesdesk.domain.entities import ENTITY, FieldError, Owner, decode
from salesdesk.domain.hlc import Timestamp
from salesdesk.domain.merge import (
    Stamp,
    admit_clock,
    incoming_wins,
    written_after,
)
from salesdesk.domain.people import Role

stamps = st.builds(
    Stamp,
    st.builds(Timestamp, st.integers(0, 2**40), st.integers(0, 99), st.sampled_from("abc")),
    st.sampled_from(list(Role)),
    st.just("id"),
    st.just("name"),
)


@given(current=stamps, incoming=stamps)
def test_exactly_one_side_wins_and_the_order_of_arrival_does_not_matter(current, incoming):
    for owner in Owner:
        if current == incoming or current.hlc.node == incoming.hlc.node:
            continue  # one laptop's two writes: its later op wins (see below)
        a = incoming_wins(owner, current, incoming)
        b = incoming_wins(owner, incoming, current)
        assert a != b, "both orders of arrival must agree on the winner"


@given(current=stamps, incoming=stamps)
def test_owner_beats_the_other_role_whatever_the_clocks(current, incoming):
    if current.role is not incoming.role:
        assert incoming_wins(Owner.HQ, current, incoming) == (incoming.role is Role.HQ)
        assert incoming_wins(Owner.SALES, current, incoming) == (incoming.role is Role.SALES)


@given(current=stamps, incoming=stamps)
def test_a_fast_forward_is_only_for_a_value_nobody_wrote_since(current, incoming):
    """An edit whose ``old`` matches applies directly only if the stored value is older than
    the edit; otherwise it goes through :func:`incoming_wins` like any conflict."""
    if current.hlc.node == incoming.hlc.node:
        assert not written_after(current, incoming)
        return
    assert written_after(current, incoming) == (current.hlc > incoming.hlc)
    if current.hlc != incoming.hlc:
        assert written_after(current, incoming) != written_after(incoming, current)


def test_a_clock_from_the_future_is_clamped_to_when_the_edit_arrived():
    """An edit cannot have been made after HQ received it: a stamp is never later than HQ's
    clock at the push, so an honest edit a moment later wins (it lost for 5 minutes)."""
    now = 1_800_000_000_000
    admitted = admit_clock(str(Timestamp(now + 365 * 86_400_000, 0, "laptop")), now)
    assert admitted.wall_ms == now
    assert Timestamp(now + 1, 0, "hq") > admitted
    assert admit_clock(str(Timestamp(now - 5, 3, "laptop")), now) == Timestamp(now - 5, 3, "laptop")


@given(owner=st.sampled_from(list(Owner)), first=stamps, later_wall=st.integers(0, 2**40))
def test_of_one_laptops_two_writes_the_later_op_wins_whatever_its_clock(owner, first, later_wall):
    """A laptop whose clock was set back stamps its next edit earlier than its last one; its
    ops still apply in their order."""
    later = Stamp(Timestamp(later_wall, 0, first.hlc.node), first.role, first.user_id,
                  first.username)
    assert not written_after(first, later)
    assert incoming_wins(owner, first, later)


def test_a_clock_far_ahead_is_set_back_by_the_servers_and_a_near_one_is_not(monkeypatch):
    from salesdesk.domain import clock as wall
    from salesdesk.domain.hlc import REBASE_AHEAD_MS, Clock

    server = 1_800_000_000_000
    monkeypatch.setattr(wall, "wall_ms", lambda: server + 365 * 86_400_000)
    laptop = Clock("n")
    assert laptop.now().wall_ms == server + 365 * 86_400_000
    monkeypatch.setattr(wall, "wall_ms", lambda: server + 1000)  # the clock is put right
    assert laptop.now().wall_ms == server + 365 * 86_400_000  # without news from HQ: stuck
    assert laptop.rebase(Timestamp(server, 0, "hq"))
    assert laptop.now().wall_ms == server + 1000
    near = Clock("m", Timestamp(server + REBASE_AHEAD_MS, 4, "m"))
    assert not near.rebase(Timestamp(server, 0, "hq"))
    assert near.last == Timestamp(server + REBASE_AHEAD_MS, 4, "m")


def test_decode_names_the_field_and_the_problem():
    amount = ENTITY["orders"].by_name["amount"]
    assert decode("orders", amount, "12.50") == Decimal("12.50")
    with pytest.raises(FieldError, match=r"orders\.amount: more than 2 decimal places"):
        decode("orders", amount, "1.234")
    name = ENTITY["customers"].by_name["name"]
    with pytest.raises(FieldError, match=r"customers\.name: longer than 200"):
        decode("customers", name, "x" * 201)
    with pytest.raises(FieldError, match="may not be empty"):
        decode("customers", name, None)


@given(st.integers(0, 10**13 - 1), st.integers(0, 99_999), st.text(min_size=0, max_size=40),
       st.booleans())
def test_a_clock_reads_back_in_its_one_rendering(wall: int, counter: int, node: str,
                                                  padded: bool) -> None:
    """``parse`` keeps a canonical text to render it again unformatted; a text that is not
    canonical (unpadded) still renders canonically, and both equal the same timestamp."""
    canonical = str(Timestamp(wall, counter, node))
    text = canonical if padded else f"{wall}-{counter}-{node}"
    parsed = Timestamp.parse(text)
    assert parsed == Timestamp(wall, counter, node)
    assert str(parsed) == canonical
