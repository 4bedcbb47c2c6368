"""Spreadsheets in and out: importing customers and orders, exporting the customer list.

``table`` reads a file into text cells, ``headers`` guesses which column feeds which field,
``plan`` is the contract every import keeps (the Importer and Plan Protocols the dialog talks
to), ``customers`` (with ``customer_rows``) and ``orders`` are the two imports, ``export``
writes the file that imports back as it was.
"""
