"""Persistence: models, sessions, queries per feature, migrations. Imports only salesdesk.domain."""
