"""SalesDesk: the field salesperson's working copy of the company's customer record."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("salesdesk")
except _metadata.PackageNotFoundError:  # running from a source tree or a frozen build
    __version__ = "0.1.0"
