// Fanloop: "my devices" on the bug form (templates/SuggestionResource/form.html). Without this script the select is
// sent with the form and the server fills the empty device fields from the chosen device; with it, choosing a device
// fills the device model and system version fields at once, where the member can still change them.
(function () {
  'use strict';

  function fill(select) {
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) {
      return;
    }
    var form = select.form;
    var model = form.querySelector('[name="deviceModel"]');
    var version = form.querySelector('[name="systemVersion"]');
    if (model) {
      model.value = option.getAttribute('data-model') || '';
    }
    if (version) {
      version.value = option.getAttribute('data-version') || '';
    }
  }

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target && target.matches && target.matches('select[data-fills-device]')) {
      fill(target);
    }
  });
}());
