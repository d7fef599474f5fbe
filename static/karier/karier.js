/* Karier's small page behaviours, bound by data- attributes.
 * The Content-Security-Policy forbids inline scripts and on…= handlers, so templates mark elements
 * and this file (served from our own static files) does the work. Everything also works without it:
 * each form has a submit button or a plain link as fallback. */
(function () {
  "use strict";

  // <select data-autosubmit>: submit its form when the choice changes.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!(el instanceof Element)) { return; }
    if (el.matches("[data-autosubmit]") && el.form) {
      el.form.submit();
    }
    // <select data-clears="unit">: a new agency empties the unit filter of the same form.
    var clears = el.getAttribute("data-clears");
    if (clears && el.form) {
      var other = el.form.querySelector("[name='" + clears + "']");
      if (other) { other.value = ""; }
    }
    // <input type="checkbox" data-check-all="name">: tick or untick every box called name.
    var group = el.getAttribute("data-check-all");
    if (group) {
      document.querySelectorAll("input[type=checkbox][name='" + group + "']").forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });

  // <form data-confirm="question">: ask before a step that notifies someone (e.g. submitting a plan).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-confirm") && !window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });

  document.addEventListener("click", function (event) {
    var el = event.target instanceof Element ? event.target.closest("[data-print], [data-history-back]") : null;
    if (!el) { return; }
    if (el.hasAttribute("data-print")) {
      event.preventDefault();
      window.print();
    } else if (el.hasAttribute("data-history-back") && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  // A tree toggle (hx-get… data-expand): once its children are loaded, show it open.
  // data-expand="disable" also disables it, so the children are not loaded twice.
  document.addEventListener("htmx:afterRequest", function (event) {
    var el = event.target;
    if (!(el instanceof Element) || !el.hasAttribute("data-expand")) { return; }
    el.setAttribute("aria-expanded", "true");
    el.textContent = "\u25BE";
    if (el.getAttribute("data-expand") === "disable") { el.disabled = true; }
  });
})();
