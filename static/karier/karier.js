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

  // After a full-page submit that was refused (a 4xx answer): a summary of what to fix at the top of
  // the page, announced to screen readers (role=alert), and focus on the first field at fault, so a
  // refusal no longer lands out of view at the bottom of a long page (issue #10).
  document.addEventListener("DOMContentLoaded", function () {
    var nav = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    var status = nav && typeof nav.responseStatus === "number" ? nav.responseStatus : 0;
    var main = document.querySelector("main");
    if (status < 400 || status >= 500 || !main || document.getElementById("ringkasan-galat")) { return; }
    var errors = main.querySelectorAll(".error-text, .errorlist li, .error[role=alert]");
    if (!errors.length) { return; }
    // A lone refusal already in view (e.g. the login page's) needs no second copy.
    var firstBox = errors[0].getBoundingClientRect();
    var inView = firstBox.top >= 0 && firstBox.bottom <= window.innerHeight;
    if (!main.querySelector(".field .error-text, .errorlist li") && inView) { return; }
    var box = document.createElement("div");
    box.id = "ringkasan-galat";
    box.className = "error";
    box.setAttribute("role", "alert");
    box.tabIndex = -1;
    var title = document.createElement("p");
    title.textContent = main.getAttribute("data-ringkasan-galat") || "Belum tersimpan. Perbaiki dahulu:";
    box.appendChild(title);
    var list = document.createElement("ul");
    errors.forEach(function (error) {
      var item = document.createElement("li");
      var field = error.closest(".field");
      var input = field ? field.querySelector("input, select, textarea") : null;
      if (input && input.id) {
        var link = document.createElement("a");
        link.href = "#" + input.id;
        link.textContent = error.textContent.trim();
        item.appendChild(link);
      } else {
        item.textContent = error.textContent.trim();
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    main.insertBefore(box, main.firstChild);
    var first = main.querySelector(".has-error input, .has-error select, .has-error textarea, [aria-invalid=true]");
    (first || box).focus();
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
