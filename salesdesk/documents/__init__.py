"""Files SalesDesk makes for people and other programs: printed PDFs, calendar files."""
