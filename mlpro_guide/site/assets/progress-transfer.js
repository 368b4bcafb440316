/* Practice pages: carry progress to another browser, on "My progress". Export saves the
   stored progress as a JSON file (a format name, the progress format's version, the time
   of export and the progress itself); import reads such a file and, after a confirmation,
   replaces the progress in this browser. A file that is not JSON, not a progress file of
   this guide, of a newer or older format, or damaged is refused with a message naming
   the file, and nothing is changed. Nothing leaves the browser: the file is made and read
   locally.

   Relies on practice-ui.js and window.mlproProgress (load, save, isValid, version); adds
   transferSection and checkImport to window.mlproPractice. */
(function () {
  "use strict";
  var P = window.mlproPractice;
  var el = P.el, button = P.button, formatDate = P.formatDate;
  var FORMAT = "mlpro-guide-progress";

  function exportText(state) {
    return JSON.stringify({ format: FORMAT, version: window.mlproProgress.version,
      exportedAt: new Date().toISOString(), progress: state }, null, 1);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  /* {progress, exportedAt} from a file's text, or {error} saying why it is refused. */
  function checkImport(name, text) {
    var version = window.mlproProgress.version;
    var unchanged = " Nothing was changed.";
    var parsed;
    try { parsed = JSON.parse(text); } catch (error) {
      return { error: "\u201c" + name + "\u201d is not a JSON file, so it cannot be a progress file " +
        "exported from this guide." + unchanged };
    }
    if (!isPlainObject(parsed) || parsed.format !== FORMAT) {
      return { error: "\u201c" + name + "\u201d is JSON but not a progress file of this guide (it has " +
        "no \u201cformat\u201d: \u201c" + FORMAT + "\u201d)." + unchanged };
    }
    if (typeof parsed.version !== "number" || parsed.version > version) {
      return { error: "\u201c" + name + "\u201d was exported by a newer version of this guide (progress " +
        "format " + parsed.version + "; this page reads format " + version + "). Import it into the " +
        "newer version of the guide instead." + unchanged };
    }
    if (parsed.version < version) {
      return { error: "\u201c" + name + "\u201d uses an older progress format (" + parsed.version +
        "), which this version of the guide (format " + version + ") cannot read." + unchanged };
    }
    if (!window.mlproProgress.isValid(parsed.progress)) {
      return { error: "\u201c" + name + "\u201d is a progress file of this guide, but its content is " +
        "damaged (a part is missing or of the wrong kind), so it cannot be used." + unchanged };
    }
    return { progress: parsed.progress, exportedAt: parsed.exportedAt };
  }

  function counts(state) {
    var attempts = 0;
    Object.keys(state.attempts).forEach(function (f) { attempts += state.attempts[f].length; });
    return Object.keys(state.selfChecks).length + " first answers, " + attempts + " mock exam attempt" +
      (attempts === 1 ? "" : "s") + ", " + Object.keys(state.done).length + " pages done and " +
      Object.keys(state.mistakes).length + " mistakes to review";
  }

  /* The "Carry your progress" section; ``rerender(message)`` redraws the page after an import. */
  function transferSection(rerender) {
    var message = el("p", { className: "mlpro-px-transfer-message", role: "status" });
    var exportButton = button("Export my progress", function () {
      var state = window.mlproProgress.load();
      var blob = new Blob([exportText(state)], { type: "application/json" });
      var link = el("a", { href: URL.createObjectURL(blob),
        download: "mlpro-progress-" + window.mlproSchedule.dayOf(new Date()) + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      message.className = "mlpro-px-transfer-message";
      message.textContent = "Exported " + counts(state) + ". Import the file on the My progress page " +
        "of another browser.";
    }, "mlpro-px-button mlpro-px-export");
    var pending = null;
    var dialog = el("dialog", { className: "mlpro-px-confirm mlpro-px-import-confirm",
      "aria-labelledby": "mlpro-px-import-title" });
    var summary = el("p");
    var keep = button("Keep my current progress", function () {
      pending = null;
      dialog.close();
      message.textContent = "Import cancelled: nothing was changed.";
    }, "mlpro-px-button mlpro-px-primary");
    [el("h2", { id: "mlpro-px-import-title", text: "Replace your progress with the file's?" }), summary,
      el("p", {}, [keep, " ", button("Replace my progress", function () {
        var incoming = pending;
        pending = null;
        dialog.close();
        if (!incoming || !window.mlproProgress.save(incoming.progress)) {
          message.className = "mlpro-px-transfer-message mlpro-px-notice";
          message.textContent = "This browser does not let the guide store progress, so nothing was imported.";
          return;
        }
        window.mlproProgress.refreshSidebar();
        rerender("Imported \u201c" + incoming.name + "\u201d: " + counts(incoming.progress) + ".");
      })])
    ].forEach(function (n) { dialog.appendChild(n); });
    var input = el("input", { type: "file", id: "mlpro-px-import-file", accept: ".json,application/json",
      className: "mlpro-px-import-file" });
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) { return; }
      var reader = new FileReader();
      reader.onload = function () {
        input.value = "";
        var checked = checkImport(file.name, String(reader.result));
        if (checked.error) {
          message.className = "mlpro-px-transfer-message mlpro-px-notice";
          message.setAttribute("role", "alert");
          message.textContent = checked.error;
          return;
        }
        message.className = "mlpro-px-transfer-message";
        message.textContent = "";
        pending = { name: file.name, progress: checked.progress };
        summary.textContent = "\u201c" + file.name + "\u201d" + (checked.exportedAt ? ", exported " +
          formatDate(checked.exportedAt) + "," : "") + " holds " + counts(checked.progress) + ". It " +
          "replaces everything stored in this browser now: " + counts(window.mlproProgress.load()) + ".";
        dialog.showModal();
        keep.focus();
      };
      reader.onerror = function () {
        message.className = "mlpro-px-transfer-message mlpro-px-notice";
        message.textContent = "\u201c" + file.name + "\u201d could not be read. Nothing was changed.";
      };
      reader.readAsText(file);
    });
    return el("section", { className: "mlpro-px-transfer" }, [
      el("h2", { text: "Carry your progress to another browser" }),
      el("p", { text: "Your progress lives in this browser only. Export it to a file, then import the " +
        "file on this page in another browser or device: the import replaces what that browser holds, " +
        "after you confirm. The file stays on your devices; nothing is uploaded." }),
      el("p", {}, [exportButton]),
      el("p", { className: "mlpro-px-import" }, [el("label", { "for": "mlpro-px-import-file",
        text: "Import progress from a file: " }), input]),
      message, dialog
    ]);
  }

  P.checkImport = checkImport;
  P.transferSection = transferSection;
})();
