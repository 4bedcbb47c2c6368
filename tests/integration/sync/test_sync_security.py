"""Scoping, tokens and TLS against a real HQ process."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from salesdesk.db.models import Contact, Customer
from salesdesk.domain.people import Role
from salesdesk.hq import schema, throttle
from salesdesk.sync.errors import CertificateInvalid, HQUnreachable, TokenExpired
from salesdesk.sync.laptop.http import HQClient
from salesdesk.sync.protocol import (
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    Cursor,
    Op,
    OpStatus,
    PullRequest,
    PushRequest,
)
from tests.hqtest.laptops import Laptop
from tests.hqtest.server import free_port, process_server


def _hlc() -> str:
    return f"{int(datetime.now(UTC).timestamp() * 1000):013d}-00000-attacker"


@pytest.fixture
def two_salespeople(laptops):
    alice, bob = laptops(Role.SALES), laptops(Role.SALES)
    for laptop in (alice, bob):
        laptop.sync()

    def make(session):
        customer = Customer(name="爱丽丝的客户", assigned_to_id=alice.user_id)
        session.add(customer)
        session.flush()
        contact = Contact(customer_id=customer.id, name="秘密联系人")
        session.add(contact)
        session.flush()
        return customer.id, contact.id

    cid, contact_id = alice.edit(make)
    alice.sync()
    return alice, bob, cid, contact_id


def test_other_salespersons_customer_is_not_pulled(two_salespeople):
    _, bob, cid, contact_id = two_salespeople
    bob.sync()
    view = bob.view()
    assert cid not in view["customers"] and contact_id not in view["contacts"]
    page = bob.client.pull(PullRequest(client_id=uuid.UUID(bob.store.client_id()),
                                       cursor=Cursor(version=0)))
    assert not {uuid.UUID(h) for g in page.rows for h in g.ids} & {cid, contact_id}


def test_writes_by_id_guessing_are_rejected_and_change_nothing(two_salespeople, hq_db):
    _, bob, cid, contact_id = two_salespeople
    client_id = uuid.UUID(bob.store.client_id())
    ops = [
        Op(op_id=900_001, entity="customers", row_id=cid, op="update",
           changes={"name": ["爱丽丝的客户", "被篡改"]}, hlc=_hlc()),
        Op(op_id=900_002, entity="contacts", row_id=contact_id, op="delete",
           changes={"deleted_at": [None, datetime.now(UTC).isoformat()]}, hlc=_hlc()),
        Op(op_id=900_003, entity="contacts", row_id=uuid.uuid4(), op="insert",
           changes={"customer_id": str(cid), "name": "插入的人"}, hlc=_hlc()),
        # Re-creating someone else's row under its id must not take it over either.
        Op(op_id=900_004, entity="customers", row_id=cid, op="insert",
           changes={"name": "抢走"}, hlc=_hlc()),
    ]
    result = bob.client.push(PushRequest(client_id=client_id, ops=ops))
    assert [r.status for r in result.results] == [OpStatus.REJECTED] * 4
    assert all(r.current is None for r in result.results)  # nothing about the row leaks
    # The reasons do not tell an existing row from a missing one.
    assert result.results[0].reason == "no such customers row"
    with hq_db.read() as conn:
        c, k = schema.customers, schema.ENTITY_TABLES["contacts"]
        assert conn.execute(select(c.c.name).where(c.c.id == cid)).scalar() == "爱丽丝的客户"
        assert conn.execute(select(k.c.deleted_at).where(k.c.id == contact_id)).scalar() is None
        assert conn.execute(select(k.c.id).where(k.c.name == "插入的人")).first() is None


def test_salesperson_cannot_touch_the_catalogue_or_accounts(laptops):
    bob = laptops(Role.SALES)
    bob.sync()
    client_id = uuid.UUID(bob.store.client_id())
    ops = [
        Op(op_id=1, entity="products", row_id=uuid.uuid4(), op="insert",
           changes={"code": "X", "name": "fake"}, hlc=_hlc()),
        Op(op_id=2, entity="users", row_id=bob.user_id, op="update",
           changes={"role": ["sales", "hq"]}, hlc=_hlc()),
    ]
    result = bob.client.push(PushRequest(client_id=client_id, ops=ops))
    assert [r.status for r in result.results] == [OpStatus.REJECTED] * 2


def test_revoked_and_bogus_tokens_are_refused(laptops, hq, hq_url):
    import subprocess
    import sys

    from tests.hqtest.server import REPO

    bob = laptops(Role.SALES)
    bob.sync()
    subprocess.run([sys.executable, "-m", "salesdesk.hq", "user", "revoke", bob.username,
                    "--db", hq_url], check=True, cwd=REPO, capture_output=True)
    with pytest.raises(TokenExpired):
        bob.sync()
    with HQClient(hq, token="not-a-token") as client, pytest.raises(TokenExpired):
        client.pull(PullRequest(client_id=uuid.uuid4(), cursor=Cursor(version=0)))


def test_tokens_are_stored_only_as_hashes(laptops, hq_db):
    bob = laptops(Role.SALES)
    token = bob.client.token
    with hq_db.read() as conn:
        hashes = set(conn.execute(select(schema.auth_token.c.token_hash)).scalars())
    assert token not in hashes
    import hashlib

    assert hashlib.sha256(token.encode()).hexdigest() in hashes


def test_token_is_nowhere_under_the_data_directory(laptops, tmp_path):
    bob = laptops(Role.SALES)

    def add(session):
        session.add(Customer(name="写点东西", assigned_to_id=bob.user_id))

    bob.sync()
    bob.edit(add)
    bob.sync()
    token = bob.client.token.encode()
    bob.engine.dispose()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert token not in path.read_bytes(), f"token found in {path}"


def _from(address: str, hq: str) -> httpx.Client:
    """A client whose connections come from ``address`` (any 127.x.y.z is loopback)."""
    return httpx.Client(base_url=hq, transport=httpx.HTTPTransport(local_address=address),
                        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})


def test_a_stranger_failing_cannot_lock_the_salesperson_out(hq, accounts):
    """Failures slow down the (user, address) they come from, more with each one; the real
    user at their own laptop logs in meanwhile with the right password."""
    username, password, _ = accounts.make(Role.SALES)

    with _from("127.0.0.2", hq) as stranger:
        def attempt(pw: str) -> httpx.Response:
            return stranger.post("/api/v1/login", json={"username": username, "password": pw})

        assert [attempt("guess").status_code for _ in range(2)] == [401] * 2  # typos are free
        failed_at = time.monotonic()
        assert attempt("guess").status_code == 401  # the third is free too, then waits begin
        waits = []
        for expected in (1, 2, 4):  # growing
            refused = attempt("guess")
            assert refused.status_code == 429 and refused.json()["code"] == "rate_limited"
            waits.append(int(refused.headers["Retry-After"]))
            # What is left of the wait, in whole seconds rounded up: at most the full wait, at
            # least what remained when the answer arrived (a loaded machine takes a while).
            assert expected - (time.monotonic() - failed_at) <= waits[-1] <= expected, waits
            # Not even the right password gets through from here while it must wait ...
            assert attempt(password).status_code == 429
            # ... while the salesperson, at their own address, gets in at once, every time.
            with HQClient(hq) as laptop:
                assert laptop.login(username, password).username == username
            time.sleep(waits[-1] + 0.05)
            failed_at = time.monotonic()
            assert attempt("guess").status_code == 401  # the wait is over: one more try
        hammering = [attempt("guess").status_code for _ in range(20)]
        assert set(hammering) == {429}  # refused attempts are not even checked
    with HQClient(hq) as laptop:
        laptop.login(username, password)


def test_one_address_failing_for_many_users_is_stopped(hq, accounts):
    """Password spraying: one address trying one guess for many usernames."""
    username, password, _ = accounts.make(Role.SALES)
    with _from("127.0.0.3", hq) as sprayer:
        statuses = [
            sprayer.post("/api/v1/login",
                         json={"username": f"nobody-{i}", "password": "guess"}).status_code
            for i in range(throttle.MAX_FAILURES_PER_ADDRESS + 1)
        ]
        assert statuses == [401] * throttle.MAX_FAILURES_PER_ADDRESS + [429]
        refused = sprayer.post("/api/v1/login",
                               json={"username": username, "password": password})
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    with HQClient(hq) as laptop:  # another address is not affected
        laptop.login(username, password)


def test_unreachable_server_is_reported():
    with HQClient(f"http://127.0.0.1:{free_port()}") as client, pytest.raises(HQUnreachable):
        client.hello()


# --- TLS ---------------------------------------------------------------------------------


def _certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A company CA and a server certificate for 127.0.0.1 signed by it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "SalesDesk Test CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                       critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    ca_file, cert_file = directory / "ca.pem", directory / "cert.pem"
    key_file = directory / "key.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return ca_file, cert_file, key_file


def test_https_with_company_ca(tmp_path, hq_url, accounts, template_store):
    ca, cert, key = _certificates(tmp_path)
    username, password, _ = accounts.make(Role.SALES)
    with process_server(hq_url, cert=cert, key=key) as base:
        assert base.startswith("https://")
        with HQClient(base) as untrusting, pytest.raises(CertificateInvalid):
            untrusting.hello()
        # Over TLS a browser is told to stay on HTTPS (HSTS); over HTTP it is not.
        hello = httpx.get(base + "/api/v1/hello", verify=ssl.create_default_context(cafile=ca))
        assert hello.headers["Strict-Transport-Security"].startswith("max-age=")
        assert hello.headers["X-Content-Type-Options"] == "nosniff"
        laptop = Laptop(template_store, tmp_path / "tls.sqlite3", base, ca_file=ca)
        try:
            laptop.login(username, password)
            assert laptop.sync().pages == 1
        finally:
            laptop.close()
