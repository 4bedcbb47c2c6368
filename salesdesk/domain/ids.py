"""Client-generated identifiers.

Rows get their primary key on the laptop, so a retried create is the same row on the server
(docs/SYNC.md). UUIDv7 puts the creation time in the high bits, so keys sort roughly by age and
B-tree inserts stay local.
"""

from __future__ import annotations

import os
import threading
import time
import uuid


class _State:
    lock = threading.Lock()
    last_ms = 0
    counter = 0


def uuid7() -> uuid.UUID:
    """Returns a UUIDv7 (RFC 9562), monotonic within this process."""
    st = _State
    with st.lock:
        ms = time.time_ns() // 1_000_000
        if ms <= st.last_ms:
            ms = st.last_ms
            st.counter += 1
            if st.counter > 0xFFF:
                ms += 1
                st.counter = 0
        else:
            st.counter = int.from_bytes(os.urandom(2), "big") & 0x7FF
        st.last_ms = ms
        counter = st.counter
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand
    return uuid.UUID(int=value)
