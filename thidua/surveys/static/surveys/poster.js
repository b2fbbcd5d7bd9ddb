// The poster's Print button, without an inline handler (Content-Security-Policy). Hidden until this script
// runs: without JavaScript the browser's own Print command does the same.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
