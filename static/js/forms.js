/* Browser messages in the page's language. The browser's own messages ("Please fill out this field", "No file
   chosen") follow the browser's language, not the page's: this script replaces them with the texts the server
   rendered through gettext into <meta name="form-messages">. Without it the forms still validate on the server.
   It also lets a dd/mm/yyyy date field be filled from the browser's date picker. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="form-messages"]');
  if (!meta) return;
  var text = meta.dataset;

  function messageFor(field) {
    var validity = field.validity;
    if (validity.valueMissing) {
      if (field.type === "file") return text.requiredFile;
      if (field.type === "checkbox" || field.type === "radio" || field.tagName === "SELECT") return text.requiredChoice;
      return text.required;
    }
    if (validity.patternMismatch || validity.badInput) return field.dataset.formatMessage || text.format;
    if (validity.typeMismatch) return field.type === "email" ? text.email : field.type === "url" ? text.url : text.format;
    if (validity.tooLong || validity.tooShort) return text.length;
    if (validity.rangeUnderflow || validity.rangeOverflow || validity.stepMismatch) return text.range;
    return "";
  }
  document.addEventListener("invalid", function (event) {
    var field = event.target;
    field.setCustomValidity("");
    if (!field.validity.valid) field.setCustomValidity(messageFor(field));
  }, true);
  function clear(event) { if (event.target.setCustomValidity) event.target.setCustomValidity(""); }
  document.addEventListener("input", clear, true);
  document.addEventListener("change", clear, true);

  // File inputs: a labelled button and the chosen file's name, in the page's language.
  document.querySelectorAll('input[type="file"]').forEach(function (input) {
    if (!input.id) return;
    var button = document.createElement("label");
    button.htmlFor = input.id;
    button.className = "button secondary file-button";
    button.textContent = input.multiple ? text.chooseFiles : text.chooseFile;
    var chosen = document.createElement("span");
    chosen.className = "file-chosen";
    chosen.textContent = text.noFile;
    input.classList.add("file-enhanced");
    input.after(button, chosen);
    input.addEventListener("change", function () {
      var names = Array.prototype.map.call(input.files, function (file) { return file.name; });
      chosen.textContent = names.length ? names.join(", ") : text.noFile;
    });
  });

  // Dates are typed dd/mm/yyyy; a button opens the browser's calendar and writes the chosen day back as dd/mm/yyyy.
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function toIso(value) {
    var match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
    return match ? match[3] + "-" + pad(+match[2]) + "-" + pad(+match[1]) : "";
  }
  document.querySelectorAll("input[data-date-picker]").forEach(function (input) {
    var probe = document.createElement("input");
    probe.type = "date";
    if (probe.type !== "date" || typeof probe.showPicker !== "function") return;
    probe.className = "date-picker-proxy";
    probe.tabIndex = -1;
    probe.setAttribute("aria-hidden", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "secondary date-button";
    button.textContent = text.pickDate;
    button.setAttribute("aria-label", text.pickDate + ": " + (input.labels[0] ? input.labels[0].textContent.replace("*", "").trim() : ""));
    var row = document.createElement("span");
    row.className = "date-row";
    input.parentNode.insertBefore(row, input);
    row.append(input, button, probe);
    button.addEventListener("click", function () {
      probe.value = toIso(input.value);
      try { probe.showPicker(); } catch (error) { probe.focus(); }
    });
    probe.addEventListener("change", function () {
      var parts = probe.value.split("-");
      if (parts.length !== 3) return;
      input.value = parts[2] + "/" + parts[1] + "/" + parts[0];
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.focus();
    });
  });
})();
