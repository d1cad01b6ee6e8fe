from __future__ import annotations

from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "porras.care"
    label = "care"
