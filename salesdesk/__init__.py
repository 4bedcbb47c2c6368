"""SalesDesk: the field salesperson's working copy of the company's customer record."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # The version is looked up on first use: importlib.metadata costs ~60 ms at start-up.
    if name == "__version__":
        from importlib import metadata

        try:
            return metadata.version("salesdesk")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            return "0.1.0"
    raise AttributeError(name)
