// The editorial staff area. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // Opening one "return"/"reject" form closes the others, so the page stays readable.
  var panels = document.querySelectorAll(".action-details");
  panels.forEach(function (panel) {
    panel.addEventListener("toggle", function () {
      if (!panel.open) { return; }
      panels.forEach(function (other) { if (other !== panel) { other.open = false; } });
      var first = panel.querySelector("select, textarea");
      if (first) { first.focus(); }
    });
  });
})();
