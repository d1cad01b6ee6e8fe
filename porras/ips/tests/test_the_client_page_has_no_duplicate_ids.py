"""The client page holds three forms (path, employer contact, job); the contact and the job both
ask for an employer, and each field keeps an id of its own, so that its label, its error and
assistive technology point at the right one (WCAG 4.1.1 / 1.3.1)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

from django.test import Client

from porras.ips import models as m

BACKEND = "django.contrib.auth.backends.ModelBackend"


def test_every_id_on_the_client_page_is_unique_and_each_label_points_at_its_own_field(cast: Any) -> None:
    path = m.ClientPath.objects.create(
        unit=cast.ips_unit, specialist=cast.ips_specialist, client_code="C-1", agreement_date=date(2025, 1, 2)
    )
    client = Client()
    client.force_login(cast.ips_specialist, backend=BACKEND)
    page = client.get(f"/ips/clients/{path.pk}/").content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    assert 'for="contact_employer"' in page
    assert 'for="job_employer"' in page
