// The rating form without inline script (Content-Security-Policy): settings come from the form's data attributes.
// Without JavaScript the form still works; the reasons are simply always shown.
(function () {
  "use strict";
  var form = document.getElementById("rating-form");
  if (!form) return;
  var reasons = document.getElementById("reasons");
  var low = Number(form.dataset.lowScoreMax);
  var isDesk = form.dataset.desk === "true";

  function overallScore() {
    var checked = form.querySelector('input[name="q_overall"]:checked');
    return checked ? Number(checked.value) : 0;
  }

  // At a desk only the overall question is asked first: the reasons appear for a low overall score.
  function showReasonsForLowScores() {
    if (!reasons || !isDesk) return;
    var score = overallScore();
    reasons.hidden = !(score && score <= low);
  }

  form.addEventListener("change", showReasonsForLowScores);
  showReasonsForLowScores();

  // A kiosk returns to a fresh form after 30 seconds without a touch, so the next citizen starts clean.
  if (form.dataset.kiosk === "true") {
    var timer;
    var start = location.pathname;
    var restartLater = function () {
      clearTimeout(timer);
      timer = setTimeout(function () { location.href = start; }, 30000);
    };
    ["input", "change", "click", "touchstart", "keydown"].forEach(function (name) {
      document.addEventListener(name, restartLater);
    });
    restartLater();
  }
})();
