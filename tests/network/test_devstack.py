"""`make run` refuses a taken port before starting anything, and says how to pick another."""

from __future__ import annotations

import socket

import pytest

from network import devstack


@pytest.fixture
def taken_port():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()[1]


def test_a_port_another_server_listens_on_is_in_use(taken_port):
    assert devstack.port_in_use("127.0.0.1", taken_port)


def test_a_free_port_is_not_in_use():
    port = devstack._free_port()
    assert not devstack.port_in_use("127.0.0.1", port)


def test_run_stops_before_starting_servers_and_names_another_port(taken_port, monkeypatch, capsys):
    def must_not_start():
        raise AssertionError("services started although the port is taken")

    monkeypatch.setattr(devstack, "services", must_not_start)
    assert devstack.run("127.0.0.1", taken_port) == 1
    err = capsys.readouterr().err
    assert f"port {taken_port} on 127.0.0.1 is already in use" in err
    assert f"ONSE_PORT={taken_port + 1} make run" in err


@pytest.mark.parametrize(
    ("configured", "expected"),
    [(None, "http://127.0.0.1:{port}"), ("https://onse.example.org", "https://onse.example.org")],
)
def test_links_in_emails_point_at_the_port_make_run_serves(monkeypatch, configured, expected):
    """`ONSE_PORT=8001 make run` must not email links to :8000; a SITE_URL from .env or the environment wins."""
    import contextlib

    class Stop(Exception):
        pass

    def stop(*args):
        raise Stop

    if configured is None:
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", configured)
    monkeypatch.setattr(devstack, "services", contextlib.nullcontext)
    monkeypatch.setattr(devstack, "_manage", stop)
    port = devstack._free_port()
    with pytest.raises(Stop):
        devstack.run("127.0.0.1", port)
    assert devstack.os.environ["SITE_URL"] == expected.format(port=port)
