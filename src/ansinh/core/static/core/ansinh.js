// Small behaviours that would otherwise be inline code, which the Content-Security-Policy
// refuses (docs/decisions/0015). Runs on the first page and on every fragment htmx swaps in.
(function () {
  "use strict";

  function setUp(root) {
    // Progress bars: the width comes from data-width (a percentage).
    root.querySelectorAll("[data-width]").forEach(function (el) {
      var value = parseFloat(el.getAttribute("data-width"));
      if (!isNaN(value)) {
        el.style.width = Math.max(0, Math.min(100, value)) + "%";
      }
    });
  }

  // A select that submits its form when changed (filters without a button).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });

  if (window.htmx) {
    window.htmx.onLoad(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", function () {
      if (window.htmx) {
        window.htmx.onLoad(setUp);
      } else {
        setUp(document);
      }
    });
  }
})();
