"""Contracts shared by every layer and feature: jobs (progress and cancel), known errors (a code
the UI words once), changes (what an operation changed, so pages refresh themselves).

Pure Python: imports nothing of salesdesk but ``domain``, and no Qt.
"""
