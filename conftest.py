"""Personas and a small world shared by every app's tests.

The world: a district with town A and commune B (both named "Long Phú", as in Long Phú district), a specialised
agency, one person per role, and a campaign with the plan's three targets. Tests ask for ``world`` and for
``client_as("officer_a")`` and friends; PERSONAS lists every role for access tables.

The world is written once per test session and committed (see ``CommittedWorld``), so every test sees it, whether
it asks for ``world`` or not; each test's own changes roll back. A module whose tests share heavier rows builds them
once in a fixture on ``module_world`` and hands each test ``refetched`` copies.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign
from thidua.organizations import services as org_services
from thidua.organizations.models import Role, Unit, UnitKind, User

PASSWORD = "correct-horse-battery-staple"

# persona → (role, unit key); "anonymous" signs in as nobody.
PERSONA_ROLES = {
    "officer_a": (Role.UNIT_OFFICER, "unit_a"),
    "head_a": (Role.UNIT_HEAD, "unit_a"),
    "officer_b": (Role.UNIT_OFFICER, "unit_b"),
    "head_b": (Role.UNIT_HEAD, "unit_b"),
    "district_officer": (Role.DISTRICT_OFFICER, "district"),
    "inspector": (Role.INSPECTOR, "district"),
    "council_member": (Role.COUNCIL_MEMBER, "district"),
    "chairman": (Role.CHAIRMAN, "district"),
    "viewer": (Role.VIEWER, "district"),
}
PERSONAS = ["anonymous", *PERSONA_ROLES]


@dataclass
class World:
    district: Unit
    unit_a: Unit
    unit_b: Unit
    agency: Unit
    campaign: Campaign
    users: dict[str, User] = field(default_factory=dict)

    def user(self, persona: str) -> User:
        return self.users[persona]


def make_unit(
    code: str, name: str, kind: str, parent: Unit | None = None, official_name: str = "", **extra
) -> Unit:
    return org_services.unit_create(
        actor=None,
        code=code,
        name=name,
        official_name=official_name or name,
        kind=kind,
        parent=parent,
        **extra,
    )


def make_user(username: str, role: str | None = None, unit: Unit | None = None) -> User:
    user = org_services.user_create(
        actor=None, username=username, password=PASSWORD, full_name=f"Người dùng {username}"
    )
    if role and unit:
        org_services.membership_grant(actor=None, user=user, unit=unit, role=role)
    return user


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in the product's language, whatever an earlier request left active in this thread."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_cache(settings):
    """A cache in memory (or Redis) outlives the test; the world's users keep their ids from test to test. The
    database cache (the default) needs no clearing: its rows go with the test's transaction."""
    from django.core.cache import cache

    if settings.CACHES["default"]["BACKEND"] != "django.core.cache.backends.db.DatabaseCache":
        cache.clear()


def build_world() -> World:
    district = make_unit(
        "t-huyen", "Long Phú", UnitKind.DISTRICT, official_name="Ủy ban nhân dân huyện Long Phú"
    )
    unit_a = make_unit(
        "t-tt-long-phu",
        "Long Phú",
        UnitKind.COMMUNE_COMMITTEE,
        district,
        official_name="Ủy ban nhân dân thị trấn Long Phú",
    )
    unit_b = make_unit(
        "t-xa-long-phu",
        "Long Phú",
        UnitKind.COMMUNE_COMMITTEE,
        district,
        official_name="Ủy ban nhân dân xã Long Phú",
    )
    agency = make_unit("t-phong-tu-phap", "Phòng Tư pháp", UnitKind.SPECIALIZED_AGENCY, district)
    campaign = campaign_services.campaign_create(
        actor=None,
        number="47/KH-UBND",
        title="Kế hoạch thử nghiệm văn hóa công sở",
        issue_date=date(2021, 4, 28),
        issuing_unit=district,
        period_start=date(2021, 1, 1),
        period_end=date(2022, 12, 31),
        participating_kinds=[
            UnitKind.SPECIALIZED_AGENCY,
            UnitKind.PUBLIC_SERVICE_UNIT,
            UnitKind.COMMUNE_COMMITTEE,
        ],
    )
    for position, (indicator, comparison, threshold, unit) in enumerate(
        [
            ("reform_models", "gte", Decimal("1"), "mô hình"),
            ("satisfaction_index", "gt", Decimal("90"), "%"),
            ("office_culture", "gte", Decimal("80"), "%"),
        ]
    ):
        campaign_services.target_create(
            actor=None,
            campaign=campaign,
            indicator=indicator,
            label=indicator,
            comparison=comparison,
            threshold=threshold,
            unit_of_measure=unit,
            position=position,
        )
    result = World(district=district, unit_a=unit_a, unit_b=unit_b, agency=agency, campaign=campaign)
    units = {"district": district, "unit_a": unit_a, "unit_b": unit_b}
    for persona, (role, unit_key) in PERSONA_ROLES.items():
        result.users[persona] = make_user(persona, role, units[unit_key])
    return result


