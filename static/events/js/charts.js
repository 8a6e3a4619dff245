// Race charts: hovering (or focusing) a car's line or number highlights that car in every
// chart of the page and dims the others. A static file: the pages allow no inline script.
(function () {
  "use strict";
  function highlight(number) {
    document.querySelectorAll("svg.chart").forEach(function (svg) {
      svg.classList.toggle("has-highlight", number !== null);
    });
    document.querySelectorAll("svg.chart g.car").forEach(function (car) {
      car.classList.toggle("highlight", car.getAttribute("data-car") === number);
    });
  }
  function carOf(event) {
    return event.target.closest ? event.target.closest("svg.chart g.car") : null;
  }
  document.addEventListener("mouseover", function (event) {
    var car = carOf(event);
    if (car) highlight(car.getAttribute("data-car"));
  });
  document.addEventListener("mouseout", function (event) {
    if (carOf(event)) highlight(null);
  });
})();
