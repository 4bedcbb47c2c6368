"""Visits: planning, outcomes and their printed documents (issue 13)."""
