// Fanloop: file fields of post forms (templates/tags/files.html). Without this script the field is a plain
// multipart file input and everything works; with it, pasted and dropped files join the same input, a file over
// the size limit is named at once (the server checks again), and a form with files shows upload progress.
(function () {
  'use strict';

  function addFiles(input, files) {
    if (!files || files.length === 0) {
      return;
    }
    var all = new DataTransfer();
    Array.prototype.forEach.call(input.files, function (f) { all.items.add(f); });
    Array.prototype.forEach.call(files, function (f) { all.items.add(f); });
    input.files = all.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function isLog(file) {
    return /\.(txt|log|zip)$/i.test(file.name) || file.type === 'text/plain' || file.type === 'application/zip';
  }

  function message(box, text) {
    var out = box.querySelector('.upload-message');
    if (out) {
      out.textContent = text || '';
    }
  }

  function checkSizes(box, input) {
    var imageBytes = Number(box.dataset.imageBytes), logBytes = Number(box.dataset.logBytes);
    var problems = [];
    Array.prototype.forEach.call(input.files, function (f) {
      var log = isLog(f);
      if (f.size > (log ? logBytes : imageBytes)) {
        problems.push(f.name + ': ' + (log ? box.dataset.logTooLarge : box.dataset.imageTooLarge));
      }
    });
    message(box, problems.join(' '));
    input.setCustomValidity(problems.length ? problems.join(' ') : '');
    return problems.length === 0;
  }

  function progress(box, loaded, total) {
    var bar = box.querySelector('.upload-progress');
    if (bar && total > 0) {
      bar.hidden = false;
      bar.value = Math.round(loaded * 100 / total);
    }
  }

  function hasFiles(input) {
    return input.files && input.files.length > 0;
  }

  // A plain form with files goes by XMLHttpRequest so its upload can show progress; the answer then replaces
  // the page as a normal submission would (the new post after the redirect, or the form again with its errors).
  function submitWithProgress(form, box, input, submitter) {
    var data = submitter ? new FormData(form, submitter) : new FormData(form);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.upload.addEventListener('progress', function (e) { progress(box, e.loaded, e.total); });
    xhr.addEventListener('load', function () {
      if (xhr.status === 413) {
        // Refused for its size, here or by a proxy in front: say so and keep everything typed.
        message(box, box.dataset.tooLargeRequest);
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL && xhr.responseURL !== form.action) {
        window.location.assign(xhr.responseURL);
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    });
    xhr.addEventListener('error', function () { message(box, box.dataset.failed); });
    xhr.send(data);
  }

  function wire(box) {
    var input = box.querySelector('input[type=file]');
    var form = box.closest('form');
    if (!input || !form || typeof DataTransfer === 'undefined') {
      return;
    }
    box.classList.add('files-enhanced');
    input.addEventListener('change', function () { checkSizes(box, input); });
    form.addEventListener('paste', function (e) {
      if (e.clipboardData && e.clipboardData.files.length > 0) {
        e.preventDefault();
        addFiles(input, e.clipboardData.files);
      }
    });
    box.addEventListener('dragover', function (e) {
      e.preventDefault();
      box.classList.add('dragging');
    });
    box.addEventListener('dragleave', function () { box.classList.remove('dragging'); });
    box.addEventListener('drop', function (e) {
      e.preventDefault();
      box.classList.remove('dragging');
      addFiles(input, e.dataTransfer.files);
    });
    if (form.hasAttribute('hx-post')) {
      // htmx sends the form itself (multipart, as its enctype says) and reports the upload's progress.
      form.addEventListener('htmx:xhr:progress', function (e) { progress(box, e.detail.loaded, e.detail.total); });
      return;
    }
    form.addEventListener('submit', function (e) {
      if (e.defaultPrevented || !hasFiles(input) || typeof FormData === 'undefined') {
        return;
      }
      if (!checkSizes(box, input)) {
        e.preventDefault();
        return;
      }
      e.preventDefault();
      submitWithProgress(form, box, input, e.submitter);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-files]'), wire);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
