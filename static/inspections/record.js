/* Autosave of the checklist recording page (A/57/365 ¶39–¶40).

   Inspectors record on site, often on a poor connection: nothing they enter may be lost.
   Every change to an item's form is first written to localStorage (one draft per item, with
   the time of the change on this device), then sent to the item's endpoint. A draft is
   removed only once the server has answered for it; drafts still queued are sent again when
   the page loads, when the browser comes back online, and every few seconds. The server
   ignores a draft older than the entry it holds ("applied": false): the form then shows the
   server's state. Without this script the forms post one item at a time.

   "Rectify by" follows the severity (the mission's last day plus RECTIFICATION_DAYS, shown at
   once, offline too) until the inspector sets a date by hand; emptying the field gives the
   date back to the severity. Each entry says which it is ("deadline_set_by_hand"), so the
   server never keeps a default computed for an earlier severity (¶40). */
(function () {
  "use strict";

  var root = document.getElementById("recording");
  var statusLine = document.getElementById("record-status");
  var textsNode = document.getElementById("record-texts");
  if (!root || !statusLine || !textsNode || !window.fetch || !window.FormData) {
    return;
  }
  var TEXTS = JSON.parse(textsNode.textContent);
  var daysNode = document.getElementById("record-rectification-days");
  var DAYS = daysNode ? JSON.parse(daysNode.textContent) : {};
  var ENDS_ON = root.dataset.endsOn || "";
  var PREFIX = "acc:inspection-draft:" + root.dataset.user + ":";
  var DEFICIENT = (root.dataset.deficient || "").split(" ");
  var ENTRY_FIELDS = [
    "result",
    "notes",
    "severity",
    "recommendation",
    "deadline",
    "deadline_set_by_hand",
  ];
  var TYPING_PAUSE_MS = 700;
  var RETRY_MS = 8000;

  var forms = {}; // item id -> its form
  var inFlight = {}; // item id -> a request is out
  var sendAgain = {}; // item id -> edited while a request was out
  var typingTimers = {};
  var memory = {}; // drafts, when localStorage refuses them (private mode, full)
  var problem = null; // null | "offline" | "session" | "server"

  Array.prototype.forEach.call(root.querySelectorAll("form.record-form"), function (form) {
    forms[form.dataset.item] = form;
  });

  // --- Drafts on this device ---------------------------------------------------------------

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function getDraft(id) {
    var store = storage();
    var raw = null;
    try {
      raw = store ? store.getItem(PREFIX + id) : null;
    } catch (error) {
      raw = null;
    }
    if (raw === null) {
      return memory[id] || null;
    }
    try {
      return JSON.parse(raw);
    } catch (error) {
      return null;
    }
  }

  function putDraft(id, draft) {
    var store = storage();
    try {
      store.setItem(PREFIX + id, JSON.stringify(draft));
      delete memory[id];
    } catch (error) {
      memory[id] = draft;
    }
  }

  function removeDraft(id) {
    var store = storage();
    delete memory[id];
    try {
      if (store) {
        store.removeItem(PREFIX + id);
      }
    } catch (error) {
      /* nothing stored there */
    }
  }

  function draftIds() {
    var ids = Object.keys(memory);
    var store = storage();
    if (store) {
      for (var index = 0; index < store.length; index += 1) {
        var key = store.key(index);
        if (key && key.indexOf(PREFIX) === 0 && ids.indexOf(key.slice(PREFIX.length)) === -1) {
          ids.push(key.slice(PREFIX.length));
        }
      }
    }
    return ids;
  }

  // --- The forms ---------------------------------------------------------------------------

  // The default date for a severity: the mission's last day plus its days, "" if unknown.
  function defaultDeadline(severity) {
    var days = DAYS[severity];
    var parts = ENDS_ON.split("-");
    if (typeof days !== "number" || parts.length !== 3) {
      return "";
    }
    var day = new Date(Date.UTC(+parts[0], +parts[1] - 1, +parts[2] + days));
    return isNaN(day.getTime()) ? "" : day.toISOString().slice(0, 10);
  }

  function setByHand(form) {
    return form.elements.deadline.dataset.setByHand === "true";
  }

  function markSetByHand(form, value) {
    form.elements.deadline.dataset.setByHand = value ? "true" : "false";
  }

  // Until the inspector sets the date, it is the default of the severity chosen.
  function followSeverity(form) {
    if (!setByHand(form)) {
      var value = defaultDeadline(form.elements.severity.value);
      if (value) {
        form.elements.deadline.value = value;
      }
    }
  }

  function entryOf(form) {
    var checked = form.querySelector('input[name="result"]:checked');
    return {
      result: checked ? checked.value : "",
      notes: form.elements.notes.value,
      severity: form.elements.severity.value,
      recommendation: form.elements.recommendation.value,
      deadline: form.elements.deadline.value,
      deadline_set_by_hand: setByHand(form) ? "true" : "false",
    };
  }

  function fill(form, entry) {
    Array.prototype.forEach.call(form.querySelectorAll('input[name="result"]'), function (radio) {
      radio.checked = radio.value === entry.result;
    });
    ["notes", "severity", "recommendation", "deadline"].forEach(function (name) {
      if (entry[name] !== undefined && entry[name] !== null) {
        form.elements[name].value = entry[name];
      }
    });
    if (entry.deadline_set_by_hand !== undefined && entry.deadline_set_by_hand !== null) {
      var byHand = entry.deadline_set_by_hand;
      markSetByHand(form, byHand === true || byHand === "true");
    }
    showFinding(form);
  }

  function showFinding(form) {
    var fieldset = form.querySelector("[data-finding]");
    if (fieldset) {
      fieldset.hidden = DEFICIENT.indexOf(entryOf(form).result) === -1;
    }
  }

  function setState(id, key) {
    var form = forms[id];
    var node = form && form.querySelector("[data-state]");
    if (node) {
      node.textContent = key ? TEXTS[key] : "";
      node.dataset.state = key || "";
    }
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.querySelectorAll("[data-errors-for]"), function (list) {
      list.textContent = "";
    });
    Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (field) {
      field.removeAttribute("aria-invalid");
    });
  }

  function showErrors(form, errors) {
    clearErrors(form);
    Object.keys(errors).forEach(function (name) {
      var list = form.querySelector('[data-errors-for="' + name + '"]');
      if (!list) {
        list = form.querySelector('[data-errors-for="general"]');
      }
      var field = form.elements[name];
      if (field && field.setAttribute) {
        field.setAttribute("aria-invalid", "true");
      }
      errors[name].forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        list.appendChild(item);
      });
    });
  }

  function showServer(form, state) {
    var finding = state.finding;
    fill(form, {
      result: state.item.result,
      notes: state.item.notes,
      severity: finding ? finding.severity : form.elements.severity.value,
      recommendation: finding ? finding.recommendation : "",
      deadline: finding ? finding.deadline : "",
      deadline_set_by_hand: finding ? finding.deadline_set_by_hand : false,
    });
  }

  // --- Status line -------------------------------------------------------------------------

  function count(text, number) {
    return text.replace("{count}", String(number));
  }

  function showStatus() {
    var pending = 0;
    var rejected = 0;
    draftIds().forEach(function (id) {
      var draft = getDraft(id);
      if (draft && draft.rejected) {
        rejected += 1;
      } else if (draft) {
        pending += 1;
      }
    });
    var text;
    var state;
    if (pending === 0) {
      text = TEXTS.saved;
      state = "saved";
    } else if (problem === "offline" || navigator.onLine === false) {
      text = count(pending === 1 ? TEXTS.offline_one : TEXTS.offline_many, pending);
      state = "offline";
    } else if (problem === "session" || problem === "server") {
      text = count(TEXTS[problem], pending);
      state = "offline";
    } else {
      text = count(pending === 1 ? TEXTS.saving_one : TEXTS.saving_many, pending);
      state = "saving";
    }
    if (rejected) {
      text += " " + TEXTS.rejected;
      state = pending ? state : "rejected";
    }
    statusLine.textContent = text;
    statusLine.dataset.state = state;
  }

  // --- Sending -----------------------------------------------------------------------------

  function itemUrl(id) {
    return root.dataset.itemUrl.replace("/0/", "/" + encodeURIComponent(id) + "/");
  }

  function csrfToken() {
    var input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function sameDraft(id, draft) {
    var current = getDraft(id);
    return current !== null && current.saved_at === draft.saved_at;
  }

  function acknowledged(id, draft, state) {
    var newer = !sameDraft(id, draft);
    if (!newer) {
      removeDraft(id);
    }
    var form = forms[id];
    if (!form) {
      return;
    }
    clearErrors(form);
    if (newer) {
      return; // a later edit is on its way
    }
    if (!state.applied) {
      showServer(form, state);
      setState(id, "item_stale");
      return;
    }
    var deadline = form.elements.deadline;
    var untouched =
      deadline.value === draft.entry.deadline &&
      (setByHand(form) ? "true" : "false") === draft.entry.deadline_set_by_hand;
    if (state.finding && untouched) {
      // The date the server holds: the severity's default, or the inspector's own.
      deadline.value = state.finding.deadline;
      markSetByHand(form, state.finding.deadline_set_by_hand === true);
    }
    if (!state.finding) {
      markSetByHand(form, false); // a new finding gets a new default date
      followSeverity(form);
    }
    setState(id, "item_saved");
  }

  function rejected(id, draft, errors) {
    // Kept, marked: not sent again until the inspector changes the item (it would be
    // refused again), never lost.
    if (sameDraft(id, draft)) {
      draft.rejected = errors;
      putDraft(id, draft);
    }
    if (forms[id]) {
      showErrors(forms[id], errors);
      setState(id, "item_rejected");
    }
  }

  function gone(id, draft) {
    if (sameDraft(id, draft)) {
      removeDraft(id);
    }
    setState(id, "item_gone");
  }

  function finished(id) {
    inFlight[id] = false;
    showStatus();
    if (sendAgain[id]) {
      sendAgain[id] = false;
      send(id);
    }
  }

  function send(id) {
    var draft = getDraft(id);
    if (!draft || draft.rejected) {
      return;
    }
    if (inFlight[id]) {
      sendAgain[id] = true;
      return;
    }
    inFlight[id] = true;
    var body = new FormData();
    ENTRY_FIELDS.forEach(function (name) {
      var value = draft.entry[name];
      body.append(name, value === undefined || value === null ? "" : value);
    });
    body.append("client_saved_at", draft.saved_at);
    setState(id, "item_saving");
    fetch(itemUrl(id), {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.status === 404) {
          problem = null;
          gone(id, draft);
          return null;
        }
        if (response.redirected || type.indexOf("application/json") === -1) {
          // The sign-in page (the session ended), a refused CSRF token (signed in again
          // elsewhere: the page must be reloaded) or a server error page: keep the draft.
          problem = response.redirected || response.status === 403 ? "session" : "server";
          setState(id, "item_kept");
          return null;
        }
        return response.json().then(function (data) {
          if (response.ok) {
            problem = null;
            acknowledged(id, draft, data);
          } else if (response.status === 400) {
            problem = null;
            rejected(id, draft, data.errors || {});
          } else {
            problem = "server";
            setState(id, "item_kept");
          }
        });
      })
      .catch(function () {
        problem = "offline";
        setState(id, "item_kept");
      })
      .then(function () {
        finished(id);
      });
  }

  function flush() {
    draftIds().forEach(send);
    showStatus();
  }

  function edited(form, now) {
    var id = form.dataset.item;
    putDraft(id, { saved_at: new Date().toISOString(), entry: entryOf(form) });
    showFinding(form);
    window.clearTimeout(typingTimers[id]);
    if (now) {
      send(id);
    } else {
      typingTimers[id] = window.setTimeout(function () {
        send(id);
      }, TYPING_PAUSE_MS);
    }
    showStatus();
  }

  function recordForm(target) {
    var form = target && target.form;
    return form && form.classList.contains("record-form") ? form : null;
  }

  root.addEventListener("input", function (event) {
    var form = recordForm(event.target);
    if (form && event.target.name === "deadline") {
      markSetByHand(form, event.target.value !== "");
    }
    if (form && event.target.tagName === "TEXTAREA") {
      edited(form, false);
    }
  });
  root.addEventListener("change", function (event) {
    var form = recordForm(event.target);
    if (form) {
      if (event.target.name === "deadline") {
        // A date typed or picked is the inspector's own; an emptied field follows the
        // severity again.
        markSetByHand(form, event.target.value !== "");
      }
      followSeverity(form);
      edited(form, true);
    }
  });
  root.addEventListener("submit", function (event) {
    if (event.target.classList.contains("record-form")) {
      event.preventDefault();
      edited(event.target, true);
    }
  });
  window.addEventListener("online", function () {
    problem = null;
    flush();
  });
  window.addEventListener("offline", function () {
    problem = "offline";
    showStatus();
  });
  window.setInterval(function () {
    if (navigator.onLine !== false) {
      flush();
    }
  }, RETRY_MS);

  // The page as the device left it: drafts not yet acknowledged are shown, then sent.
  Object.keys(forms).forEach(function (id) {
    var draft = getDraft(id);
    if (draft) {
      fill(forms[id], draft.entry);
      if (draft.rejected) {
        showErrors(forms[id], draft.rejected);
        setState(id, "item_rejected");
      } else {
        setState(id, "item_kept");
      }
    }
    showFinding(forms[id]);
  });
  flush();
})();
