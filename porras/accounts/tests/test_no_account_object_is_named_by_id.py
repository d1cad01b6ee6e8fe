"""No page or API operation of the accounts app takes the id of a user or a token, so none can tell
another's existing object (403) from a missing one (404): tokens are revoked by their prefix on the
command line, users are managed there too, and every web page acts on the signed-in user alone.
An operation added later that takes such an id must answer 404 for both; this test is its reminder."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from porras.api import api


def _accounts_routes() -> list[str]:
    found: list[str] = []
    for resolver in get_resolver().url_patterns:
        if isinstance(resolver, URLResolver) and resolver.namespace == "accounts":
            found += [str(p.pattern) for p in resolver.url_patterns if isinstance(p, URLPattern)]
    return found


def test_the_accounts_pages_take_no_id() -> None:
    routes = _accounts_routes()
    assert routes, "the accounts pages were not found"
    assert [r for r in routes if "<" in r] == []


def test_the_accounts_api_operations_take_no_id() -> None:
    from porras.accounts.api import router

    paths = {path for path, _ in router.path_operations.items()}
    assert paths, "the accounts router has no operations"
    assert [p for p in paths if "{" in p] == []
    documented = api.get_openapi_schema()["paths"]
    assert all(f"/api/v1{p}" in documented for p in paths)
