/* Field form: every answer is its own small POST. Unsent answers wait in localStorage and are retried, so a
   lost connection loses nothing typed. Without this script the forms still submit one by one. */
(function () {
  "use strict";
  var root = document.getElementById("field-form");
  if (!root || !window.fetch || !window.FormData) return;
  var storageKey = root.dataset.storageKey;
  var banner = document.getElementById("connection-state");
  var inflight = {};
  var retryTimer = null;
  var noteTimers = {};

  function load() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "{}"); } catch (e) { return {}; }
  }
  function store() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(pending)); } catch (e) { /* storage full or off */ }
  }
  var pending = load();

  function formFor(item) { return root.querySelector('form.answer[data-item="' + item + '"]'); }
  var answeredCount = document.getElementById("answered-count");
  // "Answered" counts the items whose result the server has: a result chosen and saved.
  function countAnswered() {
    if (!answeredCount) return;
    var answered = 0;
    root.querySelectorAll("form.answer").forEach(function (form) {
      var saved = form.querySelector(".save-state").dataset.state === "saved";
      if (saved && form.querySelector("input[name=result]:checked")) answered += 1;
    });
    answeredCount.textContent = String(answered);
  }
  function setState(form, state, message) {
    var label = form.querySelector(".save-state");
    label.dataset.state = state;
    label.textContent = root.dataset["label" + state.charAt(0).toUpperCase() + state.slice(1)] || "";
    form.querySelector(".save-error").textContent = message || "";
    countAnswered();
  }
  function valuesOf(form) {
    var checked = form.querySelector("input[name=result]:checked");
    return { result: checked ? checked.value : "", note: form.querySelector("textarea[name=note]").value };
  }
  function same(a, b) { return a && b && a.result === b.result && a.note === b.note; }

  function scheduleRetry() {
    if (retryTimer) return;
    retryTimer = window.setTimeout(function () { retryTimer = null; sendAll(); }, 5000);
  }

  function send(item) {
    var form = formFor(item);
    var answer = pending[item];
    if (!form || !answer || inflight[item]) return;
    inflight[item] = true;
    setState(form, "pending");
    var body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    body.append("result", answer.result);
    body.append("note", answer.note);
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (reply) {
        inflight[item] = false;
        if (banner) banner.hidden = true;
        if (reply.status === 200 && reply.data.saved) {
          if (same(pending[item], answer)) {
            delete pending[item];
            store();
            setState(form, "saved");
          } else {
            send(item);  // a newer answer was typed while this one travelled
          }
        } else {
          // Refused by the server (e.g. the inspection was submitted meanwhile): keep the text, say why.
          setState(form, "refused", reply.data.error);
        }
      })
      .catch(function () {
        inflight[item] = false;
        setState(form, "failed");
        if (banner) banner.hidden = false;
        scheduleRetry();
      });
  }

  function sendAll() { Object.keys(pending).forEach(send); }

  function queue(form) {
    pending[form.dataset.item] = valuesOf(form);
    store();
    send(form.dataset.item);
  }

  root.querySelectorAll("form.answer").forEach(function (form) {
    var item = form.dataset.item;
    if (pending[item]) {
      // Restore what was typed before the page was closed or the connection dropped.
      var answer = pending[item];
      form.querySelectorAll("input[name=result]").forEach(function (radio) { radio.checked = radio.value === answer.result; });
      form.querySelector("textarea[name=note]").value = answer.note;
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); queue(form); });
    form.querySelectorAll("input[name=result]").forEach(function (radio) {
      radio.addEventListener("change", function () { queue(form); });
    });
    var note = form.querySelector("textarea[name=note]");
    note.addEventListener("input", function () {
      pending[item] = valuesOf(form);
      store();
      setState(form, "pending");
      window.clearTimeout(noteTimers[item]);
      noteTimers[item] = window.setTimeout(function () { send(item); }, 800);
    });
    note.addEventListener("blur", function () { window.clearTimeout(noteTimers[item]); queue(form); });
  });

  var submitForm = document.getElementById("submit-form");
  if (submitForm) {
    submitForm.addEventListener("submit", function (event) {
      if (Object.keys(pending).length) {
        event.preventDefault();
        sendAll();
        window.alert(root.dataset.labelUnsent);
      }
    });
  }
  window.addEventListener("online", sendAll);
  sendAll();
})();
