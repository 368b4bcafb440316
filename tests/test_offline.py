"""The offline proof: when scripts/test.sh runs the suite in a network namespace with only
loopback, it sets MLPRO_OFFLINE=1, and these tests prove that the internet is really out
of reach (in both phases) while this machine's own loopback still works."""

from __future__ import annotations

import os
import socket
import time

import pytest

OFFLINE = os.environ.get("MLPRO_OFFLINE") == "1"
PUBLIC_ADDRESSES = [("1.1.1.1", 443), ("8.8.8.8", 53), ("140.82.112.3", 443)]

pytestmark = pytest.mark.skipif(
    not OFFLINE, reason="MLPRO_OFFLINE is not set: scripts/test.sh did not isolate the network"
)


# One copy per pytest phase: phase 1 runs "not site", phase 2 runs "site".
PHASES = [pytest.param("phase 1", id="phase-1"), pytest.param("phase 2", marks=pytest.mark.site)]


@pytest.mark.parametrize("phase", PHASES)
def test_a_public_address_is_unreachable_at_once(phase):
    for address in PUBLIC_ADDRESSES:
        started = time.monotonic()
        with pytest.raises(OSError):
            socket.create_connection(address, timeout=5).close()
        # No route at all (not a slow firewall timeout): the namespace has no interface
        # but loopback.
        assert time.monotonic() - started < 1, address


@pytest.mark.parametrize("phase", PHASES)
def test_loopback_still_works(phase):
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass


@pytest.mark.parametrize("phase", PHASES)
def test_only_loopback_is_up(phase):
    interfaces = [name for _, name in socket.if_nameindex()]
    assert interfaces == ["lo"], interfaces
