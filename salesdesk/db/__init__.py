"""Persistence: models, sessions, repositories and migrations. Imports nothing from services or ui."""
