from __future__ import annotations

from salesdesk.secrets import SecretStore
from tests.memory_keyring import MemoryKeyring


def test_secrets_go_to_the_keyring_and_survive_a_new_store(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore()
    assert store.persistent
    assert store.set("hq-token:x", "s3cret") is True
    assert memory_keyring.secrets == {("SalesDesk", "hq-token:x"): "s3cret"}
    assert SecretStore().get("hq-token:x") == "s3cret"  # as after a restart
    store.delete("hq-token:x")
    assert SecretStore().get("hq-token:x") is None


def test_without_a_keyring_secrets_last_the_session_only() -> None:
    store = SecretStore()  # the test environment has keyring's fail backend
    assert not store.persistent
    assert store.set("hq-token:x", "s3cret") is False
    assert store.get("hq-token:x") == "s3cret"
    assert SecretStore().get("hq-token:x") is None  # a new process would not have it
