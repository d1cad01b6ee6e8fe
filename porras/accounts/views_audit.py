"""The audit log page: filters, paging, human action names, CSV export for the data-protection officer.

Reading the log is reading client-level data (entries name client and episode ids), so each view and
each export is itself audited with the filters used. Who may read it: ``Perm.AUDIT_READ``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from porras.accounts import audit, audit_labels, audit_subjects, authz
from porras.accounts.forms import AuditFilterForm
from porras.accounts.models import AuditEntry
from porras.accounts.roles import Perm
from porras.lib.downloads import tabular_download
from porras.lib.errors import InputError

# A larger export is refused (narrow the time range) rather than cut short without saying so.
EXPORT_LIMIT = 100_000
CSV_COLUMNS = ["seq", "at", "username", "role", "action", "action_name", "object_type", "object_id", "outcome",
               "detail"]


class IdentityCodeRefused(InputError):
    """The client filter held an identity code."""


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _filtered(data: dict[str, Any]) -> tuple[QuerySet[AuditEntry], dict[str, Any]]:
    """The entries matching the form's cleaned ``data``, and what the audit entry of this read names."""
    entries = AuditEntry.objects.all()
    named: dict[str, Any] = {}
    if data.get("user"):
        entries = entries.filter(username=data["user"])
        named["user"] = data["user"]
    if data.get("action"):
        entries = entries.filter(action=data["action"])
        named["action"] = data["action"]
    if data.get("outcome"):
        entries = entries.filter(outcome=data["outcome"])
        named["outcome"] = data["outcome"]
    if data.get("since"):
        entries = entries.filter(at__gte=_midnight(data["since"]))
        named["since"] = data["since"].isoformat()
    if data.get("until"):  # the whole day, in Helsinki time
        entries = entries.filter(at__lt=_midnight(data["until"] + dt.timedelta(days=1)))
        named["until"] = data["until"].isoformat()
    if data.get("client"):
        try:
            found = audit_subjects.trail(data["client"])
        except InputError as exc:  # an identity code: refused, and not shown back either
            raise IdentityCodeRefused(exc.errors) from None
        if found is None:
            raise InputError.of("client", _("No client has this number."))
        entries = audit_subjects.entries_about(found, entries)
        named["client"] = found.client_id  # the pseudonymous id, never what was typed
    return entries.order_by("-seq"), named


def _rows(entries: Any) -> list[dict[str, Any]]:
    return [{"entry": e, "action_name": audit_labels.label(e.action), "outcome_name": audit_labels.outcome_label(e.outcome)}
            for e in entries]


def _csv(entries: QuerySet[AuditEntry]) -> list[dict[str, Any]]:
    return [{"seq": e.seq, "at": e.at.isoformat(), "username": e.username, "role": e.role, "action": e.action,
             "action_name": audit_labels.label(e.action), "object_type": e.object_type, "object_id": e.object_id,
             "outcome": e.outcome, "detail": json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail else ""}
            for e in entries.iterator(chunk_size=2000)]


@never_cache
@login_required
def audit_view(request: HttpRequest) -> HttpResponse:
    """GET: the newest entries. POST: the filters, a page, the CSV, or the chain check. The filters travel in
    the body, never in the address: what is typed into the client filter (even an identity code typed by
    mistake) stays out of browser histories, proxies' logs and the links of the page."""
    if not authz.may(request.user, Perm.AUDIT_READ):
        audit.record(request, "audit.read", "audit_log", "", outcome=audit.Outcome.DENIED)
        raise PermissionDenied(Perm.AUDIT_READ.value)
    params = request.POST.copy() if request.method == "POST" else QueryDict(mutable=True)
    if params and not params.get("size"):
        params["size"] = "50"  # shown as chosen, as it is used
    form = AuditFilterForm(params if request.method == "POST" else None)
    page = None
    too_many = False
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        try:
            entries, named = _filtered(data)
        except InputError as exc:
            if isinstance(exc, IdentityCodeRefused):
                params["client"] = ""  # the page does not repeat the code it refused
            form.add_error("client", str(exc.errors[0]["reason"]))
        else:
            if params.get("export") == "csv":
                total = entries.count()
                if total <= EXPORT_LIMIT:
                    audit.record(request, "audit.export", "audit_log", "", detail={**named, "rows": total})
                    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
                    return tabular_download(_csv(entries), CSV_COLUMNS, "csv", f"porras-audit-{stamp}")
                too_many = True
            size = data.get("size") or 50
            paginator = Paginator(entries, size)
            page = paginator.get_page(min(data.get("page") or 1, paginator.num_pages))
            audit.record(request, "audit.read", "audit_log", "",
                         detail={**named, "page": page.number, "entries": len(page.object_list)})
    verified = audit.verify() if params.get("verify") == "1" else None
    return render(request, "accounts/audit.html", {
        "form": form, "page": page, "rows": _rows(page.object_list) if page else [],
        "result": verified, "too_many": too_many, "export_limit": EXPORT_LIMIT,
    })
