// Inside the embed: tell the page around it how tall the table is, on load and on every
// resize, as our own message and in WordPress's format (with the secret from #?secret=).
(function () {
  var match = /[#&?]secret=([A-Za-z0-9]+)/.exec(window.location.hash);
  var secret = match ? match[1] : null;
  var last = 0;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last || window.parent === window) return;
    last = height;
    window.parent.postMessage({type: "wecresults:height", height: height}, "*");
    if (secret) window.parent.postMessage({message: "height", value: height, secret: secret}, "*");
  }
  window.addEventListener("load", report);
  window.addEventListener("resize", report);
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
  report();
})();
