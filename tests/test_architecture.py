"""The dependency direction of STYLE.md, enforced on every import in salesdesk/.

``ui → services → {domain, db, sync, ...}``, ``db → domain``, ``domain → nothing``; Qt lives only in
``salesdesk/ui`` and the composition root ``salesdesk/app.py``; the HQ server runs without Qt and
nothing in the desktop app imports it.

Imports are read with :mod:`ast`, so the check sees module-level imports, imports inside functions
and ``if TYPE_CHECKING:`` blocks (a type-only import still ties the layers together), relative
imports, and ``importlib.import_module("...")`` / ``__import__("...")`` with a literal name.
Nothing is imported to run the check, so a broken module cannot hide a violation.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "salesdesk"


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name of the file that imports
    target: str  # dotted name of what it imports
    path: Path
    lineno: int

    def __str__(self) -> str:
        return f"{self.path}:{self.lineno}: {self.importer} imports {self.target}"


def module_name(path: Path, src_root: Path) -> str:
    parts = list(path.relative_to(src_root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _resolve_relative(importer: str, is_package: bool, level: int, module: str | None) -> str:
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    if level > 1:
        base = base[: -(level - 1)]
    return ".".join([*base, module] if module else base)


def _literal_import_call(node: ast.Call) -> str | None:
    """Name imported by ``importlib.import_module("x")`` or ``__import__("x")``, if literal."""
    func = node.func
    name = (
        func.attr
        if isinstance(func, ast.Attribute)
        else func.id
        if isinstance(func, ast.Name)
        else None
    )
    if name not in {"import_module", "__import__"} or not node.args:
        return None
    arg = node.args[0]
    if (
        isinstance(arg, ast.Constant)
        and isinstance(arg.value, str)
        and not arg.value.startswith(".")
    ):
        return arg.value
    return None


def imports_of(path: Path, src_root: Path, known_modules: set[str]) -> list[Import]:
    """Every import in one file, wherever it appears in the file."""
    importer = module_name(path, src_root)
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [Import(importer, a.name, path, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = (
                _resolve_relative(importer, is_package, node.level, node.module)
                if node.level
                else node.module or ""
            )
            for alias in node.names:
                # `from salesdesk import db` imports the module salesdesk.db, not just salesdesk.
                candidate = f"{base}.{alias.name}"
                target = candidate if candidate in known_modules else base
                found.append(Import(importer, target, path, node.lineno))
        elif isinstance(node, ast.Call) and (name := _literal_import_call(node)):
            found.append(Import(importer, name, path, node.lineno))
    return found


def collect_imports(src_root: Path, package: str = PACKAGE) -> list[Import]:
    files = sorted((src_root / package).rglob("*.py"))
    known = {module_name(f, src_root) for f in files}
    return [imp for f in files for imp in imports_of(f, src_root, known)]


def within(target: str, *prefixes: str) -> bool:
    """True when ``target`` is one of ``prefixes`` or a submodule of one."""
    return any(target == p or target.startswith(p + ".") for p in prefixes)


QT = ("PySide6", "shiboken6")
SQL = ("sqlalchemy", "alembic")


@dataclass(frozen=True)
class Rule:
    name: str
    applies_to: Callable[[str], bool]  # importer module name
    forbidden: Callable[[str], bool]  # imported name

    def violations(self, imports: Iterable[Import]) -> list[Import]:
        return [i for i in imports if self.applies_to(i.importer) and self.forbidden(i.target)]


def _internal_except(*allowed: str) -> Callable[[str], bool]:
    # The bare root package only carries __version__ and is imported by every submodule anyway.
    return lambda t: within(t, PACKAGE) and t != PACKAGE and not within(t, *allowed)


RULES = [
    Rule(
        "Qt (PySide6/shiboken6) is imported only in salesdesk/ui and salesdesk/app.py",
        lambda m: not within(m, "salesdesk.ui", "salesdesk.app"),
        lambda t: within(t, *QT),
    ),
    Rule(
        "salesdesk.hq never imports Qt, salesdesk.ui, salesdesk.services or salesdesk.db",
        lambda m: within(m, "salesdesk.hq"),
        lambda t: within(t, *QT, "salesdesk.ui", "salesdesk.services", "salesdesk.db"),
    ),
    Rule(
        "nothing outside salesdesk.hq imports salesdesk.hq",
        lambda m: not within(m, "salesdesk.hq"),
        lambda t: within(t, "salesdesk.hq"),
    ),
    Rule(
        "salesdesk.domain imports nothing from salesdesk but salesdesk.domain",
        lambda m: within(m, "salesdesk.domain"),
        _internal_except("salesdesk.domain"),
    ),
    Rule(
        "salesdesk.domain imports neither SQLAlchemy/Alembic nor Qt",
        lambda m: within(m, "salesdesk.domain"),
        lambda t: within(t, *SQL, *QT),
    ),
    Rule(
        "salesdesk.db imports from salesdesk only salesdesk.db, salesdesk.domain, "
        "salesdesk.sqltypes and salesdesk.kit (its known errors: StoreTooNew)",
        lambda m: within(m, "salesdesk.db"),
        _internal_except("salesdesk.db", "salesdesk.domain", "salesdesk.sqltypes",
                         "salesdesk.kit"),
    ),
    Rule(
        "salesdesk.services never imports salesdesk.ui",
        lambda m: within(m, "salesdesk.services"),
        lambda t: within(t, "salesdesk.ui"),
    ),
    Rule(
        "salesdesk.ui never imports SQLAlchemy/Alembic or salesdesk.db (it gets plain data)",
        lambda m: within(m, "salesdesk.ui"),
        lambda t: within(t, *SQL, "salesdesk.db"),
    ),
    Rule(
        "salesdesk.sqltypes (column types shared by the store and HQ) imports nothing from "
        "salesdesk and no Qt",
        lambda m: within(m, "salesdesk.sqltypes"),
        lambda t: within(t, *QT) or (within(t, PACKAGE) and t != PACKAGE),
    ),
    Rule(
        "salesdesk.kit (contracts every layer shares) imports from salesdesk only salesdesk.kit "
        "and salesdesk.domain, and neither Qt nor SQLAlchemy",
        lambda m: within(m, "salesdesk.kit"),
        lambda t: within(t, *QT, *SQL) or _internal_except("salesdesk.kit", "salesdesk.domain")(t),
    ),
]


@dataclass(frozen=True)
class ReachRule(Rule):
    """A rule on what modules reach, directly or through other modules (:func:`reachable`):
    a violation is the import that first reached a forbidden name."""

    def violations(self, imports: Iterable[Import]) -> list[Import]:
        imports = list(imports)
        start = {i.importer for i in imports if self.applies_to(i.importer)}
        reached = reachable(start, imports)
        return [via for name, via in reached.items() if via is not None and self.forbidden(name)]


def _pure_sync(module: str) -> bool:
    """The part of salesdesk.sync shared with HQ: no store, no HTTP client, no services."""
    return within(module, "salesdesk.sync") and not within(module, "salesdesk.sync.laptop")


RULES += [
    ReachRule(
        "salesdesk.hq never reaches salesdesk.db, salesdesk.services, salesdesk.ui or Qt, even "
        "through other modules",
        lambda m: within(m, "salesdesk.hq"),
        lambda t: within(t, *QT, "salesdesk.db", "salesdesk.services", "salesdesk.ui"),
    ),
    Rule(
        "the pure part of salesdesk.sync (all but salesdesk.sync.laptop) imports nothing of "
        "salesdesk.sync.laptop, salesdesk.db or salesdesk.services",
        _pure_sync,
        lambda t: within(t, "salesdesk.sync.laptop", "salesdesk.db", "salesdesk.services"),
    ),
    Rule(
        "salesdesk.documents (PDFs, calendar files) imports from salesdesk only "
        "salesdesk.documents, salesdesk.domain, salesdesk.kit and salesdesk.paths (where the "
        "bundled font is), and neither Qt nor SQLAlchemy",
        lambda m: within(m, "salesdesk.documents"),
        lambda t: (
            within(t, *QT, *SQL)
            or _internal_except(
                "salesdesk.documents", "salesdesk.domain", "salesdesk.kit", "salesdesk.paths"
            )(t)
        ),
    ),
]


RULES += [
    Rule(
        "salesdesk.mail (composing, the mail outbox, SMTP) imports from salesdesk only "
        "salesdesk.mail, salesdesk.domain, salesdesk.kit, salesdesk.db (its table, "
        "unit_of_work), salesdesk.settings and salesdesk.secrets, and no Qt",
        lambda m: within(m, "salesdesk.mail"),
        lambda t: (
            within(t, *QT)
            or _internal_except(
                "salesdesk.mail", "salesdesk.domain", "salesdesk.kit", "salesdesk.db",
                "salesdesk.settings", "salesdesk.secrets",
            )(t)
        ),
    ),
]


def reachable(start: Iterable[str], imports: Iterable[Import]) -> dict[str, Import | None]:
    """Modules imported, directly or through other salesdesk modules, from ``start``.

    Importing ``a.b.c`` also runs ``a/__init__`` and ``a/b/__init__``, so parents count too.
    Maps each reached name to the import that first reached it (None for the start modules).
    """
    edges: dict[str, list[Import]] = {}
    for imp in imports:
        edges.setdefault(imp.importer, []).append(imp)
    seen: dict[str, Import | None] = dict.fromkeys(start)
    todo = list(seen)
    while todo:
        for imp in edges.get(todo.pop(), []):
            parts = imp.target.split(".")
            for i in range(1, len(parts) + 1):
                name = ".".join(parts[:i])
                if name not in seen:
                    seen[name] = imp
                    todo.append(name)
    return seen


def _report(violations: list[Import]) -> str:
    return "\n".join(str(v) for v in violations)


@pytest.fixture(scope="module")
def project_imports() -> list[Import]:
    return collect_imports(ROOT)


def test_the_checker_sees_the_package(project_imports: list[Import]) -> None:
    importers = {i.importer for i in project_imports}
    assert "salesdesk.db.models" in importers
    assert any(i.target.startswith("sqlalchemy") for i in project_imports)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_dependency_rule(rule: Rule, project_imports: list[Import]) -> None:
    violations = rule.violations(project_imports)
    assert not violations, f"{rule.name}:\n{_report(violations)}"


def test_hq_does_not_reach_qt_or_the_desktop_app_indirectly(
    project_imports: list[Import],
) -> None:
    hq_modules = {i.importer for i in project_imports if within(i.importer, "salesdesk.hq")}
    reached = reachable(hq_modules, project_imports)
    bad = {
        name: via
        for name, via in reached.items()
        if via is not None and within(name, *QT, "salesdesk.ui", "salesdesk.app")
    }
    assert not bad, "\n".join(f"{name} via {via}" for name, via in bad.items())


# --- the checker checks itself on a synthetic package with one violation per rule ---------------

SYNTHETIC = {
    "salesdesk/__init__.py": "",
    "salesdesk/app.py": "from PySide6.QtWidgets import QApplication\nimport salesdesk.ui\n",
    "salesdesk/domain/__init__.py": "",
    "salesdesk/domain/rules.py": """
        from salesdesk import __version__  # the root package is allowed
        from . import money  # relative, stays in domain: allowed

        def tier():
            from salesdesk.db import models  # function-level, leaves domain
            import sqlalchemy.orm  # function-level
            return models
    """,
    "salesdesk/domain/money.py": "",
    "salesdesk/db/__init__.py": "",
    "salesdesk/db/models.py": """
        from typing import TYPE_CHECKING
        from ..domain import rules  # relative into domain: allowed
        from salesdesk.sqltypes import Money  # the shared column types: allowed
        if TYPE_CHECKING:
            from salesdesk.services import customers  # a type-only import still counts
    """,
    "salesdesk/services/__init__.py": "",
    "salesdesk/services/customers.py": """
        class CustomerService:
            def open(self):
                from salesdesk.ui import main_window
                return main_window
    """,
    "salesdesk/ui/__init__.py": "from PySide6 import QtWidgets\n",
    "salesdesk/ui/main_window.py": """
        from .. import db  # relative: salesdesk.db
        import importlib

        def rows():
            return importlib.import_module("sqlalchemy")
    """,
    "salesdesk/hq/__init__.py": "",
    "salesdesk/hq/server.py": """
        from salesdesk.sync import protocol
        from salesdesk.services.customers import CustomerService
        import shiboken6
        from salesdesk.sync import batches  # allowed itself, but it reaches the store
    """,
    "salesdesk/sync/__init__.py": "",
    "salesdesk/sync/protocol.py": """
        def show():
            __import__("PySide6.QtCore")
    """,
    "salesdesk/sync/client.py": "from salesdesk.hq import server\n",
    "salesdesk/sync/batches.py": """
        from salesdesk.sync import protocol  # pure: allowed
        from salesdesk.kit import errors  # allowed
        from salesdesk.sync.laptop import store
    """,
    "salesdesk/sync/laptop/__init__.py": "",
    "salesdesk/sync/laptop/store.py": """
        from salesdesk.db import models  # the laptop side may
        from salesdesk.sync import batches  # and use the pure part
    """,
    "salesdesk/sqltypes.py": "from salesdesk.domain import money\n",
    "salesdesk/kit/__init__.py": "",
    "salesdesk/kit/jobs.py": """
        from salesdesk.domain import money  # allowed
        from .errors import KnownError  # allowed
        from salesdesk.services import customers
        import PySide6.QtCore
    """,
    "salesdesk/kit/errors.py": "",
    "salesdesk/documents/__init__.py": "",
    "salesdesk/documents/ical.py": """
        from salesdesk.domain import money  # allowed
        from salesdesk.kit import errors  # allowed
        from . import visit_pdf  # allowed
        from salesdesk.services import customers
        from sqlalchemy import select
    """,
    "salesdesk/documents/visit_pdf.py": "",
    "salesdesk/mail/__init__.py": "",
    "salesdesk/mail/outbox.py": """
        from salesdesk.db.models import Base  # allowed: its table
        from salesdesk.kit import errors  # allowed
        from salesdesk.services import customers
        from salesdesk.ui import main_window
    """,
}


@pytest.fixture
def synthetic_imports(tmp_path: Path) -> list[Import]:
    for rel, text in SYNTHETIC.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return collect_imports(tmp_path)


def _pairs(rule_index: int, imports: list[Import]) -> set[tuple[str, str]]:
    return {(v.importer, v.target) for v in RULES[rule_index].violations(imports)}


def test_checker_catches_synthetic_violations(synthetic_imports: list[Import]) -> None:
    imports = synthetic_imports
    assert _pairs(0, imports) == {
        ("salesdesk.hq.server", "shiboken6"),
        ("salesdesk.sync.protocol", "PySide6.QtCore"),
        ("salesdesk.kit.jobs", "PySide6.QtCore"),
    }
    assert _pairs(1, imports) == {
        ("salesdesk.hq.server", "salesdesk.services.customers"),
        ("salesdesk.hq.server", "shiboken6"),
    }
    assert _pairs(2, imports) == {("salesdesk.sync.client", "salesdesk.hq.server")}
    assert _pairs(3, imports) == {("salesdesk.domain.rules", "salesdesk.db.models")}
    assert _pairs(4, imports) == {("salesdesk.domain.rules", "sqlalchemy.orm")}
    assert _pairs(5, imports) == {("salesdesk.db.models", "salesdesk.services.customers")}
    assert _pairs(6, imports) == {("salesdesk.services.customers", "salesdesk.ui.main_window")}
    assert _pairs(7, imports) == {
        ("salesdesk.ui.main_window", "salesdesk.db"),
        ("salesdesk.ui.main_window", "sqlalchemy"),
    }
    assert _pairs(8, imports) == {("salesdesk.sqltypes", "salesdesk.domain.money")}
    assert _pairs(9, imports) == {
        ("salesdesk.kit.jobs", "salesdesk.services.customers"),
        ("salesdesk.kit.jobs", "PySide6.QtCore"),
    }
    # Each forbidden name hq reaches, by the import that first reached it: salesdesk.db
    # through sync.batches (allowed to hq) → sync.laptop.store, Qt through sync.protocol and
    # the services' ui, the services directly.
    assert _pairs(10, imports) == {
        ("salesdesk.hq.server", "salesdesk.services.customers"),
        ("salesdesk.hq.server", "shiboken6"),
        ("salesdesk.services.customers", "salesdesk.ui.main_window"),
        ("salesdesk.sync.laptop.store", "salesdesk.db.models"),
        ("salesdesk.sync.protocol", "PySide6.QtCore"),
        ("salesdesk.ui", "PySide6"),
    }
    assert _pairs(11, imports) == {("salesdesk.sync.batches", "salesdesk.sync.laptop.store")}
    assert _pairs(12, imports) == {
        ("salesdesk.documents.ical", "salesdesk.services.customers"),
        ("salesdesk.documents.ical", "sqlalchemy"),
    }
    assert _pairs(13, imports) == {
        ("salesdesk.mail.outbox", "salesdesk.services.customers"),
        ("salesdesk.mail.outbox", "salesdesk.ui.main_window"),
    }


def test_checker_follows_indirect_imports(synthetic_imports: list[Import]) -> None:
    reached = reachable({"salesdesk.hq.server"}, synthetic_imports)
    # hq → services.customers → ui.main_window (function-level) → PySide6 via ui/__init__
    assert "salesdesk.ui.main_window" in reached
    assert reached["salesdesk.ui.main_window"] == next(
        i for i in synthetic_imports if i.importer == "salesdesk.services.customers"
    )
    assert "PySide6" in reached


def test_every_rule_is_exercised_by_the_synthetic_package(
    synthetic_imports: list[Import],
) -> None:
    assert all(rule.violations(synthetic_imports) for rule in RULES)
