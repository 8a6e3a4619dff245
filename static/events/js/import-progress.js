// Polls an admin import's state until it is done or failed, and shows it.
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
        heading.textContent = state.state === "done" ? "Imported" : "Import failed";
        summary.textContent = state.lines.join("\n");
        job.dataset.state = state.state;
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
