"""Words for the services' codes, in the user's language.

Services report problems as codes (:mod:`salesdesk.domain.validation`); only the UI knows the
language, so every field label and error sentence is here, in one place, for Qt's translator.

Over 500 lines because it is a table: every field label and every code's sentence, one entry
each, kept in one place for the translator.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from salesdesk.domain.validation import ErrorCode, FieldError
from salesdesk.kit.errors import KnownError
from salesdesk.services.people import Person


def field_label(name: str) -> str:
    """The label of a field; ``contacts.2.mobile`` becomes "Contact 3: Mobile"."""
    if name.startswith("contacts."):
        _, index, sub = name.split(".", 2)
        return (
            QCoreApplication.translate("Messages", "Contact %1: %2")
            .replace("%1", str(int(index) + 1))
            .replace("%2", field_label(sub))
        )
    if name.startswith("lines.") and name.count(".") >= 2:  # a shipment notice's lines
        _, index, sub = name.split(".", 2)
        return (
            QCoreApplication.translate("Messages", "Line %1: %2")
            .replace("%1", str(int(index) + 1))
            .replace("%2", field_label(sub))
        )
    if name.startswith(("quotes.", "promises.")) and name.count(".") >= 2:
        group, index, sub = name.split(".", 2)
        row = (
            QCoreApplication.translate("Messages", "Competitor quote %1: %2")
            if group == "quotes"
            else QCoreApplication.translate("Messages", "Promise %1: %2")
        )
        return row.replace("%1", str(int(index) + 1)).replace("%2", field_label(sub))
    if name.startswith("week."):  # the business calendar's week: "week.4.afternoon"
        _, day, part = [*name.split(".", 2), ""][:3]
        parts = {"morning": QCoreApplication.translate("Messages", "%1 morning"),
                 "afternoon": QCoreApplication.translate("Messages", "%1 afternoon")}
        return parts.get(part, "%1").replace("%1", weekday_label(int(day)))
    labels = {
        "week": QCoreApplication.translate("Messages", "Working week"),
        "name": QCoreApplication.translate("Messages", "Name"),
        "short_name": QCoreApplication.translate("Messages", "Short name"),
        "category": QCoreApplication.translate("Messages", "Category"),
        "tier": QCoreApplication.translate("Messages", "Tier"),
        "industry": QCoreApplication.translate("Messages", "Industry"),
        "tax_id": QCoreApplication.translate("Messages", "Unified social credit code"),
        "region": QCoreApplication.translate("Messages", "Region"),
        "province": QCoreApplication.translate("Messages", "Province"),
        "city": QCoreApplication.translate("Messages", "City"),
        "address": QCoreApplication.translate("Messages", "Address"),
        "phone": QCoreApplication.translate("Messages", "Phone"),
        "email": QCoreApplication.translate("Messages", "Email"),
        "website": QCoreApplication.translate("Messages", "Website"),
        "visit_cadence_days": QCoreApplication.translate("Messages", "Visit every (days)"),
        "assigned_to_id": QCoreApplication.translate("Messages", "Salesperson"),
        "salesperson": QCoreApplication.translate("Messages", "Salesperson"),
        "tags": QCoreApplication.translate("Messages", "Tags"),
        "notes": QCoreApplication.translate("Messages", "Notes"),
        "role": QCoreApplication.translate("Messages", "Role"),
        "mobile": QCoreApplication.translate("Messages", "Mobile"),
        "landline": QCoreApplication.translate("Messages", "Landline"),
        "wechat": QCoreApplication.translate("Messages", "WeChat ID"),
        "is_primary": QCoreApplication.translate("Messages", "Primary contact"),
        "contact_name": QCoreApplication.translate("Messages", "Contact name"),
        "contact_phone": QCoreApplication.translate(
            "Messages", "Contact phone"
        ),  # import: mobile or landline, sorted
        "contact_email": QCoreApplication.translate("Messages", "Contact email"),
        "contact_notes": QCoreApplication.translate("Messages", "Contact notes"),
        "order_no": QCoreApplication.translate("Messages", "Order number"),
        "order_date": QCoreApplication.translate("Messages", "Order date"),
        "amount": QCoreApplication.translate("Messages", "Amount"),
        "customer": QCoreApplication.translate("Messages", "Customer"),
        "product_code": QCoreApplication.translate("Messages", "Product code"),
        "currency": QCoreApplication.translate("Messages", "Currency"),
        "status": QCoreApplication.translate("Messages", "Status"),
        "reason": QCoreApplication.translate("Messages", "Reason"),
        "due": QCoreApplication.translate("Messages", "Due date"),
        "ends_at": QCoreApplication.translate("Messages", "End time"),
        # A visit's outcome (services/visits/outcomes.py)
        "visit": QCoreApplication.translate("Messages", "Visit"),
        "visited_at": QCoreApplication.translate("Messages", "Visited at"),
        "purpose": QCoreApplication.translate("Messages", "Purpose"),
        "met_contact_ids": QCoreApplication.translate("Messages", "Contacts met"),
        "met_with": QCoreApplication.translate("Messages", "Also met"),
        "discussed": QCoreApplication.translate("Messages", "Discussed"),
        "customer_needs": QCoreApplication.translate("Messages", "Customer needs"),
        "dislikes": QCoreApplication.translate("Messages", "New dissatisfactions"),
        "receiving_problems": QCoreApplication.translate("Messages", "Problems receiving goods"),
        "improvements": QCoreApplication.translate("Messages", "What more we could do"),
        "next_step": QCoreApplication.translate("Messages", "Next step"),
        "quotes": QCoreApplication.translate("Messages", "Competitor quotes"),
        "competitor": QCoreApplication.translate("Messages", "Competitor"),
        "product_text": QCoreApplication.translate("Messages", "Product / spec"),
        "their_price": QCoreApplication.translate("Messages", "Their price"),
        "our_price": QCoreApplication.translate("Messages", "Our price"),
        "unit": QCoreApplication.translate("Messages", "Unit"),
        "promises": QCoreApplication.translate("Messages", "Promises made"),
        "description": QCoreApplication.translate("Messages", "Promise"),
        "contact_id": QCoreApplication.translate("Messages", "Made to"),
        "made_to": QCoreApplication.translate("Messages", "Made to"),
        "department": QCoreApplication.translate("Messages", "Who delivers"),
        "starts_at": QCoreApplication.translate("Messages", "Start time"),
        "place": QCoreApplication.translate("Messages", "Place"),
        "contact_ids": QCoreApplication.translate("Messages", "Contacts to meet"),
        # A shipment notice (domain/shipments.py); the five elements first
        "lines": QCoreApplication.translate("Messages", "Products and quantities"),
        "ship_time": QCoreApplication.translate("Messages", "Ship time"),
        "truck_plate": QCoreApplication.translate("Messages", "Truck plate"),
        "driver_phone": QCoreApplication.translate("Messages", "Driver's phone"),
        "eta": QCoreApplication.translate("Messages", "Estimated arrival"),
        "driver_name": QCoreApplication.translate("Messages", "Driver"),
        "carrier": QCoreApplication.translate("Messages", "Carrier"),
        "order_ref": QCoreApplication.translate("Messages", "Order reference"),
        "remarks": QCoreApplication.translate("Messages", "Remarks"),
        "recipient_ids": QCoreApplication.translate("Messages", "Recipients"),
        "spec": QCoreApplication.translate("Messages", "Specification"),
        "quantity": QCoreApplication.translate("Messages", "Quantity"),
        "batch_no": QCoreApplication.translate("Messages", "Batch number"),
        "arrived_at": QCoreApplication.translate("Messages", "Arrived at"),
        "received_by": QCoreApplication.translate("Messages", "Received by"),
        "language": QCoreApplication.translate("Messages", "Language"),
        # A complaint (services/complaints/, domain/complaints.py)
        "complaint": QCoreApplication.translate("Messages", "Complaint"),
        "complaint_contact": QCoreApplication.translate("Messages", "Contact"),
        "channel": QCoreApplication.translate("Messages", "Channel"),
        "severity": QCoreApplication.translate("Messages", "Severity"),
        "text": QCoreApplication.translate("Messages", "Text"),
        "score": QCoreApplication.translate("Messages", "Score"),
        "smtp_host": QCoreApplication.translate("Messages", "Mail server"),
        "smtp_port": QCoreApplication.translate("Messages", "Port"),
        "smtp_security": QCoreApplication.translate("Messages", "Encryption"),
        "smtp_sender": QCoreApplication.translate("Messages", "Your address"),
        "smtp_login": QCoreApplication.translate("Messages", "Login"),
    }
    return labels.get(name, name)


def error_text(code: ErrorCode, params: dict[str, str | int] | None = None) -> str:
    """The problem, without the field's name."""
    params = params or {}
    value = str(params.get("value", ""))
    if code is ErrorCode.DUPLICATE and "stored" in params:
        return QCoreApplication.translate("Messages", "is already in SalesDesk: %1").replace(
            "%1", value
        )
    if code is ErrorCode.DUPLICATE and "row" in params:
        return (
            QCoreApplication.translate("Messages", "is also on row %2: %1")
            .replace("%1", value)
            .replace("%2", str(params["row"]))
        )
    texts = {
        ErrorCode.REQUIRED: QCoreApplication.translate("Messages", "is required"),
        ErrorCode.TOO_LONG: QCoreApplication.translate(
            "Messages", "is longer than %1 characters"
        ).replace("%1", str(params.get("limit", ""))),
        ErrorCode.MOBILE: QCoreApplication.translate(
            "Messages", "must be an 11-digit mobile number starting with 1"
        ),
        ErrorCode.LANDLINE: QCoreApplication.translate(
            "Messages", "must be a landline with area code, e.g. 0571-88886666"
        ),
        ErrorCode.PHONE: QCoreApplication.translate(
            "Messages", "must be a mobile number or a landline with area code"
        ),
        ErrorCode.EMAIL: QCoreApplication.translate("Messages", "is not a valid email address"),
        ErrorCode.CHOICE: QCoreApplication.translate(
            "Messages", "has a value that is not allowed: %1"
        ).replace("%1", str(params.get("value", ""))),
        ErrorCode.NUMBER: QCoreApplication.translate(
            "Messages", "must be a whole number from 1 to %1"
        ).replace("%1", str(params.get("maximum", ""))),
        ErrorCode.AMOUNT: QCoreApplication.translate(
            "Messages", "must be an amount such as 12800.50"
        ),
        ErrorCode.DATE: QCoreApplication.translate("Messages", "must be a date such as 2026-03-31"),
        ErrorCode.TAX_ID: QCoreApplication.translate(
            "Messages",
            "must be the 18-character code on the business licence",
        ),
        ErrorCode.DUPLICATE: QCoreApplication.translate(
            "Messages", "appears more than once: %1"
        ).replace("%1", value),
        ErrorCode.NOT_FOUND: QCoreApplication.translate(
            "Messages", "is not in SalesDesk: %1"
        ).replace("%1", value),
        ErrorCode.AMBIGUOUS: QCoreApplication.translate(
            "Messages", "%1 matches %2 customers (%3); write the full name"
        )
        .replace("%1", value)
        .replace("%2", str(params.get("count", "")))
        .replace("%3", str(params.get("names", ""))),
        ErrorCode.HQ_OWNED: QCoreApplication.translate(
            "Messages", "can only be changed by HQ"
        ),
        ErrorCode.NOT_ASSIGNABLE: QCoreApplication.translate(
            "Messages", "must be a salesperson: HQ assigns customers to salespeople only"
        ),
        ErrorCode.ALREADY_CLOSED: QCoreApplication.translate(
            "Messages", "is already closed and cannot be changed"
        ),
        ErrorCode.ALREADY_OPEN: QCoreApplication.translate("Messages", "is already open"),
        ErrorCode.REASON_REQUIRED: QCoreApplication.translate("Messages", "must be given"),
        ErrorCode.DUE_BEFORE_MADE: QCoreApplication.translate(
            "Messages", "cannot be before the day the promise was made"
        ),
        ErrorCode.ENDS_BEFORE_START: QCoreApplication.translate(
            "Messages", "cannot be before the start time"
        ),
        ErrorCode.PLATE: QCoreApplication.translate(
            "Messages", "is not a Chinese plate such as 粤B·12345 (read: %1)"
        ).replace("%1", value),
        ErrorCode.QUANTITY: QCoreApplication.translate(
            "Messages", "must be a number above zero with at most three decimals"
        ),
        ErrorCode.ETA_BEFORE_SHIP: QCoreApplication.translate(
            "Messages", "must be after the ship time"
        ),
        ErrorCode.TIME_FAR: QCoreApplication.translate(
            "Messages", "is more than %1 days away; check the date"
        ).replace("%1", str(params.get("days", ""))),
        ErrorCode.IN_FUTURE: QCoreApplication.translate("Messages", "cannot be in the future"),
        ErrorCode.BEFORE_MORNING_ENDS: QCoreApplication.translate(
            "Messages", "must start after the morning ends (the lunch break cannot be negative)"
        ),
        ErrorCode.NO_WORKDAY: QCoreApplication.translate(
            "Messages", "needs at least one weekday worked"
        ),
        # A complaint's step (the complaint page words them as whole sentences).
        ErrorCode.NOT_RESOLVED: QCoreApplication.translate(
            "Messages", "must be resolved first"
        ),
        ErrorCode.NO_SOLUTION: QCoreApplication.translate(
            "Messages", "needs a solution proposed (and not refused) first"
        ),
        ErrorCode.NOT_CONTACTED: QCoreApplication.translate(
            "Messages", "needs the customer contacted first"
        ),
        ErrorCode.NOT_PAUSED: QCoreApplication.translate("Messages", "is not paused"),
        ErrorCode.ALREADY_PAUSED: QCoreApplication.translate("Messages", "is already paused"),
        ErrorCode.SCORE: QCoreApplication.translate("Messages", "must be from 1 to 5"),
        ErrorCode.OUT_OF_ORDER: QCoreApplication.translate(
            "Messages", "does not allow this step now"
        ),
    }
    return texts[code]


