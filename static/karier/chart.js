/* Draws every plotly chart on the page: <div data-figure="ID"> with its figure in the JSON block
 * <script type="application/json" id="ID"> (Django's json_script). Loaded with defer after plotly. */
(function () {
  "use strict";
  function draw() {
    if (!window.Plotly) { return; }
    document.querySelectorAll("[data-figure]:not([data-drawn])").forEach(function (el) {
      var data = document.getElementById(el.getAttribute("data-figure"));
      if (!data) { return; }
      var figure = JSON.parse(data.textContent);
      el.setAttribute("data-drawn", "");
      window.Plotly.newPlot(el, figure.data, figure.layout, {responsive: true, displaylogo: false});
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
  document.addEventListener("htmx:load", draw);
})();
