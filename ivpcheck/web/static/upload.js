/* IVP-check upload form: drag and drop onto the drop zone, show the chosen file, and a status
   message while the plan is checked. The form works without this script too. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) {
    return;
  }
  var input = document.getElementById("bestand");
  var zone = document.getElementById("dropzone");
  var status = document.getElementById("upload-status");
  var button = document.getElementById("submit-button");

  function say(text) {
    status.textContent = text;
  }

  function chosen() {
    if (input.files && input.files.length) {
      say("Gekozen bestand: " + input.files[0].name);
    }
  }

  input.addEventListener("change", chosen);

  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "dragend", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () {
      zone.classList.remove("dragging");
    });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    var files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length) {
      input.files = files;
      chosen();
      input.focus();
    }
  });

  form.addEventListener("submit", function (event) {
    if (!input.files || !input.files.length) {
      event.preventDefault();
      say("Kies eerst een bestand.");
      input.focus();
      return;
    }
    form.setAttribute("aria-busy", "true");
    button.disabled = true;
    say("Bezig met controleren. Dit kan even duren…");
  });

  // Back to this page from the report (back/forward cache): the form is usable again.
  window.addEventListener("pageshow", function () {
    form.removeAttribute("aria-busy");
    button.disabled = false;
  });
})();
