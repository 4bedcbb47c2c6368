"""The test SMTP server as a process of its own (benchmarks: it must not share the sender's
interpreter lock). Prints ``ready <port>``; when its stdin closes, prints ``received <n>``
(messages accepted) and exits.

    python -m tests.mailtest.serve [--port N]
"""

from __future__ import annotations

import argparse
import sys

from tests.mailtest.server import Inbox, free_port, smtp_server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    inbox = Inbox(keep=False)
    with smtp_server(inbox, args.port or free_port()) as server:
        print(f"ready {server.port}", flush=True)
        sys.stdin.read()
    print(f"received {inbox.count}", flush=True)


if __name__ == "__main__":
    main()
