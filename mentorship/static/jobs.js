// A job's progress bar: poll the JSON status and reload the page when the job has ended.
// Without JavaScript the page's reload link shows the same.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-job-status]").forEach(function (box) {
    var url = box.getAttribute("data-job-status");
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-job-percent]");
    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (job) {
          if (!job) { return; }
          if (bar) { bar.value = job.percent; bar.textContent = job.percent + " %"; }
          if (label) { label.textContent = job.percent + " %"; }
          if (job.state === "finished" || job.state === "failed") {
            window.location.reload();
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    window.setTimeout(poll, 1000);
  });
});
