"""Which column feeds which field: the fields an import fills, and the header words for each.

Headers are compared after NFKC, lower case, and without spaces, punctuation or a bracketed
unit ("拜访周期（天）" is "拜访周期"). Exact names win over names found inside a longer header;
names too generic to be trusted inside a longer header ("客户" in "客户编号") match only exactly.
Customer and order words are both here: a support person adding a header word finds them all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence, Set

# --- customers ----------------------------------------------------------------------------

CUSTOMER_FIELDS = (
    "name", "short_name", "category", "industry", "tax_id", "region", "province", "city",
    "address",
    "phone", "email", "website", "visit_cadence_days", "salesperson", "tags", "notes",
)
CONTACT_FIELDS = (
    "contact_name", "role", "mobile", "landline", "contact_phone", "contact_email", "wechat",
    "contact_notes",
)
# Every field a column can feed, in the order the mapping form shows them. ``contact_phone``
# takes a column that mixes mobiles and landlines (联系电话) and sorts each value.
TARGET_FIELDS = CUSTOMER_FIELDS + CONTACT_FIELDS

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("公司名称", "客户名称", "名称", "公司", "客户", "单位名称", "企业名称", "公司全称",
             "客户全称", "单位", "company", "company name", "customer", "customer name",
             "name", "account", "account name"),
    "short_name": ("简称", "客户简称", "公司简称", "short name", "abbreviation"),
    "category": ("类别", "客户类别", "类型", "客户类型", "分类", "客户分类", "category", "type"),
    "industry": ("行业", "所属行业", "industry"),
    "tax_id": ("统一社会信用代码", "信用代码", "社会信用代码", "税号", "纳税人识别号",
               "tax id", "uscc", "unified social credit code"),
    "region": ("地区", "区域", "片区", "大区", "所属区域", "region", "area", "territory"),
    "province": ("省份", "省", "所在省份", "province", "state"),
    "city": ("城市", "市", "所在城市", "city"),
    "address": ("地址", "详细地址", "公司地址", "联系地址", "address"),
    "phone": ("电话", "公司电话", "总机", "办公电话", "电话号码", "phone", "tel", "telephone",
              "company phone"),
    "email": ("邮箱", "公司邮箱", "电子邮箱", "电子邮件", "email", "e-mail", "mail",
              "company email"),
    "website": ("网站", "网址", "官网", "website", "web", "url"),
    "visit_cadence_days": ("拜访周期", "拜访周期天", "拜访间隔", "visit cadence",
                           "visit every", "visit every days"),
    "salesperson": ("业务员", "销售员", "负责人", "销售", "客户经理", "销售代表", "业务员账号",
                    "salesperson", "sales rep", "sales", "owner", "account manager",
                    "salesperson login"),
    "tags": ("标签", "tags", "tag"),
    "notes": ("备注", "说明", "notes", "note", "remarks", "remark", "comments"),
    "contact_name": ("联系人", "联系人姓名", "姓名", "contact", "contact name",
                     "contact person"),
    "role": ("职务", "职位", "岗位", "联系人职务", "role", "title", "position", "job title"),
    "mobile": ("手机", "手机号", "手机号码", "移动电话", "联系人手机", "mobile", "cell",
               "cellphone", "mobile phone"),
    "landline": ("座机", "固话", "固定电话", "联系人座机", "landline", "fixed line"),
    "contact_phone": ("联系电话", "联系人电话", "联系方式", "contact phone"),
    "contact_email": ("联系人邮箱", "联系人email", "contact email"),
    "wechat": ("微信", "微信号", "联系人微信", "wechat", "wechat id", "weixin"),
    "contact_notes": ("联系人备注", "contact notes", "contact note"),
}
# Too generic to be trusted inside a longer header ("客户编号" is not the customer's name).
_EXACT_ONLY = {"客户", "公司", "名称", "单位", "类型", "销售", "市", "省", "name", "type", "mail",
               "tel", "web", "url", "tag", "note", "cell", "area", "sales", "contact", "state"}

# --- orders -------------------------------------------------------------------------------

ORDER_FIELDS = ("order_no", "order_date", "amount", "customer", "product_code", "currency",
                "notes")

_ORDER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "order_no": ("订单号", "单号", "订单编号", "订单号码", "销售订单号", "销售单号", "单据编号",
                 "单据号", "order no", "order number", "order", "order id", "so no", "so number"),
    "order_date": ("日期", "下单日期", "订单日期", "单据日期", "销售日期", "开单日期", "签单日期",
                   "date", "order date"),
    "amount": ("金额", "订单金额", "含税金额", "总金额", "价税合计", "合计金额", "销售金额",
               "amount", "order amount", "total", "total amount", "value"),
    "customer": ("客户", "客户名称", "客户全称", "客户简称", "公司名称", "单位名称", "购货单位",
                 "customer", "customer name", "company", "client", "account"),
    "product_code": ("产品编码", "产品代码", "产品编号", "物料编码", "物料代码", "存货编码",
                     "商品编码", "product code", "item code", "product", "sku"),
    "currency": ("币种", "币别", "货币", "currency", "ccy"),
    "notes": ("备注", "说明", "摘要", "notes", "note", "remarks", "remark", "memo"),
}
# Too generic inside a longer header: "交货日期" is not the order date, "客户编号" not its name.
_ORDER_EXACT_ONLY = frozenset({"单号", "日期", "金额", "客户", "order", "date", "total", "value",
                               "company", "account", "product", "note"})

# --- matching -----------------------------------------------------------------------------

_HEADER_NOISE = re.compile(r"[\s*＊:：_\-.·/\\#]+")
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")


def normalize_header(text: str) -> str:
    """A header (or a word in a cell) as it is compared: "客户类别（必填）" → "客户类别"."""
    text = unicodedata.normalize("NFKC", text).lower()
    return _HEADER_NOISE.sub("", _BRACKETED.sub("", text))


def normalized_synonyms(synonyms: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, ...]]:
    return {f: tuple(normalize_header(s) for s in syn) for f, syn in synonyms.items()}


_NORMALIZED = normalized_synonyms(_SYNONYMS)
_ORDER_NORMALIZED = normalized_synonyms(_ORDER_SYNONYMS)


def guess_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Which column most likely feeds each customer field, from Chinese or English headers."""
    return match_headers(headers, _NORMALIZED, _EXACT_ONLY)


