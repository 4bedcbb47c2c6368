"""``python -m salesdesk.hq``: the same as the ``salesdesk-hq`` command."""

from salesdesk.hq.cli import main

raise SystemExit(main())
