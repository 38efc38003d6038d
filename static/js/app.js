// Partner Dashboard: small progressive enhancements. Every page works
// without this file; it only adds copy buttons, confirmation dialogs,
// focus handling and an upload's progress.
(function () {
  "use strict";

  function enableCopyButtons(root) {
    root.querySelectorAll("button.copy[data-copy-target]").forEach(function (button) {
      if (button.dataset.copyReady) { return; }
      button.dataset.copyReady = "1";
      button.classList.add("ready");
      button.addEventListener("click", function () {
        var field = document.getElementById(button.dataset.copyTarget);
        if (!field) { return; }
        var status = button.parentElement.querySelector(".copy-status");
        var done = function () {
          if (status) { status.textContent = button.dataset.copied || ""; }
          button.classList.add("copied");
          window.setTimeout(function () {
            button.classList.remove("copied");
            if (status) { status.textContent = ""; }
          }, 2500);
        };
        var fallback = function () {
          field.select();
          if (document.execCommand("copy")) { done(); }
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  // Irreversible actions: a form with data-confirm asks in a dialog first
  // and is sent with confirmed=yes only after the person agrees. Listening
  // in the capture phase runs before htmx sees the submit.
  var dialog = null;
  function confirmDialog() {
    if (dialog) { return dialog; }
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("aria-labelledby", "confirm-dialog-message");
    var message = document.createElement("p");
    message.id = "confirm-dialog-message";
    var actions = document.createElement("div");
    actions.className = "confirm-actions";
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = "primary";
    ok.id = "confirm-dialog-ok";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.id = "confirm-dialog-cancel";
    cancel.addEventListener("click", function () { dialog.close(); });
    actions.appendChild(ok);
    actions.appendChild(cancel);
    dialog.appendChild(message);
    dialog.appendChild(actions);
    document.body.appendChild(dialog);
    return dialog;
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.dataset || !form.dataset.confirm) { return; }
    var field = form.querySelector("input[name=confirmed]");
    if (!field || field.value === "yes") { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var submitter = event.submitter || null;
    var d = confirmDialog();
    d.querySelector("p").textContent = form.dataset.confirm;
    var ok = d.querySelector("#confirm-dialog-ok");
    ok.textContent = form.dataset.confirmLabel || (submitter ? submitter.textContent : "OK");
    d.querySelector("#confirm-dialog-cancel").textContent = document.body.dataset.cancel || "Cancel";
    ok.onclick = function () {
      d.close();
      field.value = "yes";
      if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
    };
    d.showModal();
    ok.focus();
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    enableCopyButtons(document);
    // A language chosen in the header applies at once. Its button stays, so
    // that nothing moves after the first paint.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  });

  // After htmx swaps part of a page, wire up what came in, tell screen
  // readers, and move focus to it unless the person is typing (a search box).
  document.addEventListener("htmx:afterSwap", function (event) {
    // A swap restoring history names no target: the whole page came back.
    var target = event.detail.target || document.body;
    enableCopyButtons(target);
    // A region that refreshes itself (a sync's progress) neither takes the
    // focus nor is announced on every refresh.
    var polled = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (polled && polled.hasAttribute && polled.hasAttribute("data-refreshes")) { return; }
    var announcer = document.getElementById("announcer");
    if (announcer) {
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = document.body.dataset.updated || ""; }, 50);
    }
    var region = document.getElementById(target.id) || target;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    var typing = source && (source.tagName === "INPUT" || source.tagName === "SELECT" || source.tagName === "TEXTAREA" ||
      (source.tagName === "FORM" && document.activeElement && document.activeElement.tagName === "INPUT"));
    if (!typing && region && region.focus) {
      if (!region.hasAttribute("tabindex")) { region.setAttribute("tabindex", "-1"); }
      region.focus({ preventScroll: false });
    }
  });

  // A file form sent by htmx shows how much of the file has gone.
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.target.closest && event.target.closest("form[data-upload]");
    if (!form || !event.detail.lengthComputable) { return; }
    var box = form.querySelector("[data-upload-progress]");
    if (!box) { return; }
    box.hidden = false;
    box.querySelector("progress").value = Math.round(100 * event.detail.loaded / event.detail.total);
  });

  // Close other open action menus when one opens.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains("menu") || !opened.open) { return; }
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (menu !== opened) { menu.open = false; }
    });
  }, true);
})();
