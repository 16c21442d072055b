"""Helpers for the accessibility walk: crawl the pages a role can reach and check each."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

SKIP_SUFFIXES = (".csv", ".xlsx", ".ics", ".json")
SKIP_WORDS = ("hamta", "export", "kalender", "/static/")

FOCUS_SCRIPT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (!el.dataset.a11yStop) { window.__a11yStops = (window.__a11yStops || 0) + 1; el.dataset.a11yStop = String(window.__a11yStops); }
  const s = getComputedStyle(el);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
  return {stop: el.dataset.a11yStop, tag: el.tagName, text: (el.textContent || el.name || el.id || '').trim().slice(0, 40), visible};
}"""

TABBABLE_SCRIPT = """() => {
  const radios = new Set();
  return Array.from(document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'
  )).filter(el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    if (!(r.width > 0 && r.height > 0 && s.visibility !== 'hidden')) return false;
    // A group of radio buttons is one Tab stop; the arrow keys move inside it.
    if (el.type === 'radio') { if (radios.has(el.name)) return false; radios.add(el.name); }
    return true; }).length;
}"""


def same_site_links(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    out = []
    for href in hrefs:
        if not href or href.startswith("#") or href.startswith("mailto:"):
            continue
        url = urljoin(page.url, href).split("#", 1)[0]
        if not url.startswith(base):
            continue
        path = urlsplit(url).path
        if path.endswith(SKIP_SUFFIXES) or any(w in path for w in SKIP_WORDS):
            continue
        out.append(url)
    return out


def route_key(app, url: str) -> str:
    """The endpoint behind a URL, so that each kind of page is checked a bounded number of times."""
    adapter = app.url_map.bind("localhost")
    try:
        endpoint, _ = adapter.match(urlsplit(url).path, method="GET")
    except Exception:
        return urlsplit(url).path
    return endpoint


def overflows(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    )


ALL_FOCUS_SCRIPT = """() => {
  const problems = [];
  const els = Array.from(document.querySelectorAll(
    'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])'
  )).filter(el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  for (const el of els) {
    if (el.tabIndex < 0) { problems.push('not reachable by Tab: ' + el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 30)); continue; }
    el.focus();
    const s = getComputedStyle(el);
    if (!((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'))
      problems.push('no visible focus on ' + el.tagName + ' ' + (el.textContent || el.name || '').trim().slice(0, 30));
  }
  if (document.activeElement) document.activeElement.blur();
  return problems;
}"""


def check_all_focus(page) -> list[str]:
    """Every control: reachable (not tabindex=-1) and with a visible focus indicator.

    One real Tab first puts Chromium in keyboard mode, so :focus-visible applies to the
    programmatic focus that follows, as it would for a keyboard user.
    """
    page.keyboard.press("Tab")
    return page.evaluate(ALL_FOCUS_SCRIPT)


def check_keyboard(page, limit: int = 30) -> list[str]:
    """Tab through the page: every stop must show a visible focus; all controls reached."""
    problems = []
    expected = page.evaluate(TABBABLE_SCRIPT)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    stops: set[str] = set()
    # Date inputs take several Tab presses (day, month, year), hence the headroom.
    for _ in range(3 * min(expected, limit) + 3):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_SCRIPT)
        if info is None or (info["stop"] in stops and info["stop"] == "1"):
            break
        if info["stop"] not in stops and not info["visible"]:
            problems.append(f"no visible focus on {info['tag']} '{info['text']}'")
        stops.add(info["stop"])
        if len(stops) >= min(expected, limit):
            break
    if len(stops) < min(expected, limit):
        problems.append(f"only {len(stops)} of {expected} controls reached by Tab")
    return problems
