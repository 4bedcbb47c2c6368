"""Importing customers and contacts from the spreadsheets salespeople already keep.

The flow is read → map → preview → run. Reading turns a CSV or XLSX file into text cells
(:mod:`.table`); mapping says which column feeds which field (:mod:`.headers`); :func:`preview`
builds customer drafts (:mod:`.customer_rows`), validates them with the same rules as the editor
and reports every problem by the row number the user sees in Excel; rows that only may be the
same company are questions for the user, answered with :meth:`ImportPlan.decide`;
:func:`run_import` writes in one transaction, so a refusal, an error or a cancel leaves the store
exactly as it was. A file written by :mod:`.export` imports back as it was.

Just over 500 lines, one concern: the customer import's plan, questions, duplicates and
writing; turning rows into drafts is already apart (:mod:`.customer_rows`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from salesdesk.db.customers import contacts_of, customers_by_name_key, customers_with_phones
from salesdesk.db.people import bound_user
from salesdesk.db.session import LocalSession, unit_of_work
from salesdesk.domain import ownership
from salesdesk.domain.clock import utcnow
from salesdesk.domain.names import name_key
from salesdesk.kit.changes import Changes
from salesdesk.kit.jobs import JobState
from salesdesk.services.customers.service import normalized, write_draft
from salesdesk.services.imports.customer_rows import (
    PlannedCustomer,
    RowGroup,
    Rows,
    add_row,
    build_customer,
    differences,
    exact_name,
    person_key,
)
from salesdesk.services.imports.headers import CUSTOMER_FIELDS, TARGET_FIELDS, guess_mapping
from salesdesk.services.imports.plan import (
    Choices,
    Importer,
    ImportMode,
    ImportRefused,
    PlanOutdated,
    Question,
    RowIssue,
    RowWarning,
    SameCompany,
    StoreWriteError,
    WarningKind,
    Wording,
)
from salesdesk.services.imports.table import Table, read_table
from salesdesk.services.people import CurrentUser, Person


@dataclass(frozen=True)
class ImportPlan:
    """Every row of the file ends in exactly one place: the first row of a new customer, a
    further row of one (merged), a row left out as the user chose (skipped), or a row of a
    customer with an error (failed): ``row_count`` is the sum of the four counts."""

    customers: tuple[PlannedCustomer, ...]
    issues: tuple[RowIssue, ...]
    warnings: tuple[RowWarning, ...]
    row_count: int  # data rows that had something in a mapped column
    questions: tuple[Question, ...] = ()
    choices: Choices = field(default_factory=Choices)
    skipped_rows: tuple[int, ...] = ()
    basis: _Basis | None = field(default=None, repr=False, compare=False)

    @property
    def error_rows(self) -> frozenset[int]:
        return frozenset(i.row for i in self.issues)

    @property
    def valid_customers(self) -> tuple[PlannedCustomer, ...]:
        return tuple(c for c in self.customers if c.valid)

    @property
    def valid_row_count(self) -> int:
        return sum(len(c.rows) for c in self.valid_customers)

    @property
    def merged_row_count(self) -> int:
        """Rows that add to a customer begun on an earlier row."""
        return self.valid_row_count - len(self.valid_customers)

    @property
    def failed_row_count(self) -> int:
        """Rows left out because their customer has an error."""
        return sum(len(c.rows) for c in self.customers if not c.valid)

    @property
    def has_errors(self) -> bool:
        return bool(self.issues)

    @property
    def record_count(self) -> int:
        return len(self.customers)

    @property
    def valid_count(self) -> int:
        return len(self.valid_customers)

    def can_run(self, mode: ImportMode) -> bool:
        if mode is ImportMode.ALL_OR_NOTHING:
            return not self.has_errors and bool(self.customers)
        return bool(self.valid_customers)

    def summarized(self, words: Wording) -> str:
        return words.customer_plan(self)

    def decide(self, choices: Choices) -> ImportPlan:
        """The plan with these answers; no file or store is read again."""
        if self.basis is None:
            raise ValueError("this plan was not made by preview()")
        return _resolve(self.basis, choices)


@dataclass
class _Basis:
    """What :meth:`ImportPlan.decide` needs to build the plan again for other answers."""

    units: list[Rows]  # rows that are certainly one customer, in order of their first row
    pairs: dict[int, tuple[int, int]]  # question row → (unit index, earlier unit index)
    questions: tuple[Question, ...]
    staff: Mapping[str, uuid.UUID]  # salesperson login or name key → id
    default_assignee: uuid.UUID | None
    own_names: frozenset[str] | None  # a salesperson's import: the names meaning "me"
    warnings: list[RowWarning]  # of rows, whatever the answers (duplicates, the store's)
    row_count: int
    built: dict[tuple[tuple[int, ...], bool],
                tuple[PlannedCustomer, list[RowIssue], list[RowWarning]]] = field(
        default_factory=dict)


def _units(rows: Iterable[tuple[int, dict[str, str]]], compared: Sequence[str]
           ) -> tuple[list[Rows], list[dict[str, str]], list[RowWarning]]:
    """Splits rows into sets that are certainly one customer each: rows with the same name
    (but for width, case and spacing) that do not disagree on any customer field. A row
    that repeats an earlier one exactly joins it, and is reported. Also returns each set's
    first value of each compared field."""
    units: list[Rows] = []
    unit_values: list[dict[str, str]] = []
    by_name: dict[str, list[int]] = {}
    twins: dict[tuple[str, ...], tuple[int, int]] = {}  # row's cells → (row, unit index)
    warnings: list[RowWarning] = []
    for number, values in rows:
        name = values.get("name", "").strip()
        cells = tuple(values.values())
        twin = twins.get(cells)
        index: int | None = None
        if twin is not None:
            warnings.append(RowWarning(number, WarningKind.DUPLICATE_ROW, "name", str(twin[0])))
            index = twin[1]
        elif name:
            index = next((i for i in by_name.get(exact_name(name), ())
                          if not differences(unit_values[i], values, compared)), None)
        if index is None:
            index = len(units)
            units.append([])
            unit_values.append({})
            if name:
                by_name.setdefault(exact_name(name), []).append(index)
        units[index].append((number, values))
        for f in compared:
            if values.get(f) and not unit_values[index].get(f):
                unit_values[index][f] = values[f]
        twins.setdefault(cells, (number, index))
    return units, unit_values, warnings


def _questions(units: list[Rows], unit_values: list[dict[str, str]], compared: Sequence[str]
               ) -> tuple[tuple[Question, ...], dict[int, tuple[int, int]]]:
    """A question for each set of rows whose name key an earlier set has."""
    first_of_key: dict[str, int] = {}
    questions: list[Question] = []
    pairs: dict[int, tuple[int, int]] = {}
    for index, unit in enumerate(units):
        name = unit[0][1].get("name", "").strip()
        if not name:
            continue
        key = name_key(name) or exact_name(name)
        earlier = first_of_key.setdefault(key, index)
        if earlier == index:
            continue
        differs = differences(unit_values[earlier], unit_values[index], compared)
        earlier_name = units[earlier][0][1]["name"].strip()
        same_name = exact_name(earlier_name) == exact_name(name)
        number = unit[0][0]
        questions.append(Question(
            number, tuple(r for r, _ in unit), name, units[earlier][0][0], earlier_name,
            differs, SameCompany.MERGE if same_name else SameCompany.SEPARATE))
        pairs[number] = (index, earlier)
    return tuple(questions), pairs


def _planned(basis: _Basis, rows: Rows, unknown_unassigned: bool
             ) -> tuple[PlannedCustomer, list[RowIssue], list[RowWarning]]:
    if unknown_unassigned and basis.own_names is None:
        # Only a customer whose salesperson is unknown here depends on the choice.
        named = next((v["salesperson"] for _, v in rows if v.get("salesperson")), "")
        unknown_unassigned = bool(named) and person_key(named) not in basis.staff
    key = (tuple(r for r, _ in rows), unknown_unassigned)
    if key not in basis.built:
        group = RowGroup()
        for number, values in rows:
            add_row(group, number, values, basis.own_names)
        planned, issues = build_customer(group, basis.staff, basis.default_assignee,
                                         unknown_unassigned)
        basis.built[key] = (planned, issues, group.warnings)
    return basis.built[key]


def _resolve(basis: _Basis, choices: Choices) -> ImportPlan:
    """The plan for these answers: merged sets of rows become one customer, skipped ones none."""
    joins: dict[int, int] = {}
    skipped: set[int] = set()
    for question in basis.questions:
        index, earlier = basis.pairs[question.row]
        answer = choices.answer(question)
        if answer is SameCompany.MERGE:
            joins[index] = joins.get(earlier, earlier)
        elif answer is SameCompany.SKIP:
            skipped.add(index)
    members: dict[int, Rows] = {}
    for index, unit in enumerate(basis.units):
        if index not in skipped:
            members.setdefault(joins.get(index, index), []).extend(unit)
    customers: list[PlannedCustomer] = []
    issues: list[RowIssue] = []
    warnings: list[RowWarning] = []
    for rows in members.values():
        planned, group_issues, group_warnings = _planned(
            basis, sorted(rows, key=lambda r: r[0]), choices.unknown_salesperson_unassigned)
        customers.append(planned)
        issues += group_issues
        warnings += group_warnings
    skipped_rows = tuple(sorted(r for i in skipped for r, _ in basis.units[i]))
    left_out = set(skipped_rows)
    warnings += [w for w in basis.warnings if w.row not in left_out]
    issues.sort(key=lambda i: (i.row, TARGET_FIELDS.index(i.error.field)
                               if i.error.field in TARGET_FIELDS else len(TARGET_FIELDS)))
    warnings.sort(key=lambda w: w.row)
    customers.sort(key=lambda c: c.rows[0])
    return ImportPlan(tuple(customers), tuple(issues), tuple(warnings), basis.row_count,
                      basis.questions, choices, skipped_rows, basis)


def preview(
    table: Table,
    mapping: Mapping[str, int],
    *,
    people: Iterable[Person] = (),
    default_assignee: uuid.UUID | None = None,
    factory: sessionmaker[LocalSession] | None = None,
    current_user: CurrentUser | None = None,
    choices: Choices | None = None,
) -> ImportPlan:
    """Groups rows into customers, validates them and reports problems row by row.

    Rows with the same company name become one customer with one contact per row, unless
    they disagree (a different phone, category…). Rows that only may be the same company as
    earlier ones (a name that differs in a company form, or that disagree) are a
    :class:`Question` with a suggested answer; :meth:`ImportPlan.decide` applies the user's.
    With a session ``factory``, customers that look like existing ones are flagged as
    warnings; they are still imported if the user goes ahead.

    ``people`` are whom the salesperson column may name, by login or by name. When
    ``current_user`` is a salesperson, every customer is theirs (assignment is HQ's): a
    salesperson column naming someone else is not applied, and each such row gets a
    ``NOT_APPLIED`` warning.
    """
    unknown = set(mapping) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"unknown import fields: {sorted(unknown)}")
    people = list(people)
    staff = {person_key(p.name): p.id for p in people}
    staff |= {person_key(p.username): p.id for p in people if p.username}
    own_names: frozenset[str] | None = None
    writer = current_user.writer if current_user is not None else None
    if current_user is not None and ownership.fixed_owner("customers", writer) is not None:
        default_assignee = current_user.id
        own_names = frozenset({person_key(p.name) for p in people if p.id == current_user.id}
                              | ({person_key(current_user.username)} - {""}))
    rows: Rows = []
    for row in table.rows:
        values = {f: table.cell(row, c) for f, c in mapping.items()}
        if any(values.values()):  # blank lines between blocks are common; not errors
            rows.append((row.number, values))
    compared = [f for f in CUSTOMER_FIELDS if f in mapping and f != "name"
                and not (f == "salesperson" and own_names is not None)]
    units, unit_values, warnings = _units(rows, compared)
    questions, pairs = _questions(units, unit_values, compared)
    basis = _Basis(units, pairs, questions, staff, default_assignee, own_names, warnings,
                   len(rows))
    if factory is not None:
        separate = [_planned(basis, unit, False)[0] for unit in units]
        basis.warnings += _existing_duplicates(factory, separate)
    return _resolve(basis, choices or Choices())


_PHONE_BATCH = 200
_REPO_LIMIT = 20  # customers_with_phones returns at most this many


def _existing_duplicates(factory: sessionmaker[LocalSession],
                         customers: Sequence[PlannedCustomer]) -> list[RowWarning]:
    """Warnings for planned customers whose name key or phone an existing customer shares."""
    warnings: list[RowWarning] = []
    phone_owner: dict[str, list[PlannedCustomer]] = {}
    with unit_of_work(factory) as session:
        for planned in customers:
            draft = normalized(planned.draft)
            key = name_key(draft.name)
            if key:
                hits = customers_by_name_key(session, key, None)
                if hits:
                    warnings.append(RowWarning(planned.rows[0], WarningKind.DUPLICATE_NAME,
                                               "name", draft.name, hits[0].name))
            for p in {draft.phone, *(c.mobile for c in draft.contacts),
                      *(c.landline for c in draft.contacts)} - {""}:
                phone_owner.setdefault(p, []).append(planned)
        # Phones are checked in batches; a batch that hits the repository's limit is split so
        # no match is lost, then each hit customer's own phones say which planned rows match.
        pending = [sorted(phone_owner)[i : i + _PHONE_BATCH]
                   for i in range(0, len(phone_owner), _PHONE_BATCH)]
        existing: dict[uuid.UUID, tuple[str, set[str]]] = {}
        while pending:
            batch = pending.pop()
            found = customers_with_phones(session, batch, None)
            if len(found) >= _REPO_LIMIT and len(batch) > 1:
                half = len(batch) // 2
                pending += [batch[:half], batch[half:]]
                continue
            for customer, phone in found:
                if customer.id in existing:
                    continue
                contacts = contacts_of(session, customer.id)
                phones = {phone, *(c.mobile for c in contacts), *(c.landline for c in contacts)}
                existing[customer.id] = (customer.name, phones - {""})
    flagged: set[tuple[int, str]] = set()
    for name, phones in existing.values():
        for p in sorted(phones & set(phone_owner)):
            for planned in phone_owner[p]:
                if (planned.rows[0], p) not in flagged:
                    flagged.add((planned.rows[0], p))
                    warnings.append(RowWarning(planned.rows[0], WarningKind.DUPLICATE_PHONE,
                                               "phone", p, name))
    return warnings


# --- writing ------------------------------------------------------------------------------


class AssignmentRefused(PlanOutdated):
    """The plan assigns customers to someone else, but the store now belongs to a salesperson
    (logged in after the check): HQ would refuse those customers. Nothing was written; the
    plan must be checked again."""

    code = "imports.assignment_refused"



@dataclass(frozen=True)
class ImportResult:
    """What was written. ``customers + merged_rows + skipped_rows + failed_rows`` is every
    row of the file that had something in a mapped column."""

    mode: ImportMode
    customers: int  # customers created (each from its first row)
    contacts: int  # contacts created
    merged_rows: int  # further rows of a created customer
    skipped_rows: int  # rows left out as the user chose
    failed_rows: int  # rows left out because their customer has an error
    failed_customers: int

    @property
    def changes(self) -> Changes:
        """New customers in the list and in the outbox."""
        return Changes(customers=True, sync_state=True)

    @property
    def rows(self) -> int:
        """Rows imported."""
        return self.customers + self.merged_rows

    def summarized(self, words: Wording) -> str:
        return words.customer_result(self)


_PROGRESS_EVERY = 25


def run_import(factory: sessionmaker[LocalSession], plan: ImportPlan,
               mode: ImportMode | str, state: JobState) -> ImportResult:
    """Writes the plan in one transaction; a cancel (``state.check``) rolls all of it back.

    A salesperson's customers are theirs: an unassigned one is given to them (as HQ does).

    Raises:
        ImportRefused: all-or-nothing mode and the plan has errors.
        AssignmentRefused: a salesperson's store, and the plan assigns to someone else.
        Cancelled: the user cancelled; nothing was written.
        StoreWriteError: the database refused the write; nothing was written.
    """
    mode = ImportMode(mode)
    if mode is ImportMode.ALL_OR_NOTHING and plan.has_errors:
        raise ImportRefused(plan)
    chosen = plan.valid_customers
    total = len(chosen)
    state.progress(0, total)
    contacts = 0
    try:
        with unit_of_work(factory) as session:
            user = CurrentUser.from_row(bound_user(session))
            writer = user.writer if user is not None else None
            now = utcnow()
            if any(
                ownership.refused(
                    "customers", writer, {"assigned_to_id": c.draft.assigned_to_id}, None, now
                )
                for c in chosen
            ):
                raise AssignmentRefused()
            for done, planned in enumerate(chosen):
                state.check()
                draft = planned.draft
                owner = ownership.owner_of_new("customers", writer, draft.assigned_to_id)
                draft = replace(draft, assigned_to_id=owner)
                write_draft(session, normalized(draft))
                contacts += len(planned.draft.contacts)
                if done % _PROGRESS_EVERY == 0:
                    state.progress(done, total)
            state.check()  # a cancel during the last customers still rolls back
    except OperationalError as exc:
        raise StoreWriteError(str(exc.orig)) from exc
    state.progress(total, total)
    return ImportResult(
        mode=mode,
        customers=total,
        contacts=contacts,
        merged_rows=plan.merged_row_count,
        skipped_rows=len(plan.skipped_rows),
        failed_rows=plan.failed_row_count,
        failed_customers=len(plan.customers) - total,
    )


class CustomerImporter:
    """What the import dialog needs, with the store and the salespeople already wired in.

    The UI never sees a session: it reads a table, checks a mapping, and runs a plan.
    """

    target_fields = TARGET_FIELDS
    required_fields = ("name",)

    def __init__(self, factory: sessionmaker[LocalSession], people: Sequence[Person],
                 default_assignee: uuid.UUID | None = None,
                 current_user: CurrentUser | None = None) -> None:
        """``people``: whom the salesperson column may name (salespeople: HQ assigns customers
        to no one else). ``current_user``: whom the laptop is logged in as."""
        self._factory = factory
        self._people = list(people)
        self._default_assignee = default_assignee
        self._user = current_user

    @property
    def assignment_locked(self) -> bool:
        """True for a salesperson: imported customers are theirs, the salesperson column is
        only read to say, row by row, that it is not applied."""
        writer = self._user.writer if self._user is not None else None
        return ownership.fixed_owner("customers", writer) is not None

    @property
    def ignored_fields(self) -> frozenset[str]:
        """A salesperson's customers are theirs (assignment is HQ's): the salesperson column
        is read only to report the rows that name someone else."""
        return frozenset({"salesperson"} if self.assignment_locked else ())

    def named(self, words: Wording) -> str:
        return words.customer_import()

    def read(self, path: Path | str) -> Table:
        return read_table(Path(path), guess_mapping)

    def guess(self, headers: Sequence[str]) -> dict[str, int]:
        return guess_mapping(headers)

    def check(self, table: Table, mapping: Mapping[str, int],
              choices: Choices | None = None) -> ImportPlan:
        try:
            return preview(table, mapping, people=self._people,
                           default_assignee=self._default_assignee, factory=self._factory,
                           current_user=self._user, choices=choices)
        except OperationalError as exc:
            raise StoreWriteError(str(exc.orig)) from exc

    def run(self, plan: ImportPlan, mode: ImportMode | str, state: JobState) -> ImportResult:
        return run_import(self._factory, plan, mode, state)



if TYPE_CHECKING:  # mypy checks that the dialog's contract holds
    def _conforms(importer: CustomerImporter) -> Importer[ImportPlan, ImportResult]:
        return importer
