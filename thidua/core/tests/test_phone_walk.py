"""Every page of the product, for every persona, on a 360 × 740 phone: nothing wider than the screen, every tap
target at least 44 × 44 CSS pixels.

The pages come from the URL patterns (as in test_every_url.py), filled with real ids from the demo world, so a
page added later is walked too; a route whose argument the walk cannot fill fails the test until ``ARGUMENTS``
learns it. Each persona signs in once and walks in one browser page. A route is measured when it answers that
persona with an HTML page (200, or the 403 and 404 pages once each); downloads, redirects and POST-only actions
are not pages and are left out.

The tap-target rule (WCAG 2.1 SC 2.5.5, "Target Size", with its exceptions made precise):
- targets: visible ``a[href]``, ``button``, ``select``, ``summary``, ``input`` (except hidden ones) and the labels
  of checkboxes and radios;
- a checkbox or radio is tapped through its label: it passes when one of its labels is itself a passing target;
- inline exception: a link whose computed display is ``inline`` and whose nearest block container holds text
  outside links (it sits in a sentence or a line of text, such as "Export: XLSX · CSV") is exempt;
- not targets: elements with no box (inside a closed menu, ``hidden``), visually hidden ones (1 × 1 px) and
  ones moved off-screen until focused (the skip link).

``PHONE_SCREENSHOTS=<folder>`` also saves screenshots of the key pages at 360 and 1280 px wide.
"""

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
FOREIGN_PREFIXES = ("admin/", "api/", "i18n/")
# Test persona → demo account (thidua/organizations/demo.py); the demo has no head of commune B.
PERSONAS = {
    "anonymous": None,
    "officer_a": "canbo1",
    "head_a": "thutruong1",
    "officer_b": "canbo2",
    "district_officer": "noivu",
    "inspector": "thanhtra",
    "council_member": "hoidong1",
    "chairman": "chutich",
    "viewer": "xem",
}
SCREENSHOT_PAGES = {
    "start": "home",
    "progress": "campaign-progress",
    "points": "satisfaction-points",
    "audit": "audit-list",
    "inspection-form": "inspection-form",
}

MEASURE = """() => {
  const problems = [];
  function describe(el) {
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> "${text}"`;
  }
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > window.innerWidth) {
    // Name the innermost elements that stick out, so the failure says where to look.
    function clipped(el) {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== "visible") return true;
      }
      return false;
    }
    const out = [...document.body.querySelectorAll("*")].filter((el) => {
      const rect = el.getBoundingClientRect();
      return rect.width > 0 && rect.right > window.innerWidth + 1 && !clipped(el);
    });
    const innermost = out.filter((el) => !out.some((other) => other !== el && el.contains(other))).slice(0, 3);
    problems.push(`page is ${scrollWidth} px wide (screen ${window.innerWidth} px): ${innermost.map(describe).join(", ")}`);
  }
  const BLOCK = /^(block|flex|grid|table-cell|list-item|table-caption|flow-root)$/;
  function box(el) {
    if (el.getClientRects().length === 0) return null;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") return null;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1 || rect.right <= 0 || rect.bottom + window.scrollY <= 0) return null;
    return rect;
  }
  function big(rect) { return rect.width >= 43.5 && rect.height >= 43.5; }
  function inRunningText(link) {
    if (getComputedStyle(link).display !== "inline") return false;
    let block = link.parentElement;
    while (block && !BLOCK.test(getComputedStyle(block).display)) block = block.parentElement;
    if (!block) return false;
    const copy = block.cloneNode(true);
    copy.querySelectorAll("a, button, input, select, script, style").forEach((child) => child.remove());
    return /[\\p{L}\\p{N}:·,.]/u.test(copy.textContent);
  }
  const targets = document.querySelectorAll("a[href], button, select, summary, input:not([type=hidden]), label");
  for (const el of targets) {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute("type") || "").toLowerCase();
    if (tag === "label" && !(el.control && ["checkbox", "radio"].includes(el.control.type))) continue;
    const rect = box(el);
    if (!rect) continue;
    if (tag === "input" && ["checkbox", "radio"].includes(type)) {
      if ([...el.labels].some((label) => { const r = box(label); return r && big(r); })) continue;
    }
    if (tag === "a" && inRunningText(el)) continue;
    if (!big(rect)) problems.push(`${describe(el)} is ${Math.round(rect.width)}×${Math.round(rect.height)} px`);
  }
  return problems;
}"""


def walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(FOREIGN_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def seeded_world() -> tuple[dict, dict]:
    """The demo world plus a draft inspection, so the inspection form has something to record."""
    from thidua.campaigns.models import Campaign, Registration
    from thidua.initiatives.models import EvidenceFile, ModelStatus, ReformModel
    from thidua.inspections import services as inspection_services
    from thidua.inspections.models import (
        ChecklistItem,
        ChecklistTemplate,
        Finding,
        FindingPhoto,
        InspectionKind,
        Remediation,
        RemediationEvidence,
    )
    from thidua.organizations.models import ApiToken, Membership, Unit, User
    from thidua.surveys.models import CollectionPoint, Question, Questionnaire
    from thidua.surveys.questionnaires import seed_questionnaires

    # A transactional test that ran before this one flushed the rows the data migrations seeded; put them back.
    seed_questionnaires(Questionnaire, Question)
    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))  # noqa: SIM115
    town = Unit.objects.get(code="lp-tt-long-phu")
    draft = inspection_services.inspection_create(
        actor=User.objects.get(username="thanhtra"),
        unit=town,
        kind=InspectionKind.UNANNOUNCED,
        inspected_on=date(2021, 9, 1),
        template=ChecklistTemplate.objects.order_by("-pk").first(),
    )
    campaign = Campaign.objects.get(issuing_unit__code__startswith="lp-")  # the demo's, not the test world's
    from thidua.jobs.models import Job
    from thidua.jobs.services import job_enqueue

    job = Job.objects.filter(kind="surveys.import").first() or job_enqueue(
        actor=User.objects.get(username="canbo1"),
        kind="surveys.import",
        title="Nhập phiếu giấy",
        unit=town,
        params={"point": CollectionPoint.objects.filter(unit=town).first().pk},
        input_bytes=b"ngay,overall\n01/03/2021,5\n",
        input_name="phieu.csv",
    )
    public_evidence = EvidenceFile.objects.filter(is_public=True).first()
    submitted_model = ReformModel.objects.filter(status=ModelStatus.SUBMITTED).first()
    point = CollectionPoint.objects.filter(unit=town).first()
    remediation = Remediation.objects.first()
    by_argument = {
        "code": town.code,
        "unit_code": town.code,
        "campaign_id": campaign.pk,
        "target_id": campaign.targets.first().pk,
        "registration_id": Registration.objects.filter(unit=town).first().pk,
        "membership_id": Membership.objects.filter(unit=town).first().pk,
        "token_id": ApiToken.objects.first().pk if ApiToken.objects.exists() else 1,
        "inspection_id": draft.pk,
        "item_id": ChecklistItem.objects.filter(template=draft.template).first().pk,
        "template_id": draft.template_id,
        "questionnaire_id": Questionnaire.objects.get(code="sipas", is_current=True).pk,
        "photo_id": FindingPhoto.objects.first().pk,
        "finding_id": Finding.objects.filter(result="fail").first().pk,
        "remediation_id": remediation.pk,
        "model_id": (submitted_model or ReformModel.objects.first()).pk,
        "point_id": point.pk,
        "evidence_id": public_evidence.pk,
        "token": point.token,
        "job_id": job.pk,
        "user_id": User.objects.get(username="canbo1").pk,
        "identifier": "tien-do-thi-dua",  # an open-data dataset (thidua/public)
        "notification_id": notification_id(),
        **awards_arguments(),
        **reports_arguments(),
    }
    by_route = {
        ("awards-session-document", "slug"): "bien-ban",
        ("awards-decision-export", "slug"): "so-vang",
        ("awards-decision-export", "file_format"): "xlsx",
        ("remediation-evidence", "evidence_id"): RemediationEvidence.objects.first().pk,
        ("library-file", "token"): public_evidence.token,
        ("reports-unit-report-move", "move"): "submit",
        ("reports-compiled-download", "file_format"): "docx",
    }
    urls, public = {}, {}
    for route, pattern in walk(get_resolver().url_patterns):
        kwargs = {}
        for argument in pattern.pattern.converters:
            value = by_route.get((pattern.name, argument), by_argument.get(argument))
            if argument == "model_id" and (pattern.name.startswith("library") or "evidence" in route):
                value = public_evidence.model_id  # the library shows approved models; evidence is per model
            assert value is not None, (
                f"the walk has no id for <{argument}> in {route}: add one to seeded_world()"
            )
            kwargs[argument] = value
        urls[pattern.name or route] = reverse(pattern.name, kwargs=kwargs) if pattern.name else "/" + route
        public[pattern.name or route] = getattr(pattern.callback, "is_public", False)
    return urls, public


def notification_id() -> int:
    """A notification of the demo (POST-only routes: the walk only needs an id)."""
    from thidua.notifications.models import Notification

    return Notification.objects.values_list("pk", flat=True).first() or 1


