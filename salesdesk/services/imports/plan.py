"""What every import shares: the Importer and Plan contract, row-by-row reports, the answers.

An import reads a file (:meth:`Importer.read`, with :mod:`.table`), guesses which column feeds
which field (:meth:`Importer.guess`, with :mod:`.headers`), checks every row against the store
(:meth:`Importer.check` → a :class:`Plan`: counts, the rows with problems, questions if any,
whether it can run) and writes the plan in one transaction (:meth:`Importer.run`). The import
dialog talks to these Protocols only: customers (:mod:`.customers`) and orders (:mod:`.orders`)
are two importers. What the UI says differs per kind (orders have a total, customers merge
rows); plans, results and importers call their kind's method of the UI's :class:`Wording`, so
the dialog words each kind from its own fields and checks no types.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from salesdesk.domain.validation import FieldError
from salesdesk.kit.errors import KnownError
from salesdesk.kit.jobs import JobState
from salesdesk.services.imports.table import Table

if TYPE_CHECKING:
    from salesdesk.services.imports.customers import ImportPlan, ImportResult
    from salesdesk.services.imports.orders import OrderImportResult, OrderPlan


class ImportMode(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"  # refuse when any row has an error
    VALID_ONLY = "valid_only"  # write the records whose rows are all valid


class WarningKind(StrEnum):
    DUPLICATE_NAME = "duplicate_name"  # an existing customer has the same name key
    DUPLICATE_PHONE = "duplicate_phone"  # an existing customer has this phone
    CONFLICT = "conflict"  # a later row of the same customer says something else; ignored
    LOOSE_MATCH = "loose_match"  # an order's customer found by short name or name key
    # A salesperson's import: the salesperson column names someone else. Only HQ assigns
    # customers (it refuses the whole new customer otherwise), so the customer is theirs.
    NOT_APPLIED = "not_applied"
    DUPLICATE_ROW = "duplicate_row"  # repeats an earlier row exactly (value: its number)
    UNASSIGNED = "unassigned"  # no such salesperson here; imported unassigned, as chosen


@dataclass(frozen=True)
class RowIssue:
    """An error in one source row; ``error.field`` is an import field (see ``headers``)."""

    row: int
    error: FieldError
    value: str = ""


@dataclass(frozen=True)
class RowWarning:
    """Something to look at that does not stop the import."""

    row: int
    kind: WarningKind
    field: str
    value: str = ""  # the shared phone, or the value that was ignored
    existing: str = ""  # the name of the existing customer it looks like


class SameCompany(StrEnum):
    """The answer to a :class:`Question`."""

    SEPARATE = "separate"  # a customer of their own
    MERGE = "merge"  # contacts added to the earlier rows' customer; its values are kept
    SKIP = "skip"  # not imported


@dataclass(frozen=True)
class Question:
    """Rows that may be the same company as earlier rows, which the user decides.

    Either their names differ only in a company form or punctuation (苏州汇能钢结构股份有限公司
    and 苏州汇能钢结构有限公司: the same name key), or the names are the same but the rows
    disagree (``differs``). ``suggested`` holds until the user answers: merge when the names
    are the same, else separate customers: different names may be different companies, and
    a file exported by SalesDesk must import back as it was without a click.
    """

    row: int  # the first of ``rows``: identifies the question
    rows: tuple[int, ...]
    name: str
    earlier_row: int
    earlier_name: str
    differs: tuple[str, ...]  # customer fields both sets of rows fill, with different values
    suggested: SameCompany


@dataclass(frozen=True)
class Choices:
    """The user's answers: to each question by its ``row``, and whether customers whose
    salesperson this store does not know are imported unassigned (else they are errors)."""

    same_company: Mapping[int, SameCompany] = field(default_factory=dict)
    unknown_salesperson_unassigned: bool = False

    def answer(self, question: Question) -> SameCompany:
        return self.same_company.get(question.row, question.suggested)


class Wording(Protocol):
    """How the UI words each kind of import (``ui/imports/words.py``), in the user's language."""

    def customer_import(self) -> str: ...
    def order_import(self) -> str: ...
    def customer_plan(self, plan: ImportPlan) -> str: ...
    def order_plan(self, plan: OrderPlan) -> str: ...
    def customer_result(self, result: ImportResult) -> str: ...
    def order_result(self, result: OrderImportResult) -> str: ...


class Plan(Protocol):
    """A checked file: what the dialog shows and what :meth:`Importer.run` writes."""

    @property
    def issues(self) -> tuple[RowIssue, ...]: ...
    @property
    def warnings(self) -> tuple[RowWarning, ...]: ...
    @property
    def questions(self) -> tuple[Question, ...]: ...
    @property
    def choices(self) -> Choices: ...
    @property
    def row_count(self) -> int:
        """Data rows that had something in a mapped column."""
    @property
    def error_rows(self) -> frozenset[int]: ...
    @property
    def has_errors(self) -> bool: ...
    @property
    def record_count(self) -> int:
        """Records (customers, orders) the file holds, valid or not."""
    @property
    def valid_count(self) -> int:
        """Records that :attr:`ImportMode.VALID_ONLY` writes."""

    def can_run(self, mode: ImportMode) -> bool:
        """Whether running in ``mode`` would write something rather than be refused."""

    def decide(self, choices: Choices) -> Plan:
        """The plan with these answers; no file or store is read again."""

    def summarized(self, words: Wording) -> str:
        """What only this kind of plan says (its :class:`Wording` method)."""


class Result(Protocol):
    """What a run wrote."""

    def summarized(self, words: Wording) -> str: ...


P = TypeVar("P", bound=Plan)  # invariant: a plan goes back to the importer that made it
R_co = TypeVar("R_co", bound=Result, covariant=True)


class Importer(Protocol[P, R_co]):
    """What the import dialog needs, with the store already wired in: the UI never sees a
    session. A plan goes back to the importer that made it."""

    @property
    def target_fields(self) -> Sequence[str]:
        """Every field a column can feed, in the order the mapping form shows them."""
    @property
    def required_fields(self) -> Sequence[str]: ...
    @property
    def ignored_fields(self) -> frozenset[str]:
        """Fields whose column is read only to report, row by row, that it is not applied."""

    def named(self, words: Wording) -> str:
        """The import's name (its :class:`Wording` method)."""

    def read(self, path: Path | str) -> Table:
        """Raises: TableError."""

    def guess(self, headers: Sequence[str]) -> dict[str, int]: ...

    def check(self, table: Table, mapping: Mapping[str, int],
              choices: Choices | None = None) -> P:
        """Raises: StoreWriteError (the store could not be read)."""

    def run(self, plan: P, mode: ImportMode | str, state: JobState) -> R_co:
        """Writes ``plan`` in one transaction; a refusal, an error or a cancel writes nothing.

        Raises: ImportRefused, StoreWriteError, Cancelled (and what the kind adds).
        """


class ImportRefused(KnownError):
    """All-or-nothing import of a plan with errors: nothing was written."""

    code = "imports.refused"

    def __init__(self, plan: Plan) -> None:
        self.errors = [i.error for i in plan.issues]
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))
        self.plan = plan


class StoreWriteError(KnownError):
    """The store could not be written (disk full, locked, damaged); nothing was imported.
    ``params``: ``reason`` (the database's words)."""

    code = "imports.store_write"

    def __init__(self, detail: str) -> None:
        super().__init__(detail, reason=detail)


class PlanOutdated(KnownError):
    """The store changed since the check so that the plan no longer holds; nothing was
    written and the file must be checked again (the dialog drops the plan)."""

