/* The bulk-rating screen (/penilaian/periode/<id>/nilai/), loaded only there (issue #10 §4).
 * No rule lives here: which ratings need a reason comes from the server (data-alasan-wajib on the
 * options, from karier.rules.alasan_rating_wajib), the warning too (data-peringatan, data-tanpa-realisasi). Without this
 * file the screen still works: every card is open, and the "Sesuai untuk semua" button posts to the
 * server, which fills and saves the unrated rows through the same service. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-rating-form]");
  if (!form) { return; }
  var phone = window.matchMedia("(max-width: 480px)");
  var predikat = {};
  try { predikat = JSON.parse(form.getAttribute("data-predikat") || "{}"); } catch (e) { predikat = {}; }

  function card(el) { return el.closest("[data-row]"); }

  function needsReason(select) {
    var opt = select.options[select.selectedIndex];
    return !!(opt && opt.hasAttribute("data-alasan-wajib"));
  }

  // The reason's "(wajib)" mark, the Di Atas warning and the card's summary follow the choices.
  function refresh(row) {
    var selects = row.querySelectorAll("select[data-rating]");
    var parts = [];
    var chosen = false;
    selects.forEach(function (select) {
      var area = document.getElementById(select.getAttribute("data-alasan"));
      var mark = area && area.closest(".field") ? area.closest(".field").querySelector("[data-wajib-tanda]") : null;
      var wajib = needsReason(select);
      if (mark) { mark.hidden = !wajib; }
      // Suggested reasons only where a reason is asked for: a Sesuai row stays one line high.
      var box = area && area.closest(".field") ? area.closest(".field").querySelector("[data-templates]") : null;
      if (box) { box.hidden = !wajib; }
      if (area && wajib && area.rows < 2) { area.rows = 2; }
      if (select.value) { chosen = true; }
      parts.push(select.value || "\u2014");
      if (select.hasAttribute("data-hasil-kerja")) {
        var warn = row.querySelector("[data-peringatan-di-atas]");
        var opt = select.options[select.selectedIndex];
        if (warn) { warn.hidden = !(row.hasAttribute("data-tanpa-realisasi") && opt && opt.hasAttribute("data-peringatan")); }
      }
    });
    // The live preview of the computed predikat. A calibrated predikat (Evaluasi.predikat_akhir) stays the
    // one that counts: re-rating does not undo a calibration, so it is not replaced here either.
    var out = row.querySelector("[data-predikat-out] output");
    if (out && selects.length === 2 && row.hasAttribute("data-diubah") && !row.querySelector("[data-pred-akhir]")) {
      out.textContent = predikat[selects[0].value + "|" + selects[1].value] || "\u2014";
    }
    var summary = row.querySelector("[data-choice]");
    if (summary && selects.length) {
      summary.textContent = chosen ? parts.join(" / ") : summary.getAttribute("data-kosong");
    }
  }

  function changed(select) {
    var row = card(select);
    if (row) { row.setAttribute("data-diubah", ""); refresh(row); }
  }

  // "Sesuai Ekspektasi untuk semua yang belum dinilai": fill only the empty choices, in the page.
  function fillSesuai(value) {
    var n = 0;
    form.querySelectorAll("select[data-rating]").forEach(function (select) {
      if (!select.value) {
        select.value = value;
        n += 1;
        changed(select);
      }
    });
    var status = document.getElementById("rate-fill-status");
    if (status) { status.textContent = status.getAttribute("data-teks").replace("%s", String(n)); }
    return n;
  }

  form.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) { return; }
    var fill = target.closest("[data-isi-sesuai]");
    if (fill) {
      event.preventDefault();
      fillSesuai(fill.getAttribute("data-isi-sesuai"));
      fill.disabled = true;
      return;
    }
    var chip = target.closest("[data-sisip]");
    if (chip) {
      event.preventDefault();
      var area = document.getElementById(chip.getAttribute("data-sisip"));
      if (!area) { return; }
      var text = chip.getAttribute("data-teks");
      area.value = area.value.trim() ? area.value.trim() + " " + text : text;
      if (area.rows < 2) { area.rows = 2; }
      area.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });

  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute("data-rating")) {
      changed(target);
    }
  });

  // Before the first rating that closes open peer/subordinate nominations: ask.
  form.addEventListener("submit", function (event) {
    var question = form.getAttribute("data-confirm-nominasi");
    if (!question) { return; }
    var closing = Array.prototype.some.call(form.querySelectorAll("[data-nominasi-terbuka]"), function (row) {
      return Array.prototype.some.call(row.querySelectorAll("select[data-rating]"), function (s) { return !!s.value; });
    });
    if (closing && !window.confirm(question)) { event.preventDefault(); }
  });

  // A phone shows one collapsed card per person (tap to open); rows with errors stay open.
  function layout() {
    form.querySelectorAll("[data-row]").forEach(function (row) {
      if (row.hasAttribute("data-keep-open")) { row.open = true; return; }
      row.open = !phone.matches;
    });
  }

  form.querySelectorAll("[data-row]").forEach(refresh);
  layout();
  if (phone.addEventListener) { phone.addEventListener("change", layout); }
})();
