from __future__ import annotations

from django.urls import path

from porras.navigator import printing, views

app_name = "navigator"

urlpatterns = [
    path("", views.self_assessment, name="start"),
    path("save/", views.save, name="save"),
    path("mine/", views.mine, name="mine"),
    path("mine/delete/", views.delete_mine, name="delete"),
    path("open/", views.open_code, name="open"),
    path("guardian/", views.guardian, name="guardian"),
    path("professional/", views.professional, name="professional"),
    # The result as a PDF (porras.navigator.printing): from the result page, and by a saved code.
    path("result.pdf", printing.result_pdf, name="result_pdf"),
    path("saved/", printing.saved_pdf, name="saved_pdf"),
    path("open/report.pdf", printing.opened_pdf, name="opened_pdf"),
]