def guess_order_mapping(headers: Sequence[str]) -> dict[str, int]:
    """Which column most likely feeds each order field, from Chinese or English headers."""
    return match_headers(headers, _ORDER_NORMALIZED, _ORDER_EXACT_ONLY)


def match_headers(headers: Sequence[str], synonyms: Mapping[str, tuple[str, ...]],
                  exact_only: Set[str]) -> dict[str, int]:
    """Which column feeds each field, given each field's normalized header names.

    Exact names win over names found inside a longer header; each column feeds one field.
    Names in ``exact_only`` are too generic to be trusted inside a longer header.
    """
    mapping: dict[str, int] = {}
    normalized_headers = [normalize_header(h) for h in headers]
    for i, header in enumerate(normalized_headers):
        for target, names in synonyms.items():
            if header and header in names and target not in mapping:
                mapping[target] = i
                break
    used = set(mapping.values())
    for i, header in enumerate(normalized_headers):
        if i in used or not header:
            continue
        best: tuple[int, str] | None = None
        for target, names in synonyms.items():
            if target in mapping:
                continue
            for name in names:
                if name in exact_only or len(name) < 2 or name not in header:
                    continue
                if best is None or len(name) > best[0]:
                    best = (len(name), target)
        if best is not None:
            mapping[best[1]] = i
            used.add(i)
    return mapping
