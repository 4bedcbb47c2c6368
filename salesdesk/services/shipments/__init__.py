"""Shipment notices: records (what goes in and out), service (compose, send, track, rates),
mailing (a notice by email through the mail outbox, and the outbox's results written back)."""
