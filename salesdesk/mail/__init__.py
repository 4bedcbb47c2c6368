"""Outgoing mail: composing (message), the offline-first outbox (outbox) and sending over SMTP
(sender). No Qt; used by services and the UI, never by domain, db or kit."""
