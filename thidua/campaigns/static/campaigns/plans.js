/* The plan editor's target rows: the counting-rule list shows only the rules of the chosen indicator (and hides
   itself for an indicator with a single way of counting); the unit of measure shows the indicator's unit as a
   hint. Without this script the server still checks that the rule belongs to the indicator. */
(function () {
  "use strict";
  var rows = document.getElementById("target-rows");
  if (!rows || !rows.dataset.indicators) return;
  var indicators = JSON.parse(rows.dataset.indicators);

  function update(row) {
    var indicator = row.querySelector('select[name$="-indicator"]');
    var rule = row.querySelector('select[name$="-counting_rule"]');
    var unit = row.querySelector('input[name$="-unit_of_measure"]');
    if (!indicator || !rule) return;
    var entry = indicators[indicator.value] || { unit: "", rules: [] };
    var codes = entry.rules;
    rule.querySelectorAll("optgroup").forEach(function (group) {
      var mine = Array.prototype.some.call(group.children, function (option) { return codes.indexOf(option.value) >= 0; });
      group.hidden = !mine;
      group.disabled = !mine;
    });
    if (codes.indexOf(rule.value) < 0) rule.value = "";
    var field = rule.closest(".field");
    if (field) field.hidden = codes.length < 2;
    if (unit) unit.placeholder = entry.unit;
  }

  document.querySelectorAll("#target-rows .editor-row").forEach(function (row) {
    update(row);
    row.addEventListener("change", function (event) {
      if (event.target.name && /-indicator$/.test(event.target.name)) update(row);
    });
  });
})();
