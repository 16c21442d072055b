// The idle-logout warning (templates/auth/_session_notice.html). The server ends a login
// after SESSION_IDLE_MINUTES without a request; this tells the user shortly before, in an
// alert that screen readers announce, and offers to stay logged in. Asking how long is
// left does not count as activity; the button does. Another tab's activity counts too:
// the time left is always asked of the server before warning or saying it has ended.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-session]");
  if (!box || !window.fetch) { return; }
  var message = box.querySelector("[data-session-message]");
  var keep = box.querySelector("[data-session-keep]");
  var again = box.querySelector("[data-session-login]");
  var idle = Number(box.getAttribute("data-idle-seconds"));
  var warn = Math.min(Number(box.getAttribute("data-warn-seconds")), idle / 2);
  var statusUrl = box.getAttribute("data-status-url");
  var timer = null;

  function later(seconds, fn) {
    window.clearTimeout(timer);
    timer = window.setTimeout(fn, Math.max(0, seconds) * 1000);
  }
  function show(text) {
    box.classList.add("session-notice-shown");
    message.textContent = text;
  }
  function ended() {
    show(box.getAttribute("data-ended-text"));
    keep.hidden = true;
    again.hidden = false;
  }
  // seconds_left from the server, or 0 when the session has ended (a redirect to login).
  function ask(request) {
    return fetch(request.url, {
      method: request.method || "GET", body: request.body, credentials: "same-origin",
      redirect: "manual", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { return 0; }
      return response.json().then(function (state) { return state.seconds_left; });
    });
  }
  function schedule(left) {
    if (left <= 0) { ended(); return; }
    if (left > warn) { later(left - warn, check); return; }
    show(box.getAttribute("data-warn-text"));
    keep.hidden = false;
    later(left + 1, check);  // past the end: the server then answers that it has ended
  }
  function check() {
    ask({ url: statusUrl }).then(schedule, function () { later(15, check); });
  }
  keep.addEventListener("submit", function (event) {
    event.preventDefault();
    ask({ url: keep.action, method: "POST", body: new FormData(keep) }).then(function (left) {
      if (left <= 0) { ended(); return; }
      keep.hidden = true;
      show(box.getAttribute("data-kept-text"));
      later(left - warn, check);
    }, ended);
  });
  later(idle - warn, check);
});
