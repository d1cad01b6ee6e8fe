"""In Chromium at phone width, in Finnish and Swedish: a professional records that the client has
children under 18 and that their situation was discussed in a Let's Talk about Children
discussion; the form and the episode page are axe clean."""

from __future__ import annotations

import datetime as dt

import pytest

from porras.care.models import Episode
from porras.care.tests.helpers import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAID = {
    "fi": ("Asiakkaan lapset", "Lasten tiedot tallennettiin.", "Lapset puheeksi -keskustelu"),
    "sv": ("Klientens barn", "Uppgifterna om barnen sparades.", "Föra barnen på tal -samtal"),
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_a_professional_records_the_children_on_a_phone(cast, phone_page, browser_tools, language) -> None:
    case = make_case(cast.clinician_a)
    page = phone_page
    page.context.add_cookies([{"name": "porras_language", "value": language, "url": page.base_url}])
    browser_tools.login(page, "clinician_a")
    page.goto(f"{page.base_url}/care/episodes/{case.episode.pk}/")
    title, saved, method = SAID[language]
    page.click(f"text={title}")
    browser_tools.assert_accessible(page)
    page.check("input[name=minor_children][value=yes]")
    page.fill("#id_children_discussed_date", dt.date.today().isoformat())
    page.check("input[name=children_discussion_method][value=lets_talk_about_children]")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#children")
    assert saved in page.content()
    assert method in page.inner_text("#children")
    browser_tools.assert_accessible(page)
    assert Episode.objects.get(pk=case.episode.pk).minor_children == "yes"
