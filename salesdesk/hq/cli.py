"""``salesdesk-hq``: serve the API, manage accounts and assignments, load the demo."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from salesdesk.domain.people import Department

if TYPE_CHECKING:
    from salesdesk.hq.admin import CustomerMatch

DEPARTMENTS = tuple(d.value for d in Department)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise SystemExit("passwords differ")
    return first


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="salesdesk-hq", description=__doc__)
    parser.add_argument("--db", help="database URL (default: a SQLite file in the data dir)")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", dest="db_sub", metavar="URL", help="database URL")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP(S) API", parents=[common])
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--cert", help="TLS certificate (PEM); serve HTTPS")
    serve.add_argument("--key", help="TLS private key (PEM)")
    serve.add_argument("--log-level", default="warning")
    serve.add_argument("--docs", action="store_true",
                       help="serve the API documentation (/docs, /redoc, /openapi.json)")
    serve.add_argument("--blobs", metavar="DIR",
                       help="where attachments' bytes are kept (default: beside a SQLite "
                            "database, else in HQ's data directory)")
    serve.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                       help="a browser origin allowed to call the API (repeatable; none by "
                            "default)")

    sub.add_parser("migrate", help="bring the database schema up to date", parents=[common])

    user = sub.add_parser("user", help="manage accounts").add_subparsers(dest="action",
                                                                        required=True)
    add = user.add_parser("add", help="create an account", parents=[common])
    add.add_argument("username")
    add.add_argument("--role", choices=["sales", "hq"], default="sales")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--password-stdin", action="store_true")
    add.add_argument("--department", default="", choices=["", *DEPARTMENTS],
                     help="HQ staff's department: they see the promises it must deliver")
    dept = user.add_parser("department", help="put HQ staff in a department ('' = none)",
                           parents=[common])
    dept.add_argument("username")
    dept.add_argument("department", choices=["", *DEPARTMENTS])
    pw = user.add_parser(
        "passwd", help="set a new password (revokes the user's tokens)", parents=[common]
    )
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true")
    user.add_parser("list", help="list accounts", parents=[common])
    rv = user.add_parser("revoke", help="revoke every token of a user", parents=[common])
    rv.add_argument("username")

    assign = sub.add_parser(
        "assign", help="assign a customer to a salesperson", parents=[common]
    )
    assign.add_argument("customer", help="the customer's id, or (part of) its name")
    assign.add_argument("username")

    sub.add_parser(
        "demo", help="create two salespeople and an HQ user over demo customers",
        parents=[common],
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = getattr(args, "db_sub", None) or args.db or os.environ.get("SALESDESK_HQ_DB")

    from salesdesk.hq import db as hqdb

    url = hqdb.normalize_url(url or hqdb.default_url())
    hqdb.migrate(url)
    if args.command == "migrate":
        print("schema up to date")
        return 0
    if args.command == "serve":
        return _serve(args, url)

    from argon2 import PasswordHasher

    from salesdesk.domain.people import Role
    from salesdesk.hq import admin

    database = hqdb.open_database(url)
    hasher = PasswordHasher()
    try:
        if args.command == "user" and args.action == "add":
            user_id = admin.add_user(database, hasher, args.username, _password(args),
                                     role=Role(args.role), display_name=args.name,
                                     department=args.department)
            print(f"created {args.username} ({args.role}) {user_id}")
        elif args.command == "user" and args.action == "department":
            admin.set_department(database, args.username, args.department)
            print(f"{args.username}: department {args.department or '(none)'}")
        elif args.command == "user" and args.action == "passwd":
            admin.set_password(database, hasher, args.username, _password(args))
            print(f"password changed; {args.username}'s tokens are revoked")
        elif args.command == "user" and args.action == "revoke":
            print(f"revoked {admin.revoke(database, args.username)} token(s)")
        elif args.command == "user" and args.action == "list":
            for u in admin.list_users(database):
                state = "" if u.active else " (inactive)"
                dept = f" [{u.department}]" if u.department else ""
                print(f"{u.username:<16} {u.role:<6} {u.customers:>5} customers  "
                      f"{u.display_name}{dept}{state}")
        elif args.command == "assign":
            customer = _pick_customer(admin.find_customers(database, args.customer),
                                      args.customer)
            if customer is None:
                return 2
            admin.assign(database, customer.id, args.username)
            print(f"{customer.name} ({customer.id}) -> {args.username}")
        elif args.command == "demo":
            for username, password in admin.demo(database, hasher):
                print(f"{username}\t{password}")
    except admin.AdminError as exc:
        print(f"salesdesk-hq: {exc}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    return 0


def _pick_customer(matches: Sequence[CustomerMatch], asked: str) -> CustomerMatch | None:
    """The one customer ``asked`` names; several: a choice on a terminal, else a list and
    ``None`` (the caller exits non-zero)."""
    from salesdesk.hq.admin import MAX_MATCHES, AdminError

    if not matches:
        raise AdminError(f"no customer matches {asked!r}")
    if len(matches) == 1:
        return matches[0]
    if len(matches) > MAX_MATCHES:
        print(f"salesdesk-hq: more than {MAX_MATCHES} customers match {asked!r}; give more of "
              "the name, or the id", file=sys.stderr)
        return None
    lines = [f"  {i}. {m.name}  {m.city}  ({m.id})" for i, m in enumerate(matches, 1)]
    if sys.stdin.isatty() and sys.stdout.isatty():
        print(f"{len(matches)} customers match {asked!r}:", *lines, sep="\n")
        while True:
            try:
                answer = input(f"Which one (1-{len(matches)}, empty to cancel)? ").strip()
            except (EOFError, KeyboardInterrupt):
                answer = ""
            if not answer:
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(matches):
                return matches[int(answer) - 1]
    print(f"salesdesk-hq: {len(matches)} customers match {asked!r}; give the id of one:",
          *lines, sep="\n", file=sys.stderr)
    return None


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from salesdesk.hq import workers
    from salesdesk.hq.app import BLOBS_ENV, CORS_ENV, DB_ENV, DOCS_ENV
    from salesdesk.hq.nodelay import protocol_class
    from salesdesk.hq.ready import announce_when_ready

    if bool(args.cert) != bool(args.key):
        raise SystemExit("--cert and --key go together")
    os.environ[DB_ENV] = url  # the workers build their app from it
    os.environ[DOCS_ENV] = "1" if args.docs else "0"
    os.environ[CORS_ENV] = " ".join(args.cors_origin)
    if args.blobs:
        os.environ[BLOBS_ENV] = os.path.abspath(args.blobs)
    app = "salesdesk.hq.app:app_from_env"
    options: dict[str, Any] = {
        "factory": True, "host": args.host, "port": args.port, "workers": args.workers,
        "ssl_certfile": args.cert, "ssl_keyfile": args.key, "log_level": args.log_level,
        "access_log": False, "http": protocol_class(),
        "loop": "auto",  # uvloop when installed
    }
    with contextlib.ExitStack() as held:
        try:
            held.enter_context(workers.hold_port(args.port))
        except OSError as exc:
            print(f"salesdesk-hq: {exc}", file=sys.stderr)
            return 1
        announce_when_ready(args.host, args.port, workers=args.workers, tls=bool(args.cert),
                            docs=args.docs)
        if args.workers > 1 and workers.LINUX:
            workers.serve(uvicorn.Config(app, **options))
        else:
            uvicorn.run(app, **options)
    return 0