def weekday_label(day: int) -> str:
    """0 = Monday .. 6 = Sunday."""
    return (
        QCoreApplication.translate("Messages", "Monday"),
        QCoreApplication.translate("Messages", "Tuesday"),
        QCoreApplication.translate("Messages", "Wednesday"),
        QCoreApplication.translate("Messages", "Thursday"),
        QCoreApplication.translate("Messages", "Friday"),
        QCoreApplication.translate("Messages", "Saturday"),
        QCoreApplication.translate("Messages", "Sunday"),
    )[day]


def describe(error: FieldError) -> str:
    """A whole sentence: "Mobile must be an 11-digit mobile number starting with 1"."""
    return (
        QCoreApplication.translate("Messages", "%1 %2")
        .replace("%1", field_label(error.field))
        .replace("%2", error_text(error.code, error.params))
    )


def category_label(value: str) -> str:
    return {
        "key": QCoreApplication.translate("Messages", "Key"),
        "ordinary": QCoreApplication.translate("Messages", "Ordinary"),
        "potential": QCoreApplication.translate("Messages", "Potential"),
        "target": QCoreApplication.translate("Messages", "Target"),
        "lost": QCoreApplication.translate("Messages", "Lost"),
    }.get(value, value)


def department_label(value: str) -> str:
    """Who must deliver a promise: "" is the salesperson who made it ("Me" to them), else an HQ
    department (domain/people.py: Department)."""
    return {
        "": QCoreApplication.translate("Messages", "Me"),
        "logistics": QCoreApplication.translate("Messages", "Logistics"),
        "quality": QCoreApplication.translate("Messages", "Quality"),
        "technical": QCoreApplication.translate("Messages", "Technical"),
        "finance": QCoreApplication.translate("Messages", "Finance"),
        "sales_admin": QCoreApplication.translate("Messages", "Sales office"),
    }.get(value, value)


