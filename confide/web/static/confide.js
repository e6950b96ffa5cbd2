// Confide: the copy button for the safer rewrite, and CSRF for htmx requests.
// No inline scripts: the Content-Security-Policy allows only files from this server.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) { return; }
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById("copy-status");
    if (!field) { return; }
    var done = function () { if (status) { status.textContent = "Copied."; } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {
        field.select(); document.execCommand("copy"); done();
      });
    } else {
      field.select(); document.execCommand("copy"); done();
    }
  });
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrf_token]");
    if (token) { event.detail.headers["X-CSRF-Token"] = token.value; }
    // A form's own requests go to its own hx-post. htmx would send them to the
    // formaction of the button that last had focus: the re-check that typing schedules
    // would, right after "Ask my supervisor", post the text to /reviews and store it a
    // second time. (The Ask button's own request is made for the button, not the form.)
    var elt = event.detail.elt;
    if (elt && elt.tagName === "FORM" && elt.hasAttribute("hx-post")) {
      event.detail.path = elt.getAttribute("hx-post");
    }
  });
})();
