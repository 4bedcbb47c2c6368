"""The customer detail view and editor: company data, contacts, and per-field errors.

The contacts grid is :mod:`.contacts`, the salesperson choice :mod:`.assignee`.

Just over 500 lines: one form (fields, their errors, who may change what); the customer's
history and promises beside it live in their own modules (``timeline.py``,
``ui/promises/customer_badge.py``) and follow the editor's ``customer_shown``.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from salesdesk.domain import ownership
from salesdesk.domain.customers import Category
from salesdesk.domain.validation import FieldError
from salesdesk.services.customers.records import (
    CustomerDetail,
    CustomerDraft,
    CustomerGone,
    DuplicateHit,
)
from salesdesk.services.people import CurrentUser, Person
from salesdesk.ui import messages
from salesdesk.ui.customers.assignee import AssigneeBox
from salesdesk.ui.customers.banner import EditorBanner
from salesdesk.ui.customers.contacts import ContactsTable

_ERROR_STYLE = "color: #b3261e;"
_HINT_STYLE = "color: palette(placeholder-text);"


class CustomerEditor(QWidget):
    """Edits one customer. Emits ``save_requested`` with a draft; the page runs the save."""

    save_requested = Signal(object, bool)  # (CustomerDraft, allow_duplicates)
    open_requested = Signal(object)  # uuid of an existing customer (from the duplicate banner)
    customer_shown = Signal(object)  # the stored customer's id now shown (None: a new one)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._current: CustomerDraft = CustomerDraft()
        self._user: CurrentUser | None = None
        self._gone = False  # the customer shown was taken off this computer (see gone())
        self._error_labels: dict[str, QLabel] = {}
        self._hint_labels: dict[str, QLabel] = {}
        self._field_widgets: dict[str, QWidget] = {}
        self._build()
        self.retranslate()
        self.load(None)

    # --- construction -----------------------------------------------------------------

    def _line(self, key: str) -> QLineEdit:
        w = QLineEdit()
        w.setObjectName(f"field_{key}")
        self._field_widgets[key] = w
        return w

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("editorTitle")
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        outer.addWidget(self.title)

        self.banner = EditorBanner()
        self.banner_text = self.banner.text
        self.save_anyway = self.banner.save_anyway
        outer.addWidget(self.banner)

        self.form_scroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        form_box = QVBoxLayout(body)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form_box.addLayout(self.form)

        self.name = self._line("name")
        self.short_name = self._line("short_name")
        self.tax_id = self._line("tax_id")
        self.category = QComboBox()
        self.category.setObjectName("field_category")
        self._field_widgets["category"] = self.category
        self.tier = QLabel()
        self.tier.setObjectName("tierLabel")
        self.tier.setWordWrap(True)
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.setObjectName("field_region")
        self._field_widgets["region"] = self.region
        self.province = self._line("province")
        self.city = self._line("city")
        self.address = self._line("address")
        self.phone = self._line("phone")
        self.email = self._line("email")
        self.website = self._line("website")
        self.cadence = QSpinBox()
        self.cadence.setObjectName("field_visit_cadence_days")
        self.cadence.setRange(0, 365)
        self._field_widgets["visit_cadence_days"] = self.cadence
        self.salesperson = AssigneeBox()
        self._field_widgets["assigned_to_id"] = self.salesperson
        self.tags = self._line("tags")
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("field_notes")
        self.notes.setFixedHeight(70)
        self._field_widgets["notes"] = self.notes

        self._rows: list[tuple[str, QWidget]] = [
            ("name", self.name),
            ("short_name", self.short_name),
            ("category", self.category),
            ("tier", self.tier),
            ("tax_id", self.tax_id),
            ("region", self.region),
            ("province", self.province),
            ("city", self.city),
            ("address", self.address),
            ("phone", self.phone),
            ("email", self.email),
            ("website", self.website),
            ("visit_cadence_days", self.cadence),
            ("assigned_to_id", self.salesperson),
            ("tags", self.tags),
            ("notes", self.notes),
        ]
        self._row_labels: dict[str, QLabel] = {}
        for key, widget in self._rows:
            label = QLabel()
            self._row_labels[key] = label
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(1)
            box.addWidget(widget)
            hint = QLabel()
            hint.setObjectName(f"hint_{key}")
            hint.setStyleSheet(_HINT_STYLE)
            hint.setWordWrap(True)
            hint.hide()
            box.addWidget(hint)
            self._hint_labels[key] = hint
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setStyleSheet(_ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            box.addWidget(error)
            self._error_labels[key] = error
            self.form.addRow(label, holder)
        # The id HQ's tools ask for (salesdesk-hq assign): shown, selectable, not editable.
        self.id_label = QLabel()
        self.customer_id = QLineEdit()
        self.customer_id.setObjectName("customerId")
        self.customer_id.setReadOnly(True)
        self.customer_id.setFrame(False)
        self.form.addRow(self.id_label, self.customer_id)

        self.contacts_label = QLabel()
        self.contacts_label.setStyleSheet("font-weight: 600; margin-top: 8px;")
        form_box.addWidget(self.contacts_label)
        self.contacts = ContactsTable()
        form_box.addWidget(self.contacts)
        # Right under the grid: revealed with it when a contact is invalid.
        self.contact_errors = QLabel()
        self.contact_errors.setObjectName("contactErrors")
        self.contact_errors.setStyleSheet(_ERROR_STYLE)
        self.contact_errors.setWordWrap(True)
        self.contact_errors.hide()
        form_box.addWidget(self.contact_errors)
        contact_buttons = QHBoxLayout()
        self.add_contact = QPushButton()
        self.add_contact.setObjectName("addContact")
        self.remove_contact = QPushButton()
        self.remove_contact.setObjectName("removeContact")
        contact_buttons.addWidget(self.add_contact)
        contact_buttons.addWidget(self.remove_contact)
        contact_buttons.addStretch()
        form_box.addLayout(contact_buttons)
        form_box.addStretch()

        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        buttons.addWidget(self.status, 1)
        self.revert = QPushButton()
        self.save = QPushButton()
        self.save.setObjectName("saveCustomer")
        self.save.setDefault(True)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        outer.addLayout(buttons)

        self.add_contact.clicked.connect(self.contacts.add_contact)
        self.remove_contact.clicked.connect(self.contacts.remove_current)
        self.save.clicked.connect(lambda: self._request_save(False))
        self.save_anyway.clicked.connect(lambda: self._request_save(True))
        self.revert.clicked.connect(lambda: self.load_draft(self._current))
        self.banner.open_requested.connect(self.open_requested)

    # --- language ---------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        for key, label in self._row_labels.items():
            text = messages.field_label(key)
            label.setText(text + (" *" if key == "name" else ""))
        self.contacts_label.setText(self.tr("Contacts"))
        self.id_label.setText(self.tr("Customer ID"))
        self.customer_id.setToolTip(self.tr("The id HQ's tools ask for; select it to copy"))
        self.contacts.retranslate()
        self.add_contact.setText(self.tr("Add contact"))
        self.remove_contact.setText(self.tr("Remove contact"))
        self.save.setText(self.tr("Save"))
        self.revert.setText(self.tr("Revert"))
        self.banner.retranslate()
        self.cadence.setSpecialValueText(self.tr("By tier"))
        self.tags.setPlaceholderText(self.tr("Separate tags with commas"))
        self.phone.setPlaceholderText("0571-88886666")
        current = self.category.currentData()
        self.category.clear()
        for c in Category:
            self.category.addItem(messages.category_label(c.value), c.value)
        if current:
            self.category.setCurrentIndex(self.category.findData(current))
        self.salesperson.retranslate()
        self._update_title()
        self._show_ownership()
        if self.banner.duplicates:
            self.status.setText(self.tr("Not saved yet."))

    # --- who may change what ----------------------------------------------------------

    def set_user(self, user: CurrentUser | None) -> None:
        """Whom the laptop is logged in as. A salesperson sees HQ-owned fields (assignment)
        read-only: HQ would refuse the change and restore the value at the next sync."""
        clean = not self.is_dirty()
        self._user = user
        self.salesperson.set_user(user)
        if self.hq_fields_locked():
            # Edits to HQ-owned fields are dropped, not sent: show the values HQ keeps.
            self._show_assignment()
        self._show_ownership()
        if clean:  # what a new customer starts with may differ; it is not an edit
            self._snapshot = self.draft()

    def _writer(self) -> ownership.Writer | None:
        return self._user.writer if self._user is not None else None

    def hq_fields_locked(self) -> bool:
        writer = self._writer()
        return writer is not None and writer.bound

    def _locked_assignment(self) -> uuid.UUID | None:
        """What a salesperson's save keeps: the stored assignment, or, for a new customer,
        the salesperson (HQ gives a new customer to whoever created it)."""
        if self._current.id is None:
            return ownership.owner_of_new("customers", self._writer(), self._current.assigned_to_id)
        return self._current.assigned_to_id

    def _stored_assignment(self) -> uuid.UUID | None:
        """What a save keeps unless the user picks someone else."""
        if self.hq_fields_locked():
            return self._locked_assignment()
        return self._current.assigned_to_id

    def _show_assignment(self) -> None:
        """Selects the stored assignee (:meth:`AssigneeBox.show_person`)."""
        self.salesperson.show_person(self._stored_assignment())

    def _show_ownership(self) -> None:
        locked = self.hq_fields_locked()
        for key, widget in self._field_widgets.items():
            if not ownership.is_hq_owned("customers", key):
                continue
            widget.setEnabled(not locked)
            hint = self._hint_labels.get(key)
            if not locked:
                widget.setToolTip("")
                if hint is not None:
                    hint.hide()
                continue
            if key == "assigned_to_id" and self._current.id is None:
                text = self.tr(
                    "New customers you create are yours: HQ assigns them to their creator."
                )
            elif key == "assigned_to_id":
                text = self.tr("Assigned by HQ. Only HQ can give this customer to someone else.")
            else:
                text = self.tr("Set by HQ. Only HQ can change it.")
            widget.setToolTip(text)
            if hint is not None:
                hint.setText(text)
                hint.show()

    def _update_title(self) -> None:
        if self._current.id is None:
            self.title.setText(self.tr("New customer"))
        else:
            self.title.setText(self._current.name)

    # --- data in ----------------------------------------------------------------------

    def set_choices(self, people: list[Person], regions: list[str]) -> None:
        """``people``: whom a customer can be assigned to (salespeople: HQ takes no one else)."""
        clean = not self.is_dirty()
        self.salesperson.offer(
            people, self._stored_assignment(), keep_pick=not self.hq_fields_locked()
        )
        text = self.region.currentText()
        self.region.clear()
        self.region.addItems(regions)
        self.region.setCurrentText(text)
        if clean:  # filling in the choices is not an edit
            self._snapshot = self.draft()

    def load(self, detail: CustomerDetail | None) -> None:
        if detail is None:
            self.tier.setText("—")
            self.salesperson.set_known(None)
            self.load_draft(CustomerDraft())
            return
        self.salesperson.set_known(detail.assignee)
        self.tier.setText(
            self.tr("%1 · sales in the last 12 months: CNY %2 · visit every %3 days")
            .replace("%1", messages.tier_label(detail.tier))
            .replace("%2", f"{detail.sales_12m:,.2f}")
            .replace("%3", str(detail.effective_cadence_days))
        )
        self.load_draft(detail.draft)

    def load_draft(self, draft: CustomerDraft) -> None:
        self._current = draft
        self.clear_errors()
        self.banner.clear()
        self.save.setEnabled(True)
        self._gone = False
        self.name.setText(draft.name)
        self.short_name.setText(draft.short_name)
        self.tax_id.setText(draft.tax_id)
        self.category.setCurrentIndex(max(0, self.category.findData(draft.category)))
        self.region.setCurrentText(draft.region)
        self.province.setText(draft.province)
        self.city.setText(draft.city)
        self.address.setText(draft.address)
        self.phone.setText(draft.phone)
        self.email.setText(draft.email)
        self.website.setText(draft.website)
        self.cadence.setValue(draft.visit_cadence_days or 0)
        self._show_assignment()
        self.tags.setText(", ".join(draft.tags))
        self.notes.setPlainText(draft.notes)
        self.contacts.set_contacts(draft.contacts)
        self.status.setText("")
        self.customer_id.setText(str(draft.id) if draft.id is not None else "")
        self.form.setRowVisible(self.customer_id, draft.id is not None)
        self._update_title()
        self._show_ownership()
        self._snapshot = self.draft()
        self.customer_shown.emit(draft.id)

    def is_dirty(self) -> bool:
        """True when the form holds edits that are not saved (and could be: not those of a
        customer that is gone, see :meth:`gone`)."""
        return not self._gone and self.draft() != self._snapshot

    # --- data out ---------------------------------------------------------------------

    def draft(self) -> CustomerDraft:
        return CustomerDraft(
            id=self._current.id,
            name=self.name.text(),
            short_name=self.short_name.text(),
            tax_id=self.tax_id.text(),
            category=self.category.currentData() or "ordinary",
            industry=self._current.industry,  # not on the form: kept as loaded, never blanked
            region=self.region.currentText(),
            province=self.province.text(),
            city=self.city.text(),
            address=self.address.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            visit_cadence_days=self.cadence.value() or None,
            assigned_to_id=self._assignment(),
            tags=[t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()],
            notes=self.notes.toPlainText(),
            contacts=self.contacts.contacts(),
        )

    def _assignment(self) -> uuid.UUID | None:
        if self.hq_fields_locked():
            return self._locked_assignment()
        return self.salesperson.person()

    def _request_save(self, allow_duplicates: bool) -> None:
        self.clear_errors()
        self.banner.hide()
        self.status.setText(self.tr("Saving…"))
        self.save_requested.emit(self.draft(), allow_duplicates)

    # --- feedback ---------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self._error_labels.values():
            label.hide()
            label.clear()
        for widget in self._field_widgets.values():
            widget.setStyleSheet("")
        self.contacts.clear_marks()
        self.contact_errors.hide()
        self.contact_errors.clear()

    def show_errors(self, errors: list[FieldError]) -> None:
        """Marks each field in error and says what is wrong, in the user's language."""
        self.clear_errors()
        contact_lines = []
        for error in errors:
            if error.field.startswith("contacts."):
                _, index, key = error.field.split(".", 2)
                self.contacts.mark(int(index), key, messages.describe(error))
                contact_lines.append(messages.describe(error))
                continue
            label = self._error_labels.get(error.field)
            if label is not None:
                label.setText(messages.describe(error))
                label.show()
            widget = self._field_widgets.get(error.field)
            if widget is not None:
                widget.setStyleSheet("border: 1px solid #b3261e;")
        if contact_lines:
            self.contact_errors.setText("\n".join(contact_lines))
            self.contact_errors.show()
        self.status.setText(self.tr("Not saved: please correct the marked fields."))
        self._reveal_first_error({e.field for e in errors})

    def _reveal_first_error(self, fields: set[str]) -> None:
        """Scrolls to the topmost invalid field (with its message) and puts the cursor there;
        contacts come after the form's fields, and their message shows under the grid."""
        body = self.form_scroll.widget()
        layout = body.layout() if body is not None else None
        if layout is not None:
            layout.activate()  # the messages just shown take their place first
        for key, widget in self._rows:
            if key in fields and key in self._field_widgets:
                holder = widget.parentWidget()
                self.form_scroll.ensureWidgetVisible(holder if holder is not None else widget)
                widget.setFocus()
                return
        bad = sorted(
            (int(index), key)
            for _, index, key in (f.split(".", 2) for f in fields if f.startswith("contacts."))
        )
        if not bad:
            return
        index, key = bad[0]
        self.form_scroll.ensureWidgetVisible(self.contacts)
        self.form_scroll.ensureWidgetVisible(self.contact_errors)
        self.contacts.select(index, key)

    def show_duplicates(self, hits: list[DuplicateHit]) -> None:
        self.banner.show_duplicates(hits)
        self.status.setText(self.tr("Not saved yet."))

    def shown_id(self) -> uuid.UUID | None:
        """The stored customer the editor shows (None for a new one)."""
        return self._current.id

    def gone(self, reason: CustomerGone) -> None:
        """The customer shown is no longer on this computer (a sync took it off: HQ gave it
        to another salesperson, or deleted it). Says so and refuses to save: saving would
        make it again here, as a change HQ then refuses. What was typed stays readable."""
        self._gone = True
        self.banner.show_gone(messages.known_text(reason) or str(reason))
        self.save.setEnabled(False)
        self.status.setText(self.tr("Not saved."))

    def saved(self, detail: CustomerDetail) -> None:
        self.load(detail)
        self.status.setText(self.tr("Saved."))
