"""The customer book.

``records`` (the plain data the UI and the services pass) and ``browse`` (the list's reads
over plain sqlite3) import no SQLAlchemy: the first paint needs them. ``service`` holds the
writes (:class:`~salesdesk.services.customers.service.CustomerService`), loaded after it.
Nothing is imported here, so importing a record never loads the write side.
"""
