"""Every field error code has words in English and Chinese (``ui/messages.error_text``), so a
refused change — a promise closed twice, a cancellation without a reason — reads as a sentence
naming the field, never as a code or a KeyError."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QApplication

from salesdesk.domain.validation import ErrorCode, FieldError
from salesdesk.ui import i18n, messages

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_error_code_has_words(qapp: QApplication, language: str) -> None:
    i18n.install(qapp, language)
    try:
        texts = {code: messages.error_text(code, {"value": "x"}) for code in ErrorCode}
    finally:
        i18n.install(qapp, "en")
    for code, text in texts.items():
        assert text.strip(), code
        if language == "zh_CN":
            assert CJK.search(text), (code, text)


@pytest.mark.parametrize(
    ("error", "english", "chinese"),
    [
        (FieldError("reason", ErrorCode.REASON_REQUIRED), "Reason must be given", "原因不能为空"),
        (
            FieldError("status", ErrorCode.ALREADY_CLOSED),
            "Status is already closed and cannot be changed",
            "状态已结束，不能再更改",
        ),
        (
            FieldError("due", ErrorCode.DUE_BEFORE_MADE),
            "Due date cannot be before the day the promise was made",
            "到期日不能早于做出承诺的日期",
        ),
        (
            FieldError("ends_at", ErrorCode.ENDS_BEFORE_START),
            "End time cannot be before the start time",
            "结束时间不能早于开始时间",
        ),
        (
            FieldError("status", ErrorCode.ALREADY_OPEN),
            "Status is already open",
            "状态仍未关闭，无需重新打开",
        ),
    ],
)
def test_refused_promise_and_visit_changes_read_as_sentences(
    qapp: QApplication, error: FieldError, english: str, chinese: str
) -> None:
    assert messages.describe(error) == english
    i18n.install(qapp, "zh_CN")
    try:
        assert messages.describe(error) == chinese
    finally:
        i18n.install(qapp, "en")


@pytest.mark.parametrize(
    ("error", "english", "chinese"),
    [
        (
            FieldError("truck_plate", ErrorCode.PLATE, {"value": "粤B1234"}),
            "Truck plate is not a Chinese plate such as 粤B·12345 (read: 粤B1234)",
            "车号不是有效的车牌号（如粤B·12345），读到的是：粤B1234",
        ),
        (
            FieldError("lines.1.quantity", ErrorCode.QUANTITY),
            "Line 2: Quantity must be a number above zero with at most three decimals",
            "第2行：数量必须是大于零的数，最多三位小数",
        ),
        (
            FieldError("eta", ErrorCode.ETA_BEFORE_SHIP),
            "Estimated arrival must be after the ship time",
            "预计到达时间必须晚于发货时间",
        ),
        (
            FieldError("ship_time", ErrorCode.TIME_FAR, {"days": 30}),
            "Ship time is more than 30 days away; check the date",
            "发货时间相差超过30天，请检查日期",
        ),
    ],
)
def test_a_shipment_notice_field_error_names_its_field(
    qapp: QApplication, error: FieldError, english: str, chinese: str
) -> None:
    assert messages.describe(error) == english
    i18n.install(qapp, "zh_CN")
    try:
        assert messages.describe(error) == chinese
    finally:
        i18n.install(qapp, "en")
