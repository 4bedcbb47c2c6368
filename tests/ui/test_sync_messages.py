"""Every sync failure has its words (``ui/messages.py: _KNOWN``), worded once for the Sync page
and the error reporter alike."""

from __future__ import annotations

import pytest

import salesdesk.services.sync
import salesdesk.sync.errors
from salesdesk.kit.errors import KnownError, all_codes
from salesdesk.ui import messages

SYNC_CODES = sorted(code for code in all_codes() if code.startswith("sync."))


def test_every_sync_error_has_a_code_of_its_own() -> None:
    classes: list[type[KnownError]] = [
        *(v for v in vars(salesdesk.sync.errors).values()
          if isinstance(v, type) and issubclass(v, KnownError) and v is not KnownError),
        salesdesk.services.sync.NotLoggedIn,
    ]
    # OutOfOrder is shown as any failure of HQ's: the one class that shares its parent's code.
    codes = {c.code for c in classes if c is not salesdesk.sync.errors.OutOfOrder}
    assert len(codes) == len(classes) - 1
    assert all(code.startswith("sync.") for code in codes)
    assert set(SYNC_CODES) == codes


@pytest.mark.parametrize("code", SYNC_CODES)
def test_every_sync_code_has_words(code: str) -> None:
    exc = all_codes()[code].__new__(all_codes()[code])
    exc.params = {}
    text = messages.known_text(exc)
    assert text and text != code
