// For the page that embeds a table: turns each
//   <div data-wecresults-embed="/embed/wec/2021/portimao/qualifying/?class=HYPERCAR"></div>
// into an iframe of that table, and sizes it and every <iframe class="wecresults-embed">
// (the oEmbed snippet) to its content.
(function () {
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var frames = Array.prototype.slice.call(document.querySelectorAll("iframe.wecresults-embed"));
  document.querySelectorAll("[data-wecresults-embed]").forEach(function (holder) {
    var frame = document.createElement("iframe");
    frame.src = new URL(holder.getAttribute("data-wecresults-embed"), origin).href;
    frame.title = holder.getAttribute("data-title") || "Results";
    frame.loading = "lazy";
    frame.setAttribute("scrolling", "no");
    frame.style.border = "0";
    frame.style.width = "100%";
    frame.style.height = "300px";
    frame.className = "wecresults-embed";
    holder.replaceChildren(frame);
    frames.push(frame);
  });
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data || event.data.type !== "wecresults:height") return;
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = event.data.height + "px";
    });
  });
})();
