"""Helpers for the accessibility walk: crawl the pages a role can reach and check each."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

SKIP_SUFFIXES = (".csv", ".xlsx", ".ics", ".json")
SKIP_WORDS = ("hamta", "export", "kalender", "/static/")

# Records every focus change while the test presses Tab, so that the presses need no
# round trip each to ask where the focus went.
RECORD_FOCUS_SCRIPT = """() => {
  const log = window.__a11yFocusLog = [];
  let stops = 0;
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    if (!el.dataset.a11yStop) { stops += 1; el.dataset.a11yStop = String(stops); }
    const s = getComputedStyle(el);
    const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    log.push({stop: el.dataset.a11yStop, tag: el.tagName, text: (el.textContent || el.name || el.id || '').trim().slice(0, 40), visible});
  }, true);
  document.addEventListener('focusout', (event) => {
    if (!event.relatedTarget) log.push(null);  // the focus left the page
  }, true);
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


# The walks ask the page with plain DOM calls (page.evaluate) rather than locators: the
# first locator on a new document makes Playwright build its selector engine there, about
# as costly as loading the page itself.
HREFS_SCRIPT = "() => Array.from(document.querySelectorAll('a[href]'), a => a.getAttribute('href'))"
LANG_SCRIPT = "() => document.documentElement.getAttribute('lang')"


def page_lang(page) -> str | None:
    return page.evaluate(LANG_SCRIPT)


# The fields a user types into, in a form that posts: a page with one has an error state.
TEXT_INPUTS = (
    "main form[method=post] input[type=text], main form[method=post] input[type=email], "
    "main form[method=post] input[type=number], main form[method=post] input[type=date], "
    "main form[method=post] input[type=datetime-local], main form[method=post] input[type=password], "
    "main form[method=post] textarea"
)


def has_text_inputs(page) -> bool:
    return page.evaluate("selector => document.querySelectorAll(selector).length > 0", TEXT_INPUTS)


# Empties every field a user could type into, as fill("") would (in one call instead of
# three round trips per field): the form then goes in with nothing filled in.
EMPTY_FIELDS_SCRIPT = """selector => {
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    if (!(r.width > 0 && r.height > 0 && s.visibility !== 'hidden') || el.disabled || el.readOnly) continue;
    el.value = '';
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
  }
}"""

CHECK_SUMMARY = """() => {
  const summary = document.querySelector('[data-error-summary]');
  if (!summary) return null;
  const problems = [];
  if (document.activeElement !== summary) problems.push('summary has no focus');
  for (const link of summary.querySelectorAll('a[href^="#"]')) {
    const field = document.getElementById(link.getAttribute('href').slice(1));
    if (!field) { problems.push('summary links to missing #' + link.getAttribute('href')); continue; }
    const target = field.matches('input, select, textarea') ? field : field.querySelector('input, select, textarea');
    if (!target || target.getAttribute('aria-invalid') !== 'true') problems.push('no aria-invalid on #' + field.id);
    const describedBy = (field.getAttribute('aria-describedby') || (field.closest('fieldset') || field).getAttribute('aria-describedby') || '').split(' ');
    const message = describedBy.map(id => document.getElementById(id)).filter(el => el && el.classList.contains('error-message'));
    if (!message.length) problems.push('no described-by error message for #' + field.id);
  }
  return problems;
}"""


def same_site_links(page, base: str) -> list[str]:
    hrefs = page.evaluate(HREFS_SCRIPT)
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
    """Tab through the page: every stop must show a visible focus; all controls reached.

    The Tab presses go in batches; a listener in the page records each focus change, and
    the log is read once per batch. A stop is judged the moment it receives the focus.
    """
    problems: list[str] = []
    expected = min(page.evaluate(TABBABLE_SCRIPT), limit)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate(RECORD_FOCUS_SCRIPT)
    stops: set[str] = set()
    # Date inputs take several Tab presses (day, month, year), hence the headroom.
    budget, read = 3 * expected + 3, 0
    while budget > 0 and len(stops) < expected:
        batch = min(budget, max(expected - len(stops), 1))
        for _ in range(batch):
            page.keyboard.press("Tab")
        budget -= batch
        log = page.evaluate("window.__a11yFocusLog")
        ended = False
        for info in log[read:]:
            if info is None or (info["stop"] in stops and info["stop"] == "1"):
                ended = True  # left the page, or came round to the first stop again
                break
            if info["stop"] not in stops and not info["visible"]:
                problems.append(f"no visible focus on {info['tag']} '{info['text']}'")
            stops.add(info["stop"])
            if len(stops) >= expected:
                break
        read = len(log)
        if ended:
            break
    if len(stops) < expected:
        problems.append(f"only {len(stops)} of {expected} controls reached by Tab")
    return problems
