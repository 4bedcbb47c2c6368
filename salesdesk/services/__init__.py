"""Use cases. They take and return plain dataclasses (records.py), never ORM objects or sessions."""
