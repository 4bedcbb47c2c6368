"""Persistence: models, sessions, repositories, migrations. Imports only salesdesk.domain."""
