"""Shipment notices' rules: plates, driver phones, quantities, times, the five elements."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from salesdesk.domain.shipment_text import NoticeText, short_text, subject
from salesdesk.domain.shipments import (
    Element,
    NoticeFacts,
    NoticeLine,
    NoticeState,
    OnTime,
    ShipmentStatus,
    Unit,
    after_send,
    check,
    check_sendable,
    confirm_arrival,
    eta_slipped,
    is_driver_phone,
    is_late,
    is_plate,
    missing_elements,
    normalize_driver_phone,
    normalize_plate,
    on_time,
    parse_quantity,
    parse_unit,
    sms_segments,
)
from salesdesk.domain.validation import ErrorCode, FieldError, ValidationFailed

NOW = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
SHANGHAI = timezone(timedelta(hours=8))


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("粤B12345", "粤B12345"),  # ordinary, five digits
        ("京A·12345", "京A12345"),  # the middle dot as printed on the plate
        ("京A•12345", "京A12345"),
        ("京A・12345", "京A12345"),
        ("沪 a 1b2c3", "沪A1B2C3"),  # lower case and spaces; two letters in the serial
        ("浙ＡＢ１２３４", "浙AB1234"),  # full-width from an input method
        ("苏E12AB3", "苏E12AB3"),
        ("粤BD12345", "粤BD12345"),  # small new-energy, pure electric
        ("粤BFA1234", "粤BFA1234"),  # small new-energy, the second character a letter
        ("沪AA12345", "沪AA12345"),  # the 2022 letters for small new-energy plates
        ("沪AK12345", "沪AK12345"),
        ("鲁B12345D", "鲁B12345D"),  # large new-energy: D or F trailing
        ("鲁B12345F", "鲁B12345F"),
        ("冀A1234挂", "冀A1234挂"),  # trailer
        ("冀A·1234挂", "冀A1234挂"),
        ("川A1234学", "川A1234学"),  # learner
        ("宁A1234警", "宁A1234警"),  # police
        ("琼A1234领", "琼A1234领"),  # consular
        ("藏Z12345", "藏Z12345"),
    ],
)
def test_a_plate_as_issued_in_china_is_accepted_and_normalised(typed: str, stored: str) -> None:
    assert is_plate(typed)
    assert normalize_plate(typed) == stored


@pytest.mark.parametrize(
    "plate",
    [
        "",
        "粤B1234",  # a character short
        "粤B1234567",  # too long for any plate
        "港B12345",  # not a province on mainland plates
        "粤I12345",  # no I as the office letter
        "粤O12345",  # nor O
        "粤B1I345",  # nor in the serial
        "粤B12O45",
        "粤BAB1C3",  # three letters in an ordinary serial
        "粤B1234D1",  # seven characters, not a large new-energy form
        "粤BD1A234",  # small new-energy: four digits after the second character
        "粤BL12345",  # L is no new-energy letter
        "粤B12345X",  # large new-energy trails D or F only
        "粤B123挂",  # trailer with a serial too short
        "B12345",  # no province
        "粤12345",  # no office letter
        "粤B12345挂",  # trailer with five characters
    ],
)
def test_what_is_no_plate_is_refused(plate: str) -> None:
    assert not is_plate(plate)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("13800138000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("0086-138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),  # full-width digits
        ("16612345678", "16612345678"),  # the 16x range
        ("19912345678", "19912345678"),  # the 19x range
        ("010-62345678", "010-62345678"),  # Beijing, 3-digit area code
        ("021 6123 4567", "021-61234567"),
        ("(0571)8888 6666", "0571-88886666"),
        ("0571-8888666", "0571-8888666"),  # seven-digit local number
        ("0755-26543210转123", "0755-26543210-123"),  # extension with 转
        ("0755-26543210 ext 9", "0755-26543210-9"),
        ("0755-26543210-88", "0755-26543210-88"),
        ("０２１－６１２３４５６７", "021-61234567"),
    ],
)
def test_a_driver_phone_is_accepted_and_normalised(typed: str, stored: str) -> None:
    assert is_driver_phone(typed)
    assert normalize_driver_phone(typed) == stored


@pytest.mark.parametrize(
    "phone",
    [
        "1380013800",  # ten digits
        "138001380001",  # twelve
        "12800138000",  # 12x is no mobile range
        "23800138000",
        "0571-123456",  # six-digit local number
        "0571-123456789",  # nine
        "0171-88886666",  # 01x other than 010 is no area code
        "400-800-1234",  # a service number is no driver's phone
        "62345678",  # a local number without its area code
        "call me",
    ],
)
def test_what_is_no_driver_phone_is_refused(phone: str) -> None:
    assert not is_driver_phone(phone)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("25.5", Decimal("25.5")),
        ("１,２００", Decimal("1200")),
        ("0.125", Decimal("0.125")),
        ("3.1000", Decimal("3.1")),
        ("0", None),
        ("-2", None),
        ("0.0001", None),  # below the column's three places: refused, not rounded
        ("abc", None),
        ("", None),
    ],
)
def test_quantities_are_positive_decimals(typed: str, value: Decimal | None) -> None:
    assert parse_quantity(typed) == value


@pytest.mark.parametrize(
    ("typed", "unit"),
    [("吨", Unit.TONNE), ("T", Unit.TONNE), ("kg", Unit.KG), ("公斤", Unit.KG), ("卷", Unit.COIL),
     ("件", Unit.PIECE), ("pcs", Unit.PIECE), ("m²", Unit.SQUARE_METRE), ("㎡", Unit.SQUARE_METRE),
     ("平方米", Unit.SQUARE_METRE), ("箱", None), ("", None)],
)  # fmt: skip
def test_units(typed: str, unit: Unit | None) -> None:
    assert parse_unit(typed) == unit


def line(qty: str = "25.5", spec: str = "镀锌卷 DX51D 1.0×1250") -> NoticeLine:
    return NoticeLine(spec=spec, quantity=Decimal(qty), unit="t", batch_no="B2612")


def notice(**kw: object) -> NoticeFacts:
    base: dict[str, object] = {
        "lines": (line(),),
        "ship_time": NOW,
        "truck_plate": "粤B12345",
        "driver_phone": "13800138000",
        "eta": NOW + timedelta(days=2),
        "driver_name": "张师傅",
    }
    base.update(kw)
    return NoticeFacts(**base)  # type: ignore[arg-type]


def codes(errors: Sequence[FieldError]) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in errors]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),
        ({"truck_plate": "粤B1234"}, [("truck_plate", ErrorCode.PLATE)]),
        ({"driver_phone": "12345"}, [("driver_phone", ErrorCode.PHONE)]),
        ({"eta": NOW}, [("eta", ErrorCode.ETA_BEFORE_SHIP)]),  # must be after, not equal
        ({"eta": NOW - timedelta(hours=1)}, [("eta", ErrorCode.ETA_BEFORE_SHIP)]),
        ({"eta": NOW + timedelta(days=31)}, [("eta", ErrorCode.TIME_FAR)]),
        ({"ship_time": NOW + timedelta(days=29), "eta": NOW + timedelta(days=30)}, []),
        # the edge of the window
        ({"ship_time": NOW - timedelta(days=30), "eta": NOW - timedelta(days=29)}, []),
        (
            {"ship_time": NOW - timedelta(days=31), "eta": NOW - timedelta(days=30)},
            [("ship_time", ErrorCode.TIME_FAR)],
        ),
        (
            {"ship_time": NOW + timedelta(days=31), "eta": NOW + timedelta(days=32)},
            [("ship_time", ErrorCode.TIME_FAR)],
        ),
        (
            {"lines": (NoticeLine("", Decimal("2")), NoticeLine("卷", Decimal(-1), unit="箱"))},
            [
                ("lines.0.spec", ErrorCode.REQUIRED),
                ("lines.1.quantity", ErrorCode.QUANTITY),
                ("lines.1.unit", ErrorCode.CHOICE),
            ],
        ),
        ({"lines": (NoticeLine("", None),)}, []),  # a blank line is ignored
        ({"truck_plate": "", "driver_phone": "", "eta": None}, []),  # a draft may lack them
    ],
)
def test_check_reports_each_bad_field(changes: dict[str, object], expected: list[object]) -> None:
    assert codes(check(notice(**changes), NOW)) == expected


def test_missing_elements_names_each_of_the_five() -> None:
    assert missing_elements(notice()) == []
    assert missing_elements(NoticeFacts()) == list(Element)
    no_qty = notice(lines=(NoticeLine("镀锌卷", None),), driver_phone=" ")
    assert missing_elements(no_qty) == [Element.SPEC_QUANTITY, Element.DRIVER_PHONE]
    assert missing_elements(notice(ship_time=None, eta=None)) == [Element.SHIP_TIME, Element.ETA]


def test_a_notice_missing_an_element_cannot_be_sent() -> None:
    with pytest.raises(ValidationFailed) as exc:
        check_sendable(notice(truck_plate="", eta=None), NOW)
    assert codes(exc.value.errors) == [
        ("truck_plate", ErrorCode.REQUIRED),
        ("eta", ErrorCode.REQUIRED),
    ]
    ok = check_sendable(notice(truck_plate="粤b·12345", driver_phone="+86 13800138000"), NOW)
    assert (ok.truck_plate, ok.driver_phone) == ("粤B12345", "13800138000")


def test_the_first_eta_is_fixed_by_the_first_send_only() -> None:
    eta1, eta2 = NOW + timedelta(days=1), NOW + timedelta(days=2)
    sent = after_send(NoticeState(ShipmentStatus.DRAFT, eta1))
    assert (sent.status, sent.first_eta) == (ShipmentStatus.SENT, eta1)
    assert eta_slipped(sent, eta2) and not eta_slipped(sent, eta1)
    resent = after_send(NoticeState(ShipmentStatus.SENT, eta2, first_eta=eta1))
    assert resent.first_eta == eta1
    assert not eta_slipped(NoticeState(ShipmentStatus.DRAFT, eta1), eta2)  # nobody was told


def test_arrival_is_confirmed_once_on_a_sent_notice() -> None:
    sent = NoticeState(ShipmentStatus.SENT, NOW, first_eta=NOW)
    arrived = confirm_arrival(sent, NOW - timedelta(hours=1), NOW)
    assert (arrived.status, arrived.arrived_at) == (
        ShipmentStatus.ARRIVED,
        NOW - timedelta(hours=1),
    )
    for state, code in [
        (arrived, ErrorCode.ALREADY_CLOSED),
        (NoticeState(ShipmentStatus.DRAFT, NOW), ErrorCode.CHOICE),
    ]:
        with pytest.raises(ValidationFailed) as exc:
            confirm_arrival(state, NOW, NOW)
        assert exc.value.errors[0].code is code
    with pytest.raises(ValidationFailed) as exc:
        confirm_arrival(sent, NOW + timedelta(hours=1), NOW)
    assert codes(exc.value.errors) == [("arrived_at", ErrorCode.IN_FUTURE)]


def test_late_and_on_time_against_the_first_and_the_latest_eta() -> None:
    t = NOW
    assert is_late(NoticeState(ShipmentStatus.SENT, t), t + timedelta(minutes=1))
    assert not is_late(NoticeState(ShipmentStatus.SENT, t), t)
    assert not is_late(NoticeState(ShipmentStatus.ARRIVED, t), t + timedelta(days=1))
    h = timedelta(hours=1)
    arrived = ShipmentStatus.ARRIVED
    states = [
        NoticeState(arrived, eta=t, first_eta=t, arrived_at=t),  # on the dot: on time
        NoticeState(arrived, eta=t + 5 * h, first_eta=t, arrived_at=t + 2 * h),  # late by the first
        NoticeState(arrived, eta=t, first_eta=t, arrived_at=t + h),  # late by both
        NoticeState(ShipmentStatus.SENT, eta=t, first_eta=t),  # not arrived: not counted
    ]
    result = on_time(states)
    assert result == OnTime(arrived=3, by_first_eta=1, by_latest_eta=2)
    assert result.rate_first == pytest.approx(1 / 3)
    assert on_time([]).rate_first is None


@pytest.mark.parametrize(
    ("text", "segments"),
    [
        ("", 0),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("[" * 80, 1),  # extension characters take two septets
        ("[" * 81, 2),
        ("中" * 70, 1),
        ("中" * 71, 2),
        ("中" * 134, 2),
        ("中" * 135, 3),
        ("a" * 69 + "é", 1),  # not ASCII: UCS-2
        ("a" * 70 + "é", 2),
        ("😀" * 35, 1),  # outside the BMP: two UTF-16 units each
        ("😀" * 36, 2),
    ],
)
def test_sms_segments(text: str, segments: int) -> None:
    assert sms_segments(text) == segments


def text(**kw: object) -> NoticeText:
    base: dict[str, object] = {
        "customer": "华东建材",
        "company": "宏达钢业",
        "lines": (line(), line("12", "冷轧板 SPCC 1.2×1250")),
        "ship_time": datetime(2026, 12, 3, 6, 30, tzinfo=UTC),
        "truck_plate": "粤B12345",
        "driver_name": "张师傅",
        "driver_phone": "13800138000",
        "eta": datetime(2026, 12, 5, 2, 0, tzinfo=UTC),
    }
    base.update(kw)
    return NoticeText(**base)  # type: ignore[arg-type]


def test_the_chinese_text_carries_the_five_elements_in_two_segments() -> None:
    sms = short_text(text(), SHANGHAI)
    for part in (
        "镀锌卷 DX51D 1.0×1250 25.5吨",
        "冷轧板 SPCC 1.2×1250 12吨",
        "发货时间：12月3日 14:30",
        "车号：粤B12345",
        "张师傅 13800138000",
        "预计到达：12月5日 10:00",
    ):
        assert part in sms
    assert sms_segments(sms) <= 2
    one_line = short_text(text(lines=(line(),)), SHANGHAI)
    assert sms_segments(one_line) <= 2
    was = datetime(2026, 12, 4, 2, 0, tzinfo=UTC)
    update = short_text(text(lines=(line(),), previous_eta=was), SHANGHAI)
    assert "预计到达：12月5日 10:00（原12月4日 10:00，抱歉延误）" in update
    assert sms_segments(update) <= 2


def test_english_text_and_subject() -> None:
    sms = short_text(text(language="en", customer="East China Building"), SHANGHAI)
    assert "ETA" not in sms and "Estimated arrival: 5 Dec 10:00" in sms
    assert "25.5 t" in sms
    assert subject(text(), SHANGHAI) == "发货通知：华东建材 预计12月5日 10:00到达"
    assert subject(text(language="en"), SHANGHAI).startswith("Shipment notice: 华东建材")
