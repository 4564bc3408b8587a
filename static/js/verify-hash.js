/* The file check of the public verification pages (templates/_verify_hash.html).

   A verification code proves that a document was issued; only the SHA-256 stored when it was
   rendered proves that the PDF in the reader's hands is that document, unchanged. The reader
   chooses or drops the file; the browser hashes it with crypto.subtle and compares the result
   with the stored hash. The file never leaves the browser: no form, no request. crypto.subtle
   exists only in secure contexts (HTTPS, localhost); elsewhere the page says so and leaves the
   reader the hash to compare with another tool. The messages come translated from the
   template's data attributes. */
(function () {
  "use strict";

  var root = document.getElementById("verify-hash");
  if (!root) {
    return;
  }
  var input = document.getElementById("verify-hash-file");
  var zone = root.querySelector("[data-drop-zone]");
  var result = document.getElementById("verify-hash-result");
  var yours = document.getElementById("verify-hash-yours");
  var expected = (root.dataset.expected || "").trim().toLowerCase();
  var subtle = window.crypto && window.crypto.subtle;

  function say(key, state) {
    result.textContent = root.dataset[key] || "";
    result.className = "verify-hash__result verify-hash__result--" + state;
  }

  if (!subtle || typeof subtle.digest !== "function" || !window.FileReader) {
    input.disabled = true;
    zone.classList.add("verify-hash__drop--off");
    say("textUnsupported", "unsupported");
    return;
  }

  function readBytes(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        resolve(reader.result);
      };
      reader.onerror = function () {
        reject(reader.error);
      };
      reader.readAsArrayBuffer(file);
    });
  }

  function hex(buffer) {
    return Array.prototype.map
      .call(new Uint8Array(buffer), function (byte) {
        return ("0" + byte.toString(16)).slice(-2);
      })
      .join("");
  }

  var latest = 0; // a second file chosen while the first is hashed wins

  function check(file) {
    if (!file) {
      return;
    }
    var mine = ++latest;
    yours.hidden = true;
    say("textBusy", "busy");
    readBytes(file)
      .then(function (bytes) {
        return subtle.digest("SHA-256", bytes);
      })
      .then(function (digest) {
        if (mine !== latest) {
          return;
        }
        var actual = hex(digest);
        yours.querySelector("code").textContent = actual;
        yours.hidden = false;
        if (actual === expected) {
          say("textMatch", "match");
        } else {
          say("textMismatch", "mismatch");
        }
      })
      .catch(function () {
        if (mine === latest) {
          say("textError", "error");
        }
      });
  }

  input.addEventListener("change", function () {
    check(input.files && input.files[0]);
  });

  // Unless the zone takes the drop, the browser opens the dropped file in place of the page.
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
      zone.classList.add("verify-hash__drop--over");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function () {
      zone.classList.remove("verify-hash__drop--over");
    });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    var files = event.dataTransfer && event.dataTransfer.files;
    check(files && files[0]);
  });
})();
