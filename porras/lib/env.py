"""Validated readers for ``PORRAS_*`` environment variables.

Each helper raises :class:`ConfigError` naming the variable and the reason, so that a bad value
stops start-up loudly instead of running with a surprising default.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping


class ConfigError(Exception):
    """A configuration value is missing or malformed."""


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, environ: Mapping[str, str] | None = None) -> str | None:
    source = os.environ if environ is None else environ
    value = source.get(name)
    if value is None:
        return default
    return value.strip()


def env_bool(name: str, default: bool = False, *, environ: Mapping[str, str] | None = None) -> bool:
    raw = env_str(name, None, environ=environ)
    if raw is None:
        return default
    lowered = raw.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ConfigError(f"{name}: expected one of 1/0, true/false, yes/no, on/off, got {raw!r}")


def env_int(
    name: str,
    default: int,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> int:
    raw = env_str(name, None, environ=environ)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}: expected a whole number, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigError(f"{name}: must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise ConfigError(f"{name}: must be at most {maximum}, got {value}")
    return value


def env_list(name: str, default: list[str], *, environ: Mapping[str, str] | None = None) -> list[str]:
    raw = env_str(name, None, environ=environ)
    if raw is None:
        return list(default)
    items = [part.strip() for part in raw.split(",") if part.strip()]
    if not items:
        raise ConfigError(f"{name}: expected a comma-separated list, got an empty value")
    return items


def env_choice(
    name: str, default: str, choices: tuple[str, ...], *, environ: Mapping[str, str] | None = None
) -> str:
    raw = env_str(name, None, environ=environ)
    if raw is None or raw == "":
        return default
    if raw not in choices:
        raise ConfigError(f"{name}: expected one of {', '.join(choices)}, got {raw!r}")
    return raw


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def env_networks(name: str, *, environ: Mapping[str, str] | None = None) -> tuple[IPNetwork, ...]:
    """Comma-separated IP addresses or networks (``10.0.0.5, 192.168.0.0/24``); empty when unset."""
    raw = env_str(name, None, environ=environ)
    if not raw:
        return ()
    networks = []
    for part in (p.strip() for p in raw.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ConfigError(f"{name}: {part!r} is not an IP address or network") from None
    return tuple(networks)


def env_database_url(name: str, default: str, *, environ: Mapping[str, str] | None = None) -> str:
    raw = env_str(name, None, environ=environ) or default
    scheme = raw.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "postgresql+psycopg"}:
        raise ConfigError(f"{name}: unsupported database scheme {scheme!r}; use sqlite:/// or postgresql://")
    return raw


def env_secret(
    name: str,
    *,
    required: bool,
    fallback_file: str | None,
    min_length: int = 32,
    environ: Mapping[str, str] | None = None,
) -> str:
    """A secret from ``NAME``, ``NAME_FILE`` or, for local use, a generated file under ``var/``."""
    value = env_str(name, None, environ=environ)
    file_name = env_str(f"{name}_FILE", None, environ=environ)
    if not value and file_name:
        try:
            with open(file_name, encoding="utf-8") as handle:
                value = handle.read().strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE: cannot read {file_name!r}: {exc.strerror}") from None
    if not value:
        if required or fallback_file is None:
            raise ConfigError(f"{name}: required (set {name} or {name}_FILE)")
        value = _local_secret(fallback_file)
    if len(value) < min_length:
        raise ConfigError(f"{name}: must be at least {min_length} characters long")
    return value


def _local_secret(path: str) -> str:
    import secrets

    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    try:
        with open(path, encoding="utf-8") as handle:
            existing = handle.read().strip()
        if existing:
            return existing
    except FileNotFoundError:
        pass
    value = secrets.token_urlsafe(48)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process created it first: use theirs
        with open(path, encoding="utf-8") as handle:
            return handle.read().strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    return value


def env_email(
    name: str, *, default_backend: str, file_dir: str, environ: Mapping[str, str] | None = None
) -> dict[str, object]:
    """Django's e-mail settings from one URL in ``NAME`` (or a file named by ``NAME_FILE``, so that
    an SMTP password need not sit in the environment):

    * ``smtp://USER:PASSWORD@HOST:PORT`` (no TLS: a relay on the same host), ``smtp+starttls://…``
      (STARTTLS, port 587 by default), ``smtps://…`` (TLS from the start, port 465 by default);
      user and password percent-encoded;
    * ``file:///DIR`` (each message a file in DIR), ``console:`` (standard output), ``none:`` (no
      e-mail: Porras shows set-password links to the administrator instead).

    Unset: ``default_backend`` (``file`` under ``file_dir``, ``none`` or ``locmem``).
    """
    from urllib.parse import unquote, urlsplit

    value = env_str(name, None, environ=environ)
    file_name = env_str(f"{name}_FILE", None, environ=environ)
    if not value and file_name:
        try:
            with open(file_name, encoding="utf-8") as handle:
                value = handle.read().strip()
        except OSError as exc:
            raise ConfigError(f"{name}_FILE: cannot read {file_name!r}: {exc.strerror}") from None
    if not value:
        value = {"file": f"file://{file_dir}", "none": "none:", "locmem": "locmem:"}[default_backend]
    try:
        url = urlsplit(value)
        port = url.port
    except ValueError:
        raise ConfigError(f"{name}: not a valid URL") from None
    scheme = url.scheme.lower()
    if scheme in {"smtp", "smtp+starttls", "smtps"}:
        if not url.hostname:
            raise ConfigError(f"{name}: an SMTP URL needs a host (smtp://HOST:PORT)")
        default_port = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}[scheme]
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": url.hostname,
            "EMAIL_PORT": port or default_port,
            "EMAIL_HOST_USER": unquote(url.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(url.password or ""),
            "EMAIL_USE_TLS": scheme == "smtp+starttls",
            "EMAIL_USE_SSL": scheme == "smtps",
            "EMAIL_TIMEOUT": 20,
        }
    if scheme == "file":
        if url.netloc not in ("", "localhost") or not url.path.startswith("/"):
            raise ConfigError(f"{name}: a file URL needs an absolute folder (file:///var/porras/mail)")
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": unquote(url.path)}
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "none":
        return {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"}
    raise ConfigError(f"{name}: unsupported scheme {scheme!r}; use smtp://, smtp+starttls://, smtps://, file:///DIR, "
                      "console: or none:")
