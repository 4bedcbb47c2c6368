"""Company names as people write them, and as duplicate detection must compare them."""

from __future__ import annotations

import re
import unicodedata

# Longest first: "股份有限公司" must go before "有限公司" and "公司".
_SUFFIXES = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "集团公司",
    "分公司",
    "总公司",
    "集团",
    "公司",
    "工厂",
    "厂",
    "co.,ltd.",
    "co.,ltd",
    "co.ltd",
    "co ltd",
    "company limited",
    "limited",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
    "corp.",
    "corp",
    "llc",
    "gmbh",
    "co.",
    "co",
)
_BRACKETS = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


def name_key(name: str) -> str:
    """The part of a company name that identifies it.

    Ignores width, case, bracketed parts ("（上海）"), punctuation and company-form suffixes:
    "墙煌建材有限公司", "墙煌建材 (上海) 有限公司" and "墙煌建材公司" share the key "墙煌建材".
    """
    text = unicodedata.normalize("NFKC", name).lower().strip()
    text = _BRACKETS.sub("", text)
    changed = True
    while changed:
        changed = False
        stripped = text.rstrip(" .,")
        for suffix in _SUFFIXES:
            if stripped.endswith(suffix) and len(stripped) > len(suffix):
                text = stripped[: -len(suffix)]
                changed = True
                break
    return _PUNCT.sub("", text)
