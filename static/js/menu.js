/* The site menu is a <details> element, so it opens and closes without this script. With it: the menu stays open
   on a wide screen (where it fits beside the brand), and Escape closes it on a phone. */
(function () {
  "use strict";
  var menu = document.querySelector("details[data-menu]");
  if (!menu || !window.matchMedia) return;
  var wide = window.matchMedia("(min-width: 900px)");
  function follow() {
    if (wide.matches) menu.setAttribute("open", "");
    else menu.removeAttribute("open");
  }
  follow();
  if (wide.addEventListener) wide.addEventListener("change", follow);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open && !wide.matches) {
      menu.removeAttribute("open");
      menu.querySelector("summary").focus();
    }
  });
})();
