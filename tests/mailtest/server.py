"""A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps what it receives, and can be told to
misbehave as real servers do: refuse a recipient, answer 4xx, or drop the connection right
after the message's terminator arrived, without replying (the server has the message; the
client cannot know)."""

from __future__ import annotations

import asyncio
import datetime
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Delivery:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class Inbox:
    """The handler: what arrived, and how to misbehave next."""

    keep: bool = True  # False: count deliveries, keep no content (benchmarks)
    deliveries: list[Delivery] = field(default_factory=list)
    count: int = 0
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> "550 5.1.1 …"
    data_replies: list[str] = field(default_factory=list)  # next DATA replies, e.g. "451 …"
    drop_after_data: int = 0  # the next n messages: received, then the connection closes
    delay_after_data_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(  # aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # aiosmtpd's hook name
        self, server: Any, session: Any, envelope: Any
    ) -> str:
        with self.lock:
            reply = self.data_replies.pop(0) if self.data_replies else "250 OK"
            if reply.startswith("250"):
                self.count += 1
                if self.keep:
                    self.deliveries.append(Delivery(envelope.mail_from, list(envelope.rcpt_tos),
                                                    envelope.original_content))
            drop = self.drop_after_data > 0
            if drop:
                self.drop_after_data -= 1
        if self.delay_after_data_s:
            await asyncio.sleep(self.delay_after_data_s)
        if drop:
            server.transport.close()
        return reply


def self_signed(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and its key (PEM files): the certificate is its own CA."""
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = directory / "smtp-cert.pem", directory / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_file, key_file


@dataclass(frozen=True)
class Login:
    """The server asks for this login (and TLS first, as real servers do)."""

    username: str
    password: str
    cert_file: Path
    key_file: Path
    mode: Literal["starttls", "tls"] = "starttls"

    def authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str,
                     auth_data: Any) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == self.username
              and auth_data.password.decode() == self.password)
        return AuthResult(success=ok, handled=False)

    def context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


class SmtpServer:
    """aiosmtpd's Controller on a port of ours, startable again on the same port."""

    def __init__(self, inbox: Inbox | None = None, port: int | None = None,
                 login: Login | None = None) -> None:
        self.inbox = inbox or Inbox()
        self.port = port or free_port()
        self.login = login
        self._controller: Controller | None = None

    def start(self) -> None:
        kwargs: dict[str, Any] = {}
        if self.login is not None:
            kwargs = {"authenticator": self.login.authenticate, "auth_required": True,
                      "auth_require_tls": True}
            if self.login.mode == "starttls":
                kwargs |= {"tls_context": self.login.context(), "require_starttls": True}
            else:  # implicit TLS, which aiosmtpd does not see: it offers AUTH without
                # insisting on STARTTLS (and, as it then warns, without requiring AUTH)
                kwargs |= {"ssl_context": self.login.context(), "auth_require_tls": False,
                           "auth_required": False}
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


@contextmanager
def smtp_server(inbox: Inbox | None = None, port: int | None = None,
                login: Login | None = None) -> Iterator[SmtpServer]:
    server = SmtpServer(inbox, port, login)
    server.start()
    try:
        yield server
    finally:
        server.stop()
