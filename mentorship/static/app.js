// Progressive enhancement only; every page works without it.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
  // A table that scrolls sideways must be reachable by keyboard (WCAG 2.1.1).
  document.querySelectorAll(".table-wrap").forEach(function (wrap) {
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    var caption = wrap.querySelector("caption");
    var label = caption ? caption.textContent.trim() : "";
    wrap.setAttribute("aria-label", label || document.title.split(" – ")[0]);
  });
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
});
