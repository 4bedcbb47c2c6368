"""Command line: ``salesdesk [--data-dir PATH] [--lang zh_CN|en] [--demo] [--self-test]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="salesdesk",
        description="SalesDesk: customers, visits, promises, shipment notices and complaints, "
        "offline, synced with HQ when you choose.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="where the store lives (default: the user's data directory)",
    )
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        default=None,
        help="interface language (default: Chinese, or English for an English system locale)",
    )
    parser.add_argument(
        "--demo", action="store_true", help="fill an empty store with realistic demo data"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open and migrate the store, render the window offscreen, exit",
    )
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    from salesdesk.app import Options, run

    return run(
        Options(
            data_dir=args.data_dir,
            lang=args.lang,
            demo=args.demo,
            self_test=args.self_test,
            startup_probe=args.startup_probe,
        )
    )


if __name__ == "__main__":
    sys.exit(main())
