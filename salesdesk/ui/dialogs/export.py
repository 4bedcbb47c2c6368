"""Placeholder replaced when the export service lands."""
