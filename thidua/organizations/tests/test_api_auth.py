"""The bearer-token check of the API keeps a token for a few seconds per process, and honours revocation after."""

from datetime import timedelta

from django.utils import timezone

from thidua.organizations import api_auth
from thidua.organizations.models import ApiToken
from thidua.organizations.services import api_token_create, api_token_revoke


def later(monkeypatch, seconds):
    now = api_auth.time.monotonic()
    monkeypatch.setattr(api_auth.time, "monotonic", lambda: now + seconds)


def test_a_token_used_again_within_the_cache_seconds_costs_no_query(world, django_assert_num_queries):
    token, secret = api_token_create(actor=None, name="Một cửa", unit=world.district)
    first = api_auth.cached_token(secret)
    assert first == token
    assert api_auth.allowed_unit_ids(
        type("Request", (), {"api_token": first})(), "collection_point.view"
    ) == {
        world.district.pk,
        world.unit_a.pk,
        world.unit_b.pk,
        world.agency.pk,
    }
    with django_assert_num_queries(0):
        assert api_auth.cached_token(secret) is first
        assert world.unit_b.pk in api_auth.unit_ids_for_token(first)


def test_a_revoked_token_is_refused_once_the_cache_seconds_have_passed(world, monkeypatch):
    token, secret = api_token_create(actor=None, name="Một cửa", unit=world.unit_a)
    assert api_auth.cached_token(secret) == token
    api_token_revoke(actor=None, token=token)
    later(monkeypatch, api_auth.TOKEN_CACHE_SECONDS + 0.1)
    assert api_auth.cached_token(secret) is None
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_a_wrong_secret_is_not_remembered_so_a_new_token_works_at_once(world):
    assert api_auth.cached_token("tdc_" + "x" * 40) is None
    token, secret = api_token_create(actor=None, name="Một cửa", unit=world.unit_a)
    assert api_auth.cached_token(secret) == token
    assert api_auth.cached_token(secret + "x") is None


def test_last_use_is_still_recorded_when_the_token_comes_from_the_cache(world, monkeypatch):
    token, secret = api_token_create(actor=None, name="Một cửa", unit=world.unit_a)
    api_auth.cached_token(secret)
    first_use = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first_use is not None and (timezone.now() - first_use).total_seconds() < 60
    later(monkeypatch, 3600)
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first_use - timedelta(minutes=5))
    api_auth.cached_token(secret)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first_use