def awards_arguments() -> dict:
    """Ids from the awards demo: the decided 2021 round, its session, decision, an awarded unit and rule, a flag
    and the certificate blank."""
    from thidua.awards import models as awards

    session = awards.CouncilSession.objects.first()
    return {
        "rule_id": awards.CouncilRule.objects.first().pk,
        "flag_id": awards.EligibilityFlag.objects.first().pk,
        "round_id": session.round_id,
        "entry_id": awards.EvaluationEntry.objects.filter(round=session.round).first().pk,
        "figure_id": awards.EvaluationFigure.objects.first().pk,
        "session_id": session.pk,
        "member_id": session.members.first().pk,
        "result_id": session.results.first().pk,
        "decision_id": awards.AwardDecision.objects.first().pk,
        "award_id": awards.AwardedUnit.objects.first().pk,
        "blank_id": awards.CertificateBlank.objects.first().pk,
        "year": session.round.year,
        "file_format": "docx",
    }


def reports_arguments() -> dict:
    """The demo's 2022 annual report period (its town of Long Phú report was returned with comments)."""
    from thidua.reports.models import ReportPeriod

    return {"period_id": ReportPeriod.objects.order_by("-window_end").first().pk}


NOT_A_PAGE = "x-phone-walk-not-a-page"


def only_pages(route) -> None:
    """Let HTML pages through; answer anything else (redirect, 405, download) with an empty marked page.

    The walk asks for every route with GET; this keeps Chromium from starting downloads or showing its own error
    pages, and each page is still rendered by the server only once.
    """
    if not route.request.is_navigation_request():
        route.continue_()
        return
    response = route.fetch(max_redirects=0)
    html = response.headers.get("content-type", "").startswith("text/html")
    if html and response.status in (200, 403, 404):
        route.fulfill(response=response)
    else:
        route.fulfill(
            status=200, content_type="text/html", body="", headers={NOT_A_PAGE: str(response.status)}
        )


def visit(page, url: str) -> int:
    """Open ``url``: its status, 0 for an HTML page that is not a page (a redirect, a download)."""
    response = page.goto(url, wait_until="load")
    if NOT_A_PAGE in response.headers:
        return int(response.headers[NOT_A_PAGE]) if response.headers[NOT_A_PAGE] == "405" else 0
    return response.status


def test_every_page_fits_a_phone_for_every_persona(live_server, browser_page):
    from thidua.organizations.models import User

    urls, public = seeded_world()
    screenshots = os.environ.get("PHONE_SCREENSHOTS")
    browser = browser_page.context.browser
    problems, measured, post_only = [], set(), set()
    for persona, username in PERSONAS.items():
        user = User.objects.get(username=username) if username else None
        phone = browser.new_context(base_url=live_server.url, locale="vi-VN", viewport=PHONE)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies["sessionid"]
            phone.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        page = phone.new_page()
        page.set_default_timeout(15000)
        page.route(lambda url: "/static/" not in url and "/media/" not in url, only_pages)
        error_pages = set()
        for name, url in sorted(urls.items()):
            if (user is None and not public[name]) or name in post_only:
                # Signed out, only public views answer with a page (test_every_url.py checks the rest); a route
                # that refused GET once (405) refuses it for everyone.
                continue
            status = visit(page, url)
            if status == 405:
                post_only.add(name)
            if status not in (200, 403, 404) or status in error_pages:
                continue  # not a page for this person (redirect, POST only, download), or an error page seen
            if status == 200:
                measured.add(name)
            else:
                error_pages.add(status)
            problems += [f"{persona} {url}: {problem}" for problem in page.evaluate(MEASURE)]
            if name == "home" and page.locator("details.menu > summary").count():
                # The menu starts folded on a phone, opens, and what it holds is tappable too.
                assert page.locator("details.menu[open]").count() == 0
                page.click("details.menu > summary")
                assert page.locator("details.menu[open]").count() == 1
                problems += [f"{persona} {url} (menu open): {problem}" for problem in page.evaluate(MEASURE)]
        if screenshots and persona in ("district_officer", "inspector", "officer_a"):
            take_screenshots(page, urls, Path(screenshots), persona)
        phone.close()
    # The walk reached the pages people use most; a broken seed would otherwise pass silently.
    assert {"home", "audit-list", "campaign-progress", "satisfaction-points", "inspection-form"} <= measured
    assert {"checklist-list", "campaign-detail", "unit-list", "reform-model-appraise"} <= measured
    assert not problems, "\n".join(problems)


def take_screenshots(page, urls, folder: Path, persona: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for label, name in SCREENSHOT_PAGES.items():
        for width, size in (("360", PHONE), ("1280", DESKTOP)):
            page.set_viewport_size(size)
            response = page.goto(urls[name])
            if response.status == 200:
                # The top of the page at full height, up to the height of three phone screens.
                height = min(page.evaluate("document.documentElement.scrollHeight"), 3 * PHONE["height"])
                clip = {"x": 0, "y": 0, "width": size["width"], "height": height}
                page.screenshot(
                    path=str(folder / f"{persona}-{label}-{width}.png"), full_page=True, clip=clip
                )
    page.set_viewport_size(PHONE)
