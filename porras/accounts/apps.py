from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_reference(sender: AppConfig, **kwargs: Any) -> None:
    from porras.accounts.services import load_counties

    load_counties()


class AccountsConfig(AppConfig):
    name = "porras.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # The county reference data is part of the schema's meaning: keep it present after migrate.
        post_migrate.connect(_load_reference, sender=self, dispatch_uid="porras.accounts.reference")

        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_login_failed

        from porras.accounts import login_audit

        user_login_failed.connect(login_audit.login_failed, dispatch_uid="porras.accounts.login_failed")
        user_locked_out.connect(login_audit.locked_out, dispatch_uid="porras.accounts.locked_out")
