from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender: AppConfig, **kwargs: Any) -> None:
    from django.core.management import call_command

    call_command("createcachetable", database=kwargs.get("using", "default"), verbosity=0)


class WebConfig(AppConfig):
    name = "porras.web"
    label = "web"

    def ready(self) -> None:
        # The shared cache lives in the database: keep its table present after every migrate.
        # post_migrate is sent only for apps with models, so listen for the accounts app's.
        from django.apps import apps

        post_migrate.connect(_create_cache_table, sender=apps.get_app_config("accounts"),
                             dispatch_uid="porras.web.cache_table")
