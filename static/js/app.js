// Partner Dashboard: small progressive enhancements. Every page works
// without this file; it only adds copy buttons and focus handling.
(function () {
  "use strict";

  function enableCopyButtons(root) {
    root.querySelectorAll("button.copy[data-copy-target]").forEach(function (button) {
      if (button.dataset.copyReady) { return; }
      button.dataset.copyReady = "1";
      button.hidden = false;
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

  document.addEventListener("DOMContentLoaded", function () {
    enableCopyButtons(document);
    // A language chosen in the header applies at once.
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var button = select.form && select.form.querySelector("button");
      if (button) { button.hidden = true; }
      select.addEventListener("change", function () { select.form.submit(); });
    });
  });

  // After htmx swaps part of a page, wire up what came in, tell screen
  // readers, and move focus to it unless the person is typing (a search box).
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    enableCopyButtons(target);
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

  // Close other open action menus when one opens.
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.classList.contains("menu") || !opened.open) { return; }
    document.querySelectorAll("details.menu[open]").forEach(function (menu) {
      if (menu !== opened) { menu.open = false; }
    });
  }, true);
})();
