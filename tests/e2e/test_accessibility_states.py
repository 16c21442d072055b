"""Error states of every form, in the browser: after a failed submit the title starts
with "Fel:", the error summary has focus and links to each field, each invalid field has
aria-invalid and a described-by message, and axe finds nothing."""

from tests.e2e.a11y import page_lang, route_key, same_site_links
from tests.e2e.conftest import axe_check, follow, login

TEXT_INPUTS = (
    "main form[method=post] input[type=text], main form[method=post] input[type=email], "
    "main form[method=post] input[type=number], main form[method=post] input[type=date], "
    "main form[method=post] input[type=datetime-local], main form[method=post] input[type=password], "
    "main form[method=post] textarea"
)

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


def form_pages(page, base: str, app) -> list[str]:
    """Pages (one per endpoint) that hold a POST form with fields a user types into."""
    page.goto(base + "/")
    queue, seen, endpoints, found = [base + "/"], set(), set(), []
    while queue and len(endpoints) < 150:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        key = route_key(app, url)
        if key in endpoints:
            continue
        endpoints.add(key)
        response = page.goto(url)
        if response.status >= 400:
            continue
        if page.locator(TEXT_INPUTS).count():
            found.append(url)
        queue.extend(u for u in same_site_links(page, base) if u not in seen)
    return found


def submit_empty(page) -> None:
    for field in page.locator(TEXT_INPUTS).all():
        if field.is_visible() and field.is_editable():
            field.fill("")
    form = page.locator(TEXT_INPUTS).first.locator("xpath=ancestor::form[1]")
    follow(form.locator("button[type=submit], input[type=submit]").first)


def test_every_form_error_state_is_accessible(live_server, page):
    login(page, live_server.url, "admin@example.org")
    pages = form_pages(page, live_server.url, live_server.app)
    assert len(pages) >= 10, pages
    checked, problems = 0, []
    for url in pages:
        page.goto(url)
        submit_empty(page)
        result = page.evaluate(CHECK_SUMMARY)
        if result is None:
            continue  # the form accepts empty input (filters, optional fields)
        checked += 1
        if not page.title().startswith("Fel:"):
            problems.append(f"{url}: title {page.title()!r} does not start with 'Fel:'")
        problems += [f"{url}: {p}" for p in result]
        assert page_lang(page) == "sv"
        axe_check(page, f"error state of {url}")
    assert checked >= 8, f"only {checked} forms showed an error state"
    assert not problems, "\n".join(problems)
