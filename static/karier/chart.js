/* Draws every plotly chart on the page: <div data-figure="ID" data-plotly="URL"> with its figure in
 * the JSON block <script type="application/json" id="ID"> (Django's json_script).
 *
 * plotly.min.js is 4.8 MB: loaded with the page it held /standar/ back by seconds (issue #10). So the
 * page renders and fires `load` without it, and the bundle is fetched once, after `load`, when a
 * chart comes near the viewport; the figure's table ("Lihat sebagai tabel") is there meanwhile. */
(function () {
  "use strict";
  var loading = null;

  function loadPlotly(src) {
    if (window.Plotly) { return Promise.resolve(); }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.async = true;
        script.onload = resolve;
        script.onerror = function () { loading = null; reject(new Error(src)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function draw(el) {
    if (el.hasAttribute("data-drawn")) { return; }
    var data = document.getElementById(el.getAttribute("data-figure"));
    if (!data) { return; }
    var figure = JSON.parse(data.textContent);
    el.setAttribute("data-drawn", "");
    el.textContent = "";
    window.Plotly.newPlot(el, figure.data, figure.layout, {responsive: true, displaylogo: false});
  }

  function request(el) {
    loadPlotly(el.getAttribute("data-plotly")).then(function () { draw(el); }, function () {
      el.removeAttribute("data-watched");
    });
  }

  function watch() {
    var charts = document.querySelectorAll("[data-figure]:not([data-drawn]):not([data-watched])");
    if (!charts.length) { return; }
    charts.forEach(function (el) { el.setAttribute("data-watched", ""); });
    if (!("IntersectionObserver" in window)) { charts.forEach(request); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); request(entry.target); }
      });
    }, {rootMargin: "300px"});
    charts.forEach(function (el) { observer.observe(el); });
  }

  if (document.readyState === "complete") {
    watch();
  } else {
    window.addEventListener("load", watch);
  }
  // Charts swapped in by htmx later on; before `load`, the listener above finds them.
  document.addEventListener("htmx:load", function () {
    if (document.readyState === "complete") { watch(); }
  });
})();
