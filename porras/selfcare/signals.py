"""An ended or voided episode takes its clients' access with it: the programmes end and every code
and sign-in stops, in the transaction that ended the episode (care does not import this app)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from porras.care.models import Episode


@receiver(post_save, sender=Episode, dispatch_uid="selfcare.episode_ended")
def episode_saved(sender: type[Episode], instance: Episode, created: bool, **kwargs: Any) -> None:
    if created or (instance.end_date is None and instance.voided_at is None):
        return
    from porras.selfcare.models import AccessCode, Assignment

    live = Assignment.objects.filter(episode_id=instance.pk, ended_at__isnull=True).exists() or \
        AccessCode.objects.filter(episode_id=instance.pk, revoked_at__isnull=True).exists()
    if live:
        from porras.selfcare.services import end_episode_access

        end_episode_access(instance.pk)
