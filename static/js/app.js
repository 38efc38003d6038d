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

  // After htmx swaps a list in place, wire up what came in and tell screen
  // readers about it.
  document.addEventListener("htmx:afterSwap", function (event) {
    enableCopyButtons(event.detail.target);
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
