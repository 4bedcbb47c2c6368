"""Use cases. They take and return plain dataclasses (each feature's records), never ORM objects
or sessions."""
