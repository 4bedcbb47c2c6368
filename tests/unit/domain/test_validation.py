from __future__ import annotations

import pytest

from salesdesk.domain.names import name_key
from salesdesk.domain.validation import (
    Checker,
    ErrorCode,
    is_email,
    is_landline,
    is_mobile,
    is_uscc,
    normalize_email,
    normalize_landline,
    normalize_mobile,
)


@pytest.mark.parametrize("value", ["13800138000", "+86 138-0013-8000", "0086 19912345678"])
def test_mobiles(value: str) -> None:
    assert is_mobile(value)


@pytest.mark.parametrize("value", ["1380013800", "23800138000", "138001380001", "1280013800a"])
def test_not_mobiles(value: str) -> None:
    assert not is_mobile(value)


def test_mobile_normalized() -> None:
    assert normalize_mobile("+86 138-0013-8000") == "13800138000"


@pytest.mark.parametrize(
    ("value", "normalized"),
    [
        ("0571-88886666", "0571-88886666"),
        ("(021)62345678", "021-62345678"),
        ("010 6234 5678", "010-62345678"),
        ("0571-8888666-123", "0571-8888666-123"),
        ("400-820-8820", "400-820-8820"),
    ],
)
def test_landlines(value: str, normalized: str) -> None:
    assert is_landline(value)
    assert normalize_landline(value) == normalized


@pytest.mark.parametrize("value", ["88886666", "12345", "021-12345678", "13800138000"])
def test_not_landlines(value: str) -> None:
    assert not is_landline(value)


@pytest.mark.parametrize("value", ["a@b.cn", "wang.xm+1@qianghuang.com.cn"])
def test_emails(value: str) -> None:
    assert is_email(value)


@pytest.mark.parametrize("value", ["a@b", "a b@c.cn", "@c.cn", "a@.cn"])
def test_not_emails(value: str) -> None:
    assert not is_email(value)


@pytest.mark.parametrize(
    "name",
    [
        "墙煌建材有限公司",
        "墙煌建材 (上海) 有限公司",
        "墙煌建材公司",
        "ＱＨ墙煌建材股份有限公司"[2:],
    ],
)
def test_name_key_ignores_company_forms(name: str) -> None:
    assert name_key(name) == "墙煌建材"


def test_name_key_english() -> None:
    assert name_key("ABC Steel Co., Ltd.") == name_key("abc steel ltd") == "abcsteel"


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("91350100M000100Y43", True),
        ("91350100m000100y43", True),  # case does not matter
        ("91350100M000100Y44", False),  # check character
        ("91350100M000100Y4", False),  # length
        ("91350100M000100I43", False),  # I is not in the alphabet
    ],
)
def test_unified_social_credit_code(value: str, valid: bool) -> None:
    from salesdesk.domain.validation import is_uscc

    assert is_uscc(value) is valid


@pytest.mark.parametrize(
    ("typed", "mobile"),
    [("１３８００１３８０００", "13800138000"),
     ("＋８６ １３８－００１３－８０００", "13800138000"),
     ("138\u20140013\u20148000", "13800138000")],
)
def test_full_width_mobiles_are_normal_input(typed: str, mobile: str) -> None:
    """What a Chinese input method types in full-width mode is read, not refused."""
    assert is_mobile(typed)
    assert normalize_mobile(typed) == mobile


@pytest.mark.parametrize(
    ("typed", "landline"),
    [("０５７１－８８８８６６６６", "0571-88886666"),
     ("（０２１）６２３４５６７８", "021-62345678"),
     ("０５７１－８８８８６６６６转１２３", "0571-88886666-123")],
)
def test_full_width_landlines_are_normal_input(typed: str, landline: str) -> None:
    assert is_landline(typed)
    assert normalize_landline(typed) == landline


def test_full_width_email_and_tax_id() -> None:
    assert is_email("ｗａｎｇ＠ｑｈ．ｃｎ")
    assert normalize_email("　ｗａｎｇ＠ｑｈ．ｃｎ　") == "wang@qh.cn"
    assert is_uscc("９１３５０１００Ｍ０００１００Ｙ４３")


def test_length_limits_count_what_is_stored() -> None:
    check = Checker()
    check.max_length("name", "  " + "墙" * 10 + "\u3000 ", 10)
    assert check.errors == []
    check.max_length("name", "墙" * 11, 10)
    assert [e.code for e in check.errors] == [ErrorCode.TOO_LONG]
