// Polls an admin job's state (the check of an upload, or its import) until it is done or
// failed, then shows its heading and lines, and what waits for "done" (the confirmation).
(function () {
  var job = document.getElementById("import-job");
  if (!job || job.dataset.state !== "running") return;
  var bar = document.getElementById("import-progress");
  var count = document.getElementById("import-count");
  var heading = document.getElementById("import-heading");
  var summary = document.getElementById("import-summary");
  function poll() {
    fetch(job.dataset.statusUrl, {credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.max = state.total;
        bar.value = state.done;
        count.textContent = state.done + " of " + state.total + " lines";
        if (state.state === "running") {
          setTimeout(poll, 500);
          return;
        }
        heading.textContent = state.state === "done" ? job.dataset.headingDone : job.dataset.headingFailed;
        summary.textContent = state.lines.join("\n");
        job.dataset.state = state.state;
        if (state.state === "done") {
          job.querySelectorAll("[data-when-done]").forEach(function (element) { element.hidden = false; });
        }
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
