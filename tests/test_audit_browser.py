"""audit.html as an auditor sees it: opened in Debian's chromium (headless, driven by selenium
through chromedriver) for a born-digital report with findings and for a scanned one.

The page must load without a console error or a page error, show every finding of findings.json
with its crops rendered, and its filters must each show exactly the findings they name. A
full-page screenshot of each report is left in artifacts/audit-<name>.png.

Chromium missing is a failure, not a skip: scripts/setup installs it (CI runs scripts/setup).
"""
from __future__ import annotations

import base64
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest

from dvc_extract.api import process

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# The network is closed: without these chromium waits on connections it will never make.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900"]
REPORTS = {
    # Bảng 1's totals, an STT typo, rates that do not follow: errors, a warning and rounding notes.
    "digital-000": ROOT / "corpora" / "digital" / "000.pdf",
    # A scan with a stamp: unreadable cells (warnings) and a rate's rounding, crops cut from the scan.
    "scanned-000-t5-6": ROOT / "corpora" / "scanned" / "000-t5-6-200dpi-stamp.pdf",
}
# Collects what the console does not always say: uncaught errors and rejected promises.
_CATCH_ERRORS = """
window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message || e)); });
window.addEventListener('unhandledrejection', function (e) { window.__errors.push(String(e.reason)); });
"""


@pytest.fixture(scope="module")
def browser():
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: scripts/setup installs chromium and chromium-driver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="audit-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _CATCH_ERRORS})
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module", params=sorted(REPORTS))
def audit(request, browser, tmp_path_factory):
    """The report processed, its audit.html open, and what its findings.json says."""
    name = request.param
    out = tmp_path_factory.mktemp(name)
    process(REPORTS[name], out, formats=["json", "html"])
    browser.get((out / "audit.html").as_uri())
    log = browser.get_log("browser")
    data = json.loads((out / "findings.json").read_text(encoding="utf-8"))
    return name, browser, data, log


def _shown(driver) -> list[dict]:
    """The findings the page shows (displayed), with what they say of themselves."""
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('.finding'))
          .filter(function (el) { return getComputedStyle(el).display !== 'none'; })
          .map(function (el) { return {severity: el.dataset.severity, verdict: el.dataset.verdict,
                                       rule: el.dataset.rule, unit: el.dataset.unit,
                                       vi: el.querySelector('p[lang=vi]').textContent,
                                       en: el.querySelector('p[lang=en]').textContent}; });""")


def test_no_console_error_and_no_page_error(audit):
    _, driver, _, log = audit
    assert [entry for entry in log if entry["level"] in ("SEVERE", "WARNING")] == []
    assert driver.execute_script("return window.__errors") == []


def test_every_finding_is_shown(audit):
    _, driver, data, _ = audit
    assert data["findings"], "the report chosen for this test must have findings"
    shown = _shown(driver)
    assert Counter((f["rule"], f["vi"], f["en"]) for f in shown) \
        == Counter((f["rule"], f["message_vi"], f["message_en"]) for f in data["findings"])
    assert driver.find_element("id", "f-count").text == str(len(data["findings"]))


def test_every_crop_is_rendered(audit):
    _, driver, data, _ = audit
    images = driver.execute_script("""
        return Array.from(document.querySelectorAll('.finding img'))
          .map(function (img) { return {complete: img.complete, width: img.naturalWidth}; });""")
    # one crop per page of each finding's evidence
    assert len(images) == sum(len({e["page"] for e in f["evidence"]}) for f in data["findings"])
    assert all(i["complete"] and i["width"] > 0 for i in images), images


def test_the_checks_summary_matches_findings_json(audit):
    _, driver, data, _ = audit
    made = sum(c["made"] for c in data["checks"])
    assert made > 0
    rows = driver.find_elements("css selector", "table.checks tr[data-rule]")
    assert len(rows) == len(data["checks"])
    assert f"{made} phép kiểm tra" in driver.find_element("id", "checks-total").text


@pytest.mark.parametrize("field", ["severity", "verdict", "rule", "unit"])
def test_each_filter_shows_exactly_its_findings(audit, field):
    from selenium.webdriver.support.select import Select

    _, driver, data, _ = audit
    everything = _shown(driver)
    select = Select(driver.find_element("id", f"f-{field}"))
    values = [o.get_attribute("value") for o in select.options if o.get_attribute("value")]
    assert sorted(values) == sorted({f[field] for f in everything})
    for value in values:
        select.select_by_value(value)
        shown = _shown(driver)
        assert shown and all(f[field] == value for f in shown), (field, value)
        assert len(shown) == sum(f[field] == value for f in everything)
        if field != "unit":  # findings.json names no unit; the others it says of each finding
            assert len(shown) == sum(f[field] == value for f in data["findings"])
        assert driver.find_element("id", "f-count").text == str(len(shown))
    select.select_by_value("")
    assert len(_shown(driver)) == len(everything)


def test_screenshot(audit):
    """The whole page as a picture, for a person to look at (artifacts/ is not committed)."""
    name, driver, _, _ = audit
    ARTIFACTS.mkdir(exist_ok=True)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    target = ARTIFACTS / f"audit-{name}.png"
    target.write_bytes(base64.b64decode(shot["data"]))
    assert target.stat().st_size > 10_000
