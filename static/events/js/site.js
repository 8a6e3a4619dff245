// Filters apply as soon as a choice changes (the Filter button stays for keyboards and no-JS).
document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
  select.addEventListener("change", function () {
    select.form.requestSubmit();
  });
});

// Session starts are written in the circuit's local time; beside each, the same instant in the
// reader's own zone when that zone is another one (e.g. "your time: Sat 12 Jun, 16:00 CEST").
// Again after a live page redraws its regions (live.js's "wecresults:updated").
(function () {
  var reader = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  });
  function sameZone(zone) {
    return zone === reader || (zone === "UTC" && (reader === "Etc/UTC" || reader === "UTC"));
  }
  function fill() {
    document.querySelectorAll("time.local-time[data-zone]").forEach(function (time) {
      var instant = new Date(time.getAttribute("datetime"));
      var span = time.nextElementSibling;
      if (!span || !span.classList.contains("reader-time") || isNaN(instant.getTime())) return;
      if (sameZone(time.getAttribute("data-zone"))) return;
      span.textContent = " (your time: " + format.format(instant) + ")";
      span.hidden = false;
    });
  }
  fill();
  document.addEventListener("wecresults:updated", fill);
})();
