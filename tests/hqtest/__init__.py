"""Test helpers for the HQ server and sync (importable as ``hqtest``: tests/ is on sys.path)."""