def promise_status_label(value: str) -> str:
    return {
        "open": QCoreApplication.translate("Messages", "Open"),
        "kept": QCoreApplication.translate("Messages", "Kept"),
        "broken": QCoreApplication.translate("Messages", "Broken"),
        "cancelled": QCoreApplication.translate("Messages", "Cancelled"),
    }.get(value, value)


def tier_label(value: str | None) -> str:
    return value if value else "—"


def person_label(person: Person | None, user_id: uuid.UUID) -> str:
    """How a customer's assignee is named when they are not an active salesperson this laptop
    lists: by name if the store has their row, else as an unknown user with a short id."""
    if person is None or not person.name:
        return QCoreApplication.translate("Messages", "Unknown user (%1)").replace(
            "%1", user_id.hex[:8]
        )
    if not person.active:
        return QCoreApplication.translate("Messages", "%1 (inactive)").replace("%1", person.name)
    return person.name


def known_text(exc: KnownError) -> str | None:
    """The user's words for a known error, from its code and params; None for a code that has
    none (a bug: ``tests/ui/test_translations.py`` checks every code has words)."""
    make = _KNOWN.get(exc.code)
    if make is None:
        return None
    text = make()
    for key, value in exc.params.items():
        text = text.replace("{" + key + "}", str(value))
    return text


