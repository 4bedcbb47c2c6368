"""Files SalesDesk makes for people and other programs: printed PDFs, calendar files.

Pure: imports nothing of salesdesk but ``domain``, ``kit`` and ``paths`` (the bundled font),
and neither Qt nor SQLAlchemy; services call it and hand the bytes on (to a file the user
chose, a printer, a mail).
"""
