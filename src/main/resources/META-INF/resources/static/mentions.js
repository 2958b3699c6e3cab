// Fanloop: @name autocomplete in post and comment forms. The textarea asks /mentions with htmx while the member types
// after an @ (hx-get on the textarea); this script only puts a picked name in the text. Without it (or without
// JavaScript) the member types the whole @name, which works the same.
// The offer is a listbox the textarea controls (aria-controls, aria-autocomplete=list): with the focus staying in the
// textarea, the up and down arrows choose a name (aria-activedescendant), Enter puts it in, Escape closes the offer
// (static/access.js) and Tab leaves as usual.
(function () {
  'use strict';

  function pick(option) {
    var field = option.closest('.field');
    var area = field ? field.querySelector('textarea') : null;
    if (!area) {
      return;
    }
    var typed = '@' + option.dataset.typed;
    var text = area.value;
    var at = text.lastIndexOf(typed);
    if (at >= 0 && at + typed.length === text.length) {
      area.value = text.substring(0, at) + '@' + option.dataset.name + ' ';
    } else {
      area.value = text + '@' + option.dataset.name + ' ';
    }
    var offer = option.closest('.mention-offer');
    if (offer) {
      offer.remove();
    }
    area.removeAttribute('aria-activedescendant');
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
  }

  function options(area) {
    var slot = document.getElementById(area.getAttribute('aria-controls'));
    return slot ? Array.prototype.slice.call(slot.querySelectorAll('[role=option]')) : [];
  }

  document.addEventListener('click', function (event) {
    var option = event.target.closest ? event.target.closest('.mention-pick') : null;
    if (option) {
      event.preventDefault();
      pick(option);
    }
  });

  document.addEventListener('keydown', function (event) {
    var area = event.target;
    if (!area.matches || !area.matches('textarea[aria-autocomplete=list]')) {
      return;
    }
    var list = options(area);
    if (list.length === 0) {
      return;
    }
    var current = -1;
    list.forEach(function (o, i) {
      if (o.id === area.getAttribute('aria-activedescendant')) {
        current = i;
      }
    });
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      var next = event.key === 'ArrowDown' ? (current + 1) % list.length : (current <= 0 ? list.length : current) - 1;
      list.forEach(function (o, i) { o.setAttribute('aria-selected', i === next ? 'true' : 'false'); });
      area.setAttribute('aria-activedescendant', list[next].id);
      list[next].scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter' && current >= 0) {
      event.preventDefault();
      pick(list[current]);
    }
  });

  // A new offer (or none) after more typing: no name is chosen yet.
  document.addEventListener('htmx:afterSwap', function (event) {
    var slot = event.target;
    if (slot && slot.id) {
      var area = document.querySelector('textarea[aria-controls="' + slot.id + '"]');
      if (area) {
        area.removeAttribute('aria-activedescendant');
      }
    }
  });
})();
