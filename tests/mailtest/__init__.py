"""A real SMTP server on loopback (aiosmtpd) for tests and benchmarks."""
