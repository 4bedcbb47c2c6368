"""How the rows of one customer become a customer draft: the first value of each field wins,
each row adds its contact, words users write become stored values (重点 → key, "30天" → 30),
and the editor's validation reports each problem on the row and column it came from.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from salesdesk.domain.customers import Category
from salesdesk.domain.validation import ErrorCode, FieldError, fold_width, is_mobile, phone_digits
from salesdesk.services.customers.records import ContactDraft, CustomerDraft
from salesdesk.services.customers.service import validate
from salesdesk.services.imports.headers import CONTACT_FIELDS, CUSTOMER_FIELDS, normalize_header
from salesdesk.services.imports.plan import RowIssue, RowWarning, WarningKind

_CATEGORY_WORDS: dict[str, Category] = {
    **dict.fromkeys(("重点", "重点客户", "重要", "重要客户", "key", "important", "vip"),
                    Category.KEY),
    **dict.fromkeys(("一般", "一般客户", "普通", "普通客户", "ordinary", "normal", "regular"),
                    Category.ORDINARY),
    **dict.fromkeys(("潜在", "潜在客户", "potential", "prospect"), Category.POTENTIAL),
    **dict.fromkeys(("目标", "目标客户", "target"), Category.TARGET),
    **dict.fromkeys(("流失", "流失客户", "已流失", "lost", "churned"), Category.LOST),
}
_TAG_SPLIT = re.compile(r"[,，;；、|/]+")
_CADENCE = re.compile(r"(\d+)(?:\.0+)?\s*(?:天|日|days?|d)?", re.I)
_CADENCE_MAX = 365  # the editor's limit (customers.validate)


def category_value(text: str) -> str:
    """The stored category for a word users write; unknown words pass through for validation."""
    word = normalize_header(text)
    if not word:
        return Category.ORDINARY.value
    if word in {c.value for c in Category}:
        return word
    found = _CATEGORY_WORDS.get(word)
    return found.value if found else text.strip()



@dataclass(frozen=True)
class PlannedCustomer:
    """A customer the import would create, from its rows of the file."""

    draft: CustomerDraft
    rows: tuple[int, ...]
    valid: bool


@dataclass
class RowGroup:
    """Rows of one customer while the plan is built."""

    rows: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    source: dict[str, int] = field(default_factory=dict)  # customer field → row it came from
    contacts: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    issues: list[RowIssue] = field(default_factory=list)
    warnings: list[RowWarning] = field(default_factory=list)


Rows = list[tuple[int, dict[str, str]]]  # (row number, mapped values) in file order


def person_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def same_value(field_name: str, a: str, b: str) -> bool:
    """Whether two cells of a customer field say the same thing."""
    if field_name == "phone":
        return phone_digits(a) == phone_digits(b)
    if field_name == "category":
        return category_value(a) == category_value(b)
    if field_name == "tags":
        return split_tags(a) == split_tags(b)
    return person_key(a) == person_key(b)


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in _TAG_SPLIT.split(text) if t.strip()]


def exact_name(name: str) -> str:
    """Names that are certainly the same company: equal but for width, case and spacing."""
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _contact(values: Mapping[str, str]) -> tuple[ContactDraft, dict[str, str]]:
    """A contact draft, and for its mobile/landline which import field supplied them."""
    mobile, landline = values.get("mobile", ""), values.get("landline", "")
    origin = {"mobile": "mobile", "landline": "landline"}
    mixed = values.get("contact_phone", "")
    if mixed:
        if is_mobile(mixed) and not mobile:
            mobile, origin["mobile"] = mixed, "contact_phone"
        elif not landline:
            landline, origin["landline"] = mixed, "contact_phone"
    draft = ContactDraft(
        name=values.get("contact_name", ""),
        role=values.get("role", ""),
        mobile=mobile,
        landline=landline,
        email=values.get("contact_email", ""),
        wechat=values.get("wechat", ""),
        notes=values.get("contact_notes", ""),
    )
    return draft, origin


def build_customer(group: RowGroup, people: Mapping[str, uuid.UUID],
                   default_assignee: uuid.UUID | None, unknown_unassigned: bool
                   ) -> tuple[PlannedCustomer, list[RowIssue]]:
    v = group.values
    first = group.rows[0]
    issues = list(group.issues)
    cadence: int | None = None
    raw_cadence = fold_width(v.get("visit_cadence_days", ""))
    if raw_cadence:
        m = _CADENCE.fullmatch(raw_cadence.strip())
        if m:
            cadence = int(m.group(1))
        else:
            issues.append(RowIssue(
                group.source.get("visit_cadence_days", first),
                FieldError("visit_cadence_days", ErrorCode.NUMBER, {"maximum": _CADENCE_MAX}),
                raw_cadence,
            ))
    assignee = default_assignee
    if v.get("salesperson"):
        assignee = people.get(person_key(v["salesperson"]))
        if assignee is None and unknown_unassigned:
            assignee = default_assignee
            group.warnings.append(RowWarning(group.source["salesperson"], WarningKind.UNASSIGNED,
                                             "salesperson", v["salesperson"]))
        elif assignee is None:
            issues.append(RowIssue(
                group.source["salesperson"],
                FieldError("salesperson", ErrorCode.NOT_FOUND, {"value": v["salesperson"]}),
                v["salesperson"],
            ))
    contacts: list[ContactDraft] = []
    origins: list[tuple[int, dict[str, str]]] = []
    seen: dict[tuple[str, str, str], ContactDraft] = {}
    for row, values in group.contacts:
        contact, origin = _contact(values)
        ident = (contact.name.strip(), contact.mobile.strip(), contact.landline.strip())
        if ident in seen:  # the same person listed on two rows of one company
            group.warnings += [
                RowWarning(row, WarningKind.CONFLICT, target, getattr(contact, attr))
                for attr, target in _CONTACT_DETAILS
                if getattr(contact, attr).strip() not in ("", getattr(seen[ident], attr).strip())
            ]
            continue
        seen[ident] = contact
        contacts.append(replace(contact, is_primary=not contacts))
        origins.append((row, origin))
    draft = CustomerDraft(
        name=v.get("name", ""),
        short_name=v.get("short_name", ""),
        category=category_value(v.get("category", "")),
        industry=v.get("industry", ""),
        tax_id=v.get("tax_id", ""),
        region=v.get("region", ""),
        province=v.get("province", ""),
        city=v.get("city", ""),
        address=v.get("address", ""),
        phone=v.get("phone", ""),
        email=v.get("email", ""),
        website=v.get("website", ""),
        visit_cadence_days=cadence,
        assigned_to_id=assignee,
        tags=split_tags(v.get("tags", "")),
        notes=v.get("notes", ""),
        contacts=contacts,
    )
    for error in validate(draft):
        if error.field.startswith("contacts."):
            _, index, sub = error.field.split(".", 2)
            row, origin = origins[int(index)]
            target = {"name": "contact_name", "email": "contact_email"}.get(sub, sub)
            target = origin.get(sub, target)
            value = getattr(contacts[int(index)], sub, "")
            issues.append(RowIssue(row, replace(error, field=target), str(value)))
        else:
            value = v.get(error.field, "")
            issues.append(RowIssue(group.source.get(error.field, first), error, value))
    return PlannedCustomer(draft, tuple(group.rows), valid=not issues), issues


# A contact's details beside what identifies them, with the import field of each.
_CONTACT_DETAILS = (("role", "role"), ("email", "contact_email"), ("wechat", "wechat"),
                    ("notes", "contact_notes"))


def add_row(group: RowGroup, number: int, values: Mapping[str, str],
             own_names: frozenset[str] | None) -> None:
    """Adds a row to its customer: the first value of each field wins, a different later one
    is reported as ignored; the row's contact joins the customer's."""
    group.rows.append(number)
    for f in CUSTOMER_FIELDS:
        value = values.get(f, "")
        if not value:
            continue
        if f == "salesperson" and own_names is not None:
            if person_key(value) not in own_names:
                group.warnings.append(RowWarning(number, WarningKind.NOT_APPLIED, f, value))
            continue  # the default assignee: this salesperson
        if f not in group.values:
            group.values[f] = value
            group.source[f] = number
        elif f != "name" and not same_value(f, group.values[f], value):
            group.warnings.append(RowWarning(number, WarningKind.CONFLICT, f, value))
    contact_values = {f: values.get(f, "") for f in CONTACT_FIELDS}
    if any(contact_values.values()):
        group.contacts.append((number, contact_values))


def differences(a: Mapping[str, str], b: Mapping[str, str], fields: Sequence[str]) -> tuple[
        str, ...]:
    return tuple(f for f in fields if a.get(f) and b.get(f) and not same_value(f, a[f], b[f]))


