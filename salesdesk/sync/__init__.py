"""Sync with HQ (no Qt here; the contract is ``docs/SYNC.md``).

The package itself is the part shared with HQ and pure (no store, no HTTP): the wire protocol
(:mod:`.protocol`, which HQ imports), pulled pages (:mod:`.pulled`), push batches
(:mod:`.batches`), the failures (:mod:`.errors`) and what the sync loop needs of a store and of
HQ (:mod:`.ports`). The laptop's side is :mod:`salesdesk.sync.laptop`: the HTTP client, the
loop and the store writer. ``tests/test_architecture.py`` keeps the pure part free of the
laptop, the store and the services.
"""
