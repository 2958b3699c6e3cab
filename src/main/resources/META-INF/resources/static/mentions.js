// Fanloop: @name autocomplete in post and comment forms. The textarea asks /mentions with htmx while the member types
// after an @ (hx-get on the textarea); this script only puts a picked name in the text. Without it (or without
// JavaScript) the member types the whole @name, which works the same.
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    var pick = event.target.closest ? event.target.closest('.mention-pick') : null;
    if (!pick) {
      return;
    }
    event.preventDefault();
    var field = pick.closest('.field');
    var area = field ? field.querySelector('textarea') : null;
    if (!area) {
      return;
    }
    var typed = '@' + pick.dataset.typed;
    var text = area.value;
    var at = text.lastIndexOf(typed);
    if (at >= 0 && at + typed.length === text.length) {
      area.value = text.substring(0, at) + '@' + pick.dataset.name + ' ';
    } else {
      area.value = text + '@' + pick.dataset.name + ' ';
    }
    var offer = pick.closest('.mention-offer');
    if (offer) {
      offer.remove();
    }
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  });
})();
