// While a session is live, its page (or embed) follows the race without reloading: every few
// seconds it asks for itself again (the browser revalidates with the ETag, so an unchanged
// answer is a 304 and costs nothing more), and when the answer changed it replaces, in place,
// the content of each element marked data-live-region="name" with that of the new page. It
// waits while the tab is hidden and stops once the page says the session is no longer live
// (no element with data-live-interval). A static file: the pages allow no inline script.
(function () {
  "use strict";
  var root = document.querySelector("[data-live-interval]");
  if (!root || !window.fetch || !window.DOMParser) return;
  var interval = Math.max(2, parseInt(root.getAttribute("data-live-interval"), 10) || 5) * 1000;
  var lastTag = null;
  var timer = null;
  var busy = false;

  function schedule() {
    clearTimeout(timer);
    if (!document.hidden && root.hasAttribute("data-live-interval")) timer = setTimeout(poll, interval);
  }

  function replaceRegions(doc) {
    document.querySelectorAll("[data-live-region]").forEach(function (region) {
      var name = region.getAttribute("data-live-region");
      var fresh = doc.querySelector('[data-live-region="' + name + '"]');
      if (!fresh) return;
      var nodes = Array.prototype.map.call(fresh.childNodes, function (node) {
        return document.importNode(node, true);
      });
      region.replaceChildren.apply(region, nodes);
    });
  }

  function poll() {
    if (busy) return;
    busy = true;
    fetch(window.location.href, {cache: "no-cache", credentials: "same-origin", headers: {Accept: "text/html"}})
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        var tag = response.headers.get("ETag");
        if (tag && tag === lastTag) return null;  // the same answer: nothing to redraw
        lastTag = tag;
        return response.text();
      })
      .then(function (html) {
        if (html !== null) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          replaceRegions(doc);
          if (!doc.querySelector("[data-live-interval]")) root.removeAttribute("data-live-interval");
          root.setAttribute("data-live-updated", new Date().toISOString());
          document.dispatchEvent(new CustomEvent("wecresults:updated"));
        }
      })
      .catch(function () { /* a failed poll: try again at the next interval */ })
      .then(function () {
        busy = false;
        schedule();
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.hidden) clearTimeout(timer);
    else schedule();
  });
  schedule();
})();