class CommittedWorld:
    """The world, written to the test database once and committed; tests see it and roll back their own changes.

    Building it took most of the suite's time when every test built its own. A transactional test (the browser
    tests) ends by flushing every table, so after each test the world is checked and, if gone, built again.
    Tests get fresh instances fetched by primary key, so changing one in memory cannot leak into the next test.
    """

    def __init__(self) -> None:
        self.blocker = None
        self.unit_pks: dict[str, int] = {}
        self.campaign_pk: int | None = None
        self.user_pks: dict[str, int] = {}

    def build(self, blocker) -> None:
        from django.db import connection
        from django.test import override_settings
        from django.utils import translation

        self.blocker = blocker
        with blocker.unblock():
            # pytest sets up session fixtures before any test's transaction opens; built inside one, the world
            # would vanish with that test's rollback.
            assert not connection.in_atomic_block, "the shared world must be committed outside a test"
        with blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), translation.override("vi"):
            built = build_world()
        self.unit_pks = {key: getattr(built, key).pk for key in ("district", "unit_a", "unit_b", "agency")}
        self.campaign_pk = built.campaign.pk
        self.user_pks = {persona: user.pk for persona, user in built.users.items()}

    def rebuild_if_flushed(self) -> None:
        if self.blocker is None:
            return
        with self.blocker.unblock():
            present = Unit.objects.filter(pk=self.unit_pks["district"]).exists()
        if not present:
            self.build(self.blocker)

    def fetch(self) -> World:
        units = Unit.objects.in_bulk(self.unit_pks.values())
        users = User.objects.in_bulk(self.user_pks.values())
        result = World(
            **{key: units[pk] for key, pk in self.unit_pks.items()},
            campaign=Campaign.objects.get(pk=self.campaign_pk),
        )
        result.users = {persona: users[pk] for persona, pk in self.user_pks.items()}
        return result


COMMITTED_WORLD = CommittedWorld()


@pytest.fixture(scope="session")
def _committed_world(django_db_setup, django_db_blocker) -> CommittedWorld:
    COMMITTED_WORLD.build(django_db_blocker)
    return COMMITTED_WORLD


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # After the last test the test database is gone; otherwise a flush by this test is repaired here, outside
    # any test's transaction.
    if nextitem is not None:
        COMMITTED_WORLD.rebuild_if_flushed()
    return result


@pytest.fixture
def world(_committed_world, db) -> World:
    return _committed_world.fetch()


@pytest.fixture
def empty_database(_committed_world, db) -> None:
    """For the few tests that need a database without the world, such as seeding a fresh installation.

    The world's rows (and the audit entries that name them) are deleted inside the test's transaction, so they
    are back for the next test.
    """
    from thidua.core.models import AuditEntry
    from thidua.organizations.models import Membership

    AuditEntry.objects.all().delete()
    Campaign.objects.filter(pk=_committed_world.campaign_pk).delete()
    user_pks = _committed_world.user_pks.values()
    Membership.objects.filter(user__in=user_pks).delete()
    User.objects.filter(pk__in=user_pks).delete()
    units = _committed_world.unit_pks
    Unit.objects.filter(pk__in=units.values()).exclude(pk=units["district"]).delete()
    Unit.objects.filter(pk=units["district"]).delete()


@pytest.fixture(scope="module")
def module_world(_committed_world, django_db_blocker):
    """The world for module-scoped fixtures that build the same rows for every test of a module, once.

    Those rows are written in a transaction opened here; each test runs in a savepoint inside it, and the
    transaction rolls back when the module's tests are done, so nothing reaches another module. Tests must not use
    the instances built at module scope directly: pass them through ``refetched`` in a function-scoped fixture.
    Not for modules with transactional tests (they would flush inside the transaction). Build the rows inside
    ``with django_db_blocker.unblock():``; between tests the database stays blocked for tests that do not ask for it.
    """
    from django.db import transaction

    module_transaction = transaction.atomic()
    with django_db_blocker.unblock():
        module_transaction.__enter__()
        world = _committed_world.fetch()
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


def refetched(objects: dict) -> dict:
    """Fresh copies of model instances (by primary key), so a test changing one in memory cannot leak."""
    return {key: type(value).objects.get(pk=value.pk) for key, value in objects.items()}


@pytest.fixture
def client_as(world):
    """``client_as("officer_a")`` → a test client signed in as that persona (``"anonymous"``: not signed in)."""

    def make(persona: str) -> Client:
        client = Client()
        if persona != "anonymous":
            client.force_login(world.user(persona))
        return client

    return make


CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


@pytest.fixture
def browser_page(live_server):
    """A Playwright page in the system Chromium, pointed at the live server.

    Without Chromium the test is skipped with a message, unless REQUIRE_BROWSER=1 (set by .ci/run): then it fails.
    """
    import os
    import shutil

    executable = next((path for path in CHROMIUM_PATHS if shutil.which(path)), None)
    if executable is None:
        message = "system Chromium not found (Debian package 'chromium'); browser test not run"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(base_url=live_server.url, locale="vi-VN")
        page = context.new_page()
        page.set_default_timeout(15000)
        try:
            yield page
        finally:
            context.close()
            browser.close()


@pytest.fixture
def browser_login(browser_page):
    """``browser_login("canbo1", password)`` signs in through the real login form."""

    def login(username: str, password: str = PASSWORD):
        browser_page.goto("/accounts/login/")
        browser_page.fill("input[name=username]", username)
        browser_page.fill("input[name=password]", password)
        browser_page.click("#main form button[type=submit]")
        browser_page.wait_for_load_state()
        return browser_page

    return login


def pytest_sessionfinish(session, exitstatus):
    """Remove the SQLite test database's WAL and shared-memory files, which Django's teardown leaves behind."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "thidua.core.sqlite":
        for suffix in ("-wal", "-shm"):
            Path(f"{database['TEST']['NAME']}{suffix}").unlink(missing_ok=True)
