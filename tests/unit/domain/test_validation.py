from __future__ import annotations

import pytest

from salesdesk.domain.names import name_key
from salesdesk.domain.validation import (
    is_email,
    is_landline,
    is_mobile,
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