# Each known error's code (kit/errors.py) and its words; ``{name}`` is filled from the error's
# params. Grouped by feature; a feature adds its codes here, nowhere else. Each text is a
# literal in QCoreApplication.translate("Messages", ...), so lupdate finds it, e.g.
#     "sync.unreachable": lambda: QCoreApplication.translate("Messages", "HQ cannot be ..."),
def _sync_server() -> str:
    return QCoreApplication.translate(
        "Messages",
        "HQ had a problem and did not finish the sync. Nothing is lost; please try again later.",
    )


def _could_not_write() -> str:
    return QCoreApplication.translate("Messages", "Could not write {path}: {reason}")


_KNOWN: dict[str, Callable[[], str]] = {
    # The store (services/store.py, db/migrate.py)
    "store.not_a_store": lambda: QCoreApplication.translate(
        "Messages", "%1 is not a SalesDesk backup, or it is damaged. Nothing was changed."
    ).replace("%1", "{path}"),
    "store.too_new": lambda: QCoreApplication.translate(
        "Messages",
        "This backup was made by a newer SalesDesk. "
        "Please update SalesDesk first. Nothing was changed.",
    ),
    "store.damaged": lambda: QCoreApplication.translate(
        "Messages", "The customer data is damaged"
    ),
    "store.foreign": lambda: QCoreApplication.translate(
        "Messages", "The data file is not a SalesDesk file"
    ),
    "store.not_writable": lambda: QCoreApplication.translate(
        "Messages", "SalesDesk may not write to its data folder"
    ),
    # The customer book (services/customers/)
    "customers.gone": lambda: QCoreApplication.translate(
        "Messages",
        "This customer is no longer yours: HQ reassigned it to another salesperson (or "
        "deleted it), and the last sync removed it from this computer. Changes made here "
        "cannot be saved; its history stays at HQ with the new salesperson.",
    ),
    # Promises (services/promises.py)
    "promises.gone": lambda: QCoreApplication.translate(
        "Messages", "This promise is no longer on this computer (it was deleted, or its "
        "customer was reassigned). Nothing was changed."),
    # Shipment notices (services/shipments/)
    "shipments.gone": lambda: QCoreApplication.translate(
        "Messages", "This shipment notice is no longer on this computer (it was deleted, or "
        "its customer was reassigned). Nothing was changed."),
    # Complaints (services/complaints/)
    "complaints.gone": lambda: QCoreApplication.translate(
        "Messages", "This complaint is no longer on this computer (it was deleted, or its "
        "customer was reassigned). Nothing was changed."),
    "complaints.clock_file": lambda: QCoreApplication.translate(
        "Messages", "SalesDesk cannot read the complaint calendar or policy in {file} "
        "({problem}). Fix or remove the file; until then complaints cannot be timed."),
    "complaints.attachment_too_large": lambda: QCoreApplication.translate(
        "Messages", "{file} is {size_mb} MB; attachments can be at most {limit_mb} MB. "
        "Nothing was saved."),
    "complaints.attachment_unreadable": lambda: QCoreApplication.translate(
        "Messages", "SalesDesk could not read {file}: {problem}. Nothing was saved."),
    "complaints.holidays_unreadable": lambda: QCoreApplication.translate(
        "Messages", "SalesDesk could not import holidays from {file}: {problem}. The calendar "
        "was not changed."),
    "complaints.not_resolved_letter": lambda: QCoreApplication.translate(
        "Messages", "Complaint {reference} is not resolved yet: there is no resolution to "
        "write to the customer about."),
    # Visits (services/visits/)
    "visits.gone": lambda: QCoreApplication.translate(
        "Messages", "This visit is no longer here: it was deleted, here or at HQ."),
    "visits.calendar_write": _could_not_write,
    # --- imports and exports (services/imports/) ---
    "imports.table.unreadable": lambda: QCoreApplication.translate(
        "Messages", "SalesDesk could not open {file}: {reason}"
    ),
    "imports.table.encoding": lambda: QCoreApplication.translate(
        "Messages",
        "{file} is not in a text encoding SalesDesk knows (UTF-8 or GBK). In Excel, "
        'save it as "CSV UTF-8" or as an .xlsx workbook.',
    ),
    "imports.table.not_a_table": lambda: QCoreApplication.translate(
        "Messages",
        "{file} is not a spreadsheet SalesDesk can read. Choose an .xlsx workbook or "
        "a .csv file.",
    ),
    "imports.table.legacy_xls": lambda: QCoreApplication.translate(
        "Messages",
        "{file} is an Excel 97-2003 workbook (.xls) or is protected by a password. "
        "Open it in Excel and save it as an .xlsx workbook without a password.",
    ),
    "imports.table.empty": lambda: QCoreApplication.translate(
        "Messages", "{file} has no header row and no data."
    ),
    "imports.assignment_refused": lambda: QCoreApplication.translate(
        "Messages",
        "This laptop was logged in as a salesperson after the check, so "
        "the customers cannot be assigned as planned. Nothing was imported; "
        "press Check again.",
    ),
    "imports.refused": lambda: QCoreApplication.translate(
        "Messages",
        "Some rows have errors, so nothing was imported. Correct them in "
        "the file and check again, or import only the valid rows.",
    ),
    "imports.store_write": lambda: QCoreApplication.translate(
        "Messages", "The customer store could not be written ({reason}). Nothing was imported."
    ),
    "imports.orders.store_write": lambda: QCoreApplication.translate(
        "Messages", "The store could not be written ({reason}). No orders were imported."
    ),
    "imports.export": _could_not_write,
    # sync (salesdesk/sync/errors.py, services/sync.py: NotLoggedIn)
    "sync.not_logged_in": lambda: QCoreApplication.translate(
        "Messages", "Please log in to HQ first."),
    "sync.token_expired": lambda: QCoreApplication.translate(
        "Messages", "Your login has expired or was revoked. Please log in again."),
    "sync.bad_credentials": lambda: QCoreApplication.translate(
        "Messages", "HQ did not accept this username and password."),
    "sync.rate_limited": lambda: QCoreApplication.translate(
        "Messages", "Too many failed logins. Please wait a few minutes and try again."),
    "sync.certificate": lambda: QCoreApplication.translate(
        "Messages", "HQ's certificate could not be verified. Check the server address, or "
        "choose the company CA file."),
    "sync.upgrade_required": lambda: QCoreApplication.translate(
        "Messages", "HQ needs a newer SalesDesk. Please install the update; your unsent "
        "changes are kept."),
    "sync.hq_outdated": lambda: QCoreApplication.translate(
        "Messages", "HQ runs an older version than this SalesDesk. Please ask whoever looks "
        "after HQ to update it; your unsent changes are kept."),
    "sync.unreachable": lambda: QCoreApplication.translate(
        "Messages", "HQ cannot be reached. Check the network and the server address; your "
        "changes are kept and will be sent next time."),
    "sync.store_conflict": lambda: QCoreApplication.translate(
        "Messages", "This data belongs to another HQ account. Log in with the account it "
        "belongs to."),
    "sync.server": _sync_server,
    "sync.failed": _sync_server,
    # an attachment's bytes (sync/laptop/blobs.py; counted on the Sync page, never fatal)
    "sync.attachment_refused": lambda: QCoreApplication.translate(
        "Messages", "HQ refused an attachment: it is over the size limit or its file was "
        "damaged on this computer. The complaint and its other attachments are kept."),
    "sync.attachment_missing": lambda: QCoreApplication.translate(
        "Messages", "HQ does not have this attachment yet: the colleague who attached it has "
        "not synced since. It will come with a later sync."),
    "sync.upload_moved": lambda: QCoreApplication.translate(
        "Messages", "An attachment was being sent from two places at once; it will be "
        "finished on the next sync."),
    # printed visit documents (services/visits/printing.py)
    "visits.print_gone": lambda: QCoreApplication.translate(
        "Messages", "This visit or customer is no longer on this computer; nothing was printed."),
    "visits.nothing_to_print": lambda: QCoreApplication.translate(
        "Messages", "No visits are planned for {day}; nothing was printed."),
    "visits.print_file": lambda: QCoreApplication.translate(
        "Messages", "Could not write {path}: {reason}"),
    # mail (salesdesk/mail/outbox.py, mail/sender.py)
    "mail.no_recipient": lambda: QCoreApplication.translate(
        "Messages", "This mail has no recipient; nothing was sent."),
    "mail.bad_address": lambda: QCoreApplication.translate(
        "Messages", "{address} is not an email address."),
    "mail.not_resendable": lambda: QCoreApplication.translate(
        "Messages", "Only a mail that failed, or whose outcome is unknown, can be sent again."),
    "mail.missing": lambda: QCoreApplication.translate(
        "Messages", "This mail is no longer in the outbox."),
    "mail.not_configured": lambda: QCoreApplication.translate(
        "Messages", "Mail is not set up yet: enter the mail server and your address in Mail "
        "settings. Your mail stays in the outbox."),
    "mail.unreachable": lambda: QCoreApplication.translate(
        "Messages", "The mail server {server} cannot be reached ({reason}). Your mail stays in "
        "the outbox and is sent when the server can be reached."),
    "mail.login_refused": lambda: QCoreApplication.translate(
        "Messages", "The mail server refused the login {login} ({reason}). Check the login and "
        "password in Mail settings; your mail stays in the outbox."),
    "mail.no_password": lambda: QCoreApplication.translate(
        "Messages", "No password is stored for {login}. Enter it in Mail settings; your mail "
        "stays in the outbox."),
    "printing.printer": lambda: QCoreApplication.translate(
        "Messages", "The printer {printer} did not take the job. Check that it is switched on "
        "and connected (or that the file can be written), then print again."),
}

