from __future__ import annotations

import os
import subprocess
import sys

import pytest

from porras.lib import env


def test_it_reads_booleans_in_the_usual_spellings() -> None:
    assert env.env_bool("X", environ={"X": "yes"}) is True
    assert env.env_bool("X", environ={"X": "0"}) is False
    assert env.env_bool("X", True, environ={}) is True


def test_it_refuses_a_malformed_boolean_naming_the_variable() -> None:
    with pytest.raises(env.ConfigError, match="PORRAS_DEBUG"):
        env.env_bool("PORRAS_DEBUG", environ={"PORRAS_DEBUG": "maybe"})


def test_it_refuses_an_integer_out_of_range() -> None:
    with pytest.raises(env.ConfigError, match="PORRAS_X: must be at least 1"):
        env.env_int("PORRAS_X", 5, minimum=1, environ={"PORRAS_X": "0"})


def test_it_refuses_an_unknown_database_scheme() -> None:
    with pytest.raises(env.ConfigError, match="PORRAS_DATABASE_URL"):
        env.env_database_url("PORRAS_DATABASE_URL", "sqlite:///x", environ={"PORRAS_DATABASE_URL": "mysql://x"})


def test_it_requires_a_secret_key_in_production() -> None:
    with pytest.raises(env.ConfigError, match="PORRAS_SECRET_KEY: required"):
        env.env_secret("PORRAS_SECRET_KEY", required=True, fallback_file=None, environ={})


def test_it_keeps_a_generated_local_secret_between_starts(tmp_path) -> None:
    path = str(tmp_path / "secret")
    first = env.env_secret("S", required=False, fallback_file=path, environ={})
    second = env.env_secret("S", required=False, fallback_file=path, environ={})
    assert first == second and len(first) >= 32


def _porras(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("PORRAS_")}
    environ.update(extra_env)
    return subprocess.run([sys.executable, "-m", "porras.cli", *args], capture_output=True, text=True,
                          env=environ, timeout=120)


def test_start_up_stops_with_the_variable_named_when_a_value_is_bad() -> None:
    result = _porras("check", PORRAS_DEBUG="perhaps")
    assert result.returncode != 0
    assert "PORRAS_DEBUG" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path) -> None:
    result = _porras("check", PORRAS_ENV="production", PORRAS_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "PORRAS_SECRET_KEY" in result.stderr


def test_start_up_refuses_a_sqlite_cache_below_sqlites_own_default() -> None:
    result = _porras("check", PORRAS_SQLITE_CACHE_MB="1")
    assert result.returncode != 0
    assert "PORRAS_SQLITE_CACHE_MB" in result.stderr


@pytest.mark.django_db
def test_each_sqlite_connection_gets_the_configured_page_cache() -> None:
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -settings.PORRAS_SQLITE_CACHE_MB * 1024


def test_it_reads_trusted_proxies_as_addresses_and_networks() -> None:
    networks = env.env_networks("P", environ={"P": "10.0.0.9, 192.168.0.0/24,2001:db8::/32"})
    assert [str(n) for n in networks] == ["10.0.0.9/32", "192.168.0.0/24", "2001:db8::/32"]
    assert env.env_networks("P", environ={}) == ()


def test_it_refuses_a_trusted_proxy_that_is_no_address_naming_the_variable() -> None:
    with pytest.raises(env.ConfigError, match="PORRAS_TRUSTED_PROXIES: 'proxy.example' is not"):
        env.env_networks("PORRAS_TRUSTED_PROXIES", environ={"PORRAS_TRUSTED_PROXIES": "10.0.0.1,proxy.example"})
