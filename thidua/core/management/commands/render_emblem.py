"""Render our own drawing of the national emblem (thidua/core/static/core/national-emblem.svg) to the PNG that
the certificates embed: python-docx cannot embed SVG. Run it after changing the SVG and commit both files.

It uses the system Chromium through Playwright (a development dependency), at twice the SVG's size: about 330 dpi
at the 32 mm the certificate prints it.
"""

import shutil

from django.core.management.base import BaseCommand, CommandError

from thidua.core.certificates import EMBLEM_PNG, EMBLEM_SVG


class Command(BaseCommand):
    help = "Render national-emblem.svg to national-emblem.png for the certificates."

    def handle(self, *args, **options):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            raise CommandError("Playwright is not installed (pip install the dev dependencies).") from error
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        svg = EMBLEM_SVG.read_text(encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            page = browser.new_page(device_scale_factor=2)
            page.set_content(f"<!doctype html><html><body>{svg}</body></html>")
            page.add_style_tag(content="body { margin: 0; background: transparent; }")
            page.locator("svg").screenshot(path=str(EMBLEM_PNG), omit_background=True)
            browser.close()
        self.stdout.write(f"Wrote {EMBLEM_PNG} ({EMBLEM_PNG.stat().st_size} bytes).")
