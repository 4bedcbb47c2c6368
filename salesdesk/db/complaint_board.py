"""The columns of the complaint board's raw row (``db/complaints.py: board``), by position.

Apart from ``db/complaints.py`` so that what the Complaints page imports at the window's first
paint (``services/complaints/records.py``) does not load SQLAlchemy.
"""

from __future__ import annotations

from typing import Any

B_ID, B_REFERENCE, B_CUSTOMER_ID, B_CATEGORY, B_SEVERITY, B_STATUS, B_DEPARTMENT = range(7)
B_RECEIVED, B_DUE, B_FIRST_CONTACT, B_PAUSED = range(7, 11)
BoardRaw = tuple[Any, ...]
