#!/usr/bin/python3
# Copyright (c) the Tact authors. SPDX-License-Identifier: MIT
"""The demo page of `tact serve` in Debian's chromium (headless), driven
through chromium-driver and python3-selenium: a draft with two trigger
phrases is typed, both get underlined, a suggestion is applied from the
hover card, then the whole rewrite; a screenshot goes to docs/.

Usage: test_serve_browser.py PATH/TO/tact SCREENSHOT.png
Exits 77 (skipped) only when no browser, driver or selenium is installed.
"""
import os
import shutil
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_common import Server  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or "/usr/lib/chromium/chromedriver"
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None

# ChromeDriver types only characters of the Basic Multilingual Plane, so the
# accented name stands in for emoji here (test_serve.py covers those).
DRAFT = "Hi Zoë, I don't know why your parcel is late. Calm down, please."


def main():
    tact, screenshot = sys.argv[1], sys.argv[2]
    missing = [name for name, ok in (("chromium", CHROMIUM), ("chromium-driver", os.path.exists(DRIVER)),
                                     ("python3-selenium", webdriver)) if not ok]
    if missing:
        print("SKIPPED: no browser to drive: %s not installed (scripts/deps.sh installs them)"
              % ", ".join(missing))
        return 77

    server = Server(tact)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1700", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        wait = WebDriverWait(driver, 20)
        driver.get(server.base + "/")
        draft = wait.until(lambda d: d.find_element(By.ID, "draft"))
        draft.send_keys(Keys.CONTROL, "a")
        draft.send_keys(Keys.DELETE)
        draft.send_keys(DRAFT)
        assert draft.get_property("value") == DRAFT, draft.get_property("value")

        # Both trigger phrases underlined, for the text as typed.
        def marks(d):
            found = d.find_elements(By.CSS_SELECTOR, "#draft-hl mark.trigger")
            texts = [m.text or m.get_property("textContent") for m in found]
            return found if len(found) >= 2 and all(t in DRAFT for t in texts) else False
        found = wait.until(marks)
        phrases = [m.get_property("textContent") for m in found]
        assert any("know" in p for p in phrases), phrases
        assert any("alm down" in p for p in phrases), phrases
        findings = driver.find_elements(By.CSS_SELECTOR, "#findings > li")
        assert len(findings) == len(found), (len(findings), len(found))

        # Hovering the first underline shows its message and suggestions.
        target = next(m for m in found if "know" in m.get_property("textContent"))
        phrase = target.get_property("textContent")
        ActionChains(driver).move_to_element(target).perform()
        card = wait.until(lambda d: d.find_element(By.ID, "card") if
                          d.find_element(By.ID, "card").is_displayed() else False)
        buttons = card.find_elements(By.CSS_SELECTOR, "button.suggestion")
        assert buttons, card.text
        assert len(card.find_element(By.TAG_NAME, "p").text) > 10, card.text
        os.makedirs(os.path.dirname(os.path.abspath(screenshot)), exist_ok=True)
        # Let the customer pane and the conversation fill in for the picture.
        wait.until(lambda d: d.find_element(By.ID, "conv-summary").text.startswith("Priority"))
        wait.until(lambda d: d.find_element(By.ID, "level").text)
        driver.save_screenshot(screenshot)
        print("screenshot:", screenshot)

        suggestion = buttons[0].text
        buttons[0].click()
        want = DRAFT.replace(phrase, suggestion, 1)
        wait.until(lambda d: d.find_element(By.ID, "draft").get_property("value") == want)
        # Re-analyzed: that phrase is no longer underlined, the other still is.
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#draft-hl mark.trigger")) ==
                   len(found) - 1)
        left = [m.get_property("textContent")
                for m in driver.find_elements(By.CSS_SELECTOR, "#draft-hl mark.trigger")]
        assert phrase not in left and any("alm down" in p for p in left), left

        # Keyboard: the findings list's suggestion buttons are reachable and work.
        button = driver.find_element(By.CSS_SELECTOR, "#findings button.suggestion")
        before = driver.find_element(By.ID, "draft").get_property("value")
        button.send_keys(Keys.ENTER)
        wait.until(lambda d: d.find_element(By.ID, "draft").get_property("value") != before)

        # The whole rewrite with one button.
        driver.find_element(By.ID, "draft").send_keys(" I don't know.")
        apply_all = wait.until(lambda d: d.find_element(By.ID, "apply-all") if
                               d.find_element(By.ID, "apply-all").is_enabled() else False)
        apply_all.click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#draft-hl mark.trigger")) == 0 and
                   "don't know" not in d.find_element(By.ID, "draft").get_property("value"))

        # ?text=...&role=customer prefills the customer pane; its meter rises.
        angry = "This is RIDICULOUS!!! I want a manager NOW."
        driver.get(server.base + "/?" + urllib.parse.urlencode({"text": angry, "role": "customer"}))
        wait.until(lambda d: d.find_element(By.ID, "customer").get_property("value") == angry)
        wait.until(lambda d: float(d.find_element(By.ID, "meter").get_property("value")) >= 2)
        assert driver.find_elements(By.CSS_SELECTOR, "#customer-hl mark.cue.signal")
        rows = driver.find_elements(By.CSS_SELECTOR, "#turns tbody tr")
        assert len(rows) == 4, len(rows)
    finally:
        driver.quit()
        code = server.stop()
    if code != 0:
        print("tact serve exited", code)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    start = time.time()
    rc = main()
    print("%.1f s" % (time.time() - start))
    sys.exit(rc)
