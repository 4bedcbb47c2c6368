"""Words for the services' codes, in the user's language.

Services report problems as codes (:mod:`salesdesk.domain.validation`); only the UI knows the
language, so every field label and error sentence is here, in one place, for Qt's translator.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from salesdesk.domain.validation import ErrorCode, FieldError


def _t(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def field_label(name: str) -> str:
    """The label of a field; ``contacts.2.mobile`` becomes "Contact 3: Mobile"."""
    if name.startswith("contacts."):
        _, index, sub = name.split(".", 2)
        return _t("Contact %1: %2").replace("%1", str(int(index) + 1)).replace(
            "%2", field_label(sub)
        )
    labels = {
        "name": _t("Name"),
        "short_name": _t("Short name"),
        "category": _t("Category"),
        "tier": _t("Tier"),
        "industry": _t("Industry"),
        "region": _t("Region"),
        "province": _t("Province"),
        "city": _t("City"),
        "address": _t("Address"),
        "phone": _t("Phone"),
        "email": _t("Email"),
        "website": _t("Website"),
        "visit_cadence_days": _t("Visit every (days)"),
        "assigned_to_id": _t("Salesperson"),
        "salesperson": _t("Salesperson"),
        "tags": _t("Tags"),
        "notes": _t("Notes"),
        "role": _t("Role"),
        "mobile": _t("Mobile"),
        "landline": _t("Landline"),
        "wechat": _t("WeChat ID"),
        "is_primary": _t("Primary contact"),
        "contact_name": _t("Contact name"),
        "contact_phone": _t("Contact phone"),  # import: mobile or landline, sorted
        "contact_email": _t("Contact email"),
        "order_no": _t("Order number"),
        "order_date": _t("Order date"),
        "amount": _t("Amount"),
    }
    return labels.get(name, name)


def error_text(code: ErrorCode, params: dict[str, str | int] | None = None) -> str:
    """The problem, without the field's name."""
    params = params or {}
    texts = {
        ErrorCode.REQUIRED: _t("is required"),
        ErrorCode.TOO_LONG: _t("is longer than %1 characters").replace(
            "%1", str(params.get("limit", ""))
        ),
        ErrorCode.MOBILE: _t("must be an 11-digit mobile number starting with 1"),
        ErrorCode.LANDLINE: _t("must be a landline with area code, e.g. 0571-88886666"),
        ErrorCode.PHONE: _t("must be a mobile number or a landline with area code"),
        ErrorCode.EMAIL: _t("is not a valid email address"),
        ErrorCode.CHOICE: _t("has a value that is not allowed: %1").replace(
            "%1", str(params.get("value", ""))
        ),
        ErrorCode.NUMBER: _t("must be a whole number from 1 to %1").replace(
            "%1", str(params.get("maximum", ""))
        ),
        ErrorCode.AMOUNT: _t("must be an amount such as 12800.50"),
        ErrorCode.DATE: _t("must be a date such as 2026-03-31"),
        ErrorCode.DUPLICATE: _t("appears more than once: %1").replace(
            "%1", str(params.get("value", ""))
        ),
    }
    return texts[code]


def describe(error: FieldError) -> str:
    """A whole sentence: "Mobile must be an 11-digit mobile number starting with 1"."""
    return _t("%1 %2").replace("%1", field_label(error.field)).replace(
        "%2", error_text(error.code, error.params)
    )


def category_label(value: str) -> str:
    return {
        "key": _t("Key"),
        "ordinary": _t("Ordinary"),
        "potential": _t("Potential"),
        "target": _t("Target"),
        "lost": _t("Lost"),
    }.get(value, value)


def tier_label(value: str | None) -> str:
    return value if value else "—"
