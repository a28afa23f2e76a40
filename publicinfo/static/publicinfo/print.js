// The weekly schedule's "Print" button (no inline handlers: strict CSP). Without JavaScript the button
// stays hidden and the note below the table tells people to use the browser's Print command.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
