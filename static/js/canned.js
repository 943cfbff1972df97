// A canned response goes into the reply box in place (issue 19). Without this script the
// "Insert" button posts what was typed and the page comes back with the text added.
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-canned-insert]");
    if (!button || !button.form) {
      return;
    }
    var box = button.closest("[data-canned]");
    var select = box && box.querySelector("select");
    var option = select && select.options[select.selectedIndex];
    var textarea = button.form.querySelector("textarea[name=body]");
    if (!option || !textarea) {
      return;
    }
    event.preventDefault();
    var text = option.getAttribute("data-text") || "";
    var typed = textarea.value.replace(/\s+$/, "");
    textarea.value = typed ? typed + "\n\n" + text : text;
    textarea.focus();
    var note = box.querySelector("[data-canned-note]");
    if (note) {
      note.hidden = !option.hasAttribute("data-fallback");
    }
  });
})();
