"""The HQ server: the company's shared record that laptops sync with.

It imports only :mod:`salesdesk.domain` and :mod:`salesdesk.sync.protocol` from SalesDesk (no
Qt, no laptop store), and nothing imports it.
"""
