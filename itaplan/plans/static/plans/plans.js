// Browsers show date inputs in the Common Era; write the Buddhist-era date beside each one.
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", {
    day: "numeric", month: "short", year: "numeric"
  });
  function show(input) {
    var note = input.nextElementSibling;
    if (!note || !note.classList.contains("be-date")) {
      note = document.createElement("small");
      note.className = "be-date";
      note.setAttribute("aria-live", "polite");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = input.value ? "พ.ศ.: " + format.format(new Date(input.value + "T00:00:00")) : "";
  }
  document.querySelectorAll("input[type=date]").forEach(function (input) {
    show(input);
    input.addEventListener("change", function () { show(input); });
    input.addEventListener("input", function () { show(input); });
  });
})();
