from django.apps import AppConfig


class IdempotencyConfig(AppConfig):
    name = "porras.idempotency"
    label = "idempotency"
