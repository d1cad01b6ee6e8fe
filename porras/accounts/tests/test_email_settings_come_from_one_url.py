"""PORRAS_EMAIL_URL configures Django's mail framework; a malformed value names the variable."""

from __future__ import annotations

import pytest

from porras.lib.env import ConfigError, env_email


def _read(value: str | None, default: str = "none") -> dict[str, object]:
    environ = {} if value is None else {"PORRAS_EMAIL_URL": value}
    return env_email("PORRAS_EMAIL_URL", default_backend=default, file_dir="/srv/porras/mail", environ=environ)


def test_smtp_with_starttls_and_a_percent_encoded_password() -> None:
    got = _read("smtp+starttls://porras%40example.org:p%40ss%3Aword@mail.example.org")
    assert got == {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "mail.example.org",
                   "EMAIL_PORT": 587, "EMAIL_HOST_USER": "porras@example.org", "EMAIL_HOST_PASSWORD": "p@ss:word",
                   "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False, "EMAIL_TIMEOUT": 20}


def test_smtps_and_plain_smtp_take_their_ports() -> None:
    assert _read("smtps://mail.example.org")["EMAIL_PORT"] == 465
    assert _read("smtps://mail.example.org")["EMAIL_USE_SSL"] is True
    assert _read("smtp://localhost:2525")["EMAIL_PORT"] == 2525


def test_a_file_folder_console_and_none() -> None:
    assert _read("file:///var/mail/porras") == {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                                                "EMAIL_FILE_PATH": "/var/mail/porras"}
    assert _read("console:")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    assert _read("none:")["EMAIL_BACKEND"].endswith("dummy.EmailBackend")


def test_unset_it_is_the_default_of_the_environment() -> None:
    assert _read(None, "file")["EMAIL_FILE_PATH"] == "/srv/porras/mail"
    assert _read(None, "none")["EMAIL_BACKEND"].endswith("dummy.EmailBackend")


def test_the_url_may_come_from_a_file(tmp_path) -> None:
    secret = tmp_path / "email_url"
    secret.write_text("smtps://u:secret@mail.example.org\n")
    got = env_email("PORRAS_EMAIL_URL", default_backend="none", file_dir="/x",
                    environ={"PORRAS_EMAIL_URL_FILE": str(secret)})
    assert got["EMAIL_HOST_PASSWORD"] == "secret"


@pytest.mark.parametrize("value", ["gopher://x", "smtp://", "file://relative/path", "smtp://host:notaport"])
def test_a_malformed_url_names_the_variable(value) -> None:
    with pytest.raises(ConfigError, match="^PORRAS_EMAIL_URL"):
        _read(value)
