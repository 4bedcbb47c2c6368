"""Sync with HQ: the wire protocol and the laptop's HTTP client (no Qt here)."""
