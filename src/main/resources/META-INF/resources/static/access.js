// Fanloop: what every page shares for keyboards and screen readers (issue 23). Without JavaScript none of it is
// needed: forms post and whole pages load. With it:
// 1. After an htmx swap the page's one live region (#live-status in base.html) says what changed: the field errors
//    of the swapped content if it has any (and the focus goes to the first field they describe), else the text of
//    its [data-announce] element. The focus stays where the member was: htmx puts it back on the element of the same
//    id; when that element is gone, it goes to the announced element.
// 2. Escape closes a pop-out and gives the focus back to what opened it: a hint list filled by htmx ([data-popout],
//    named by its field's aria-controls) back to its field, an open <details> that is not a part of a form back to
//    its summary. Tab leaves either as it leaves anything else: nothing here holds the focus.
(function () {
  'use strict';

  function say(text) {
    var live = document.getElementById('live-status');
    if (!live || !text) {
      return;
    }
    live.textContent = '';
    // Set a moment later, so that a screen reader reads a message again when it repeats the last one.
    window.setTimeout(function () { live.textContent = text; }, 50);
  }

  function all(root, selector) {
    var found = root.matches(selector) ? [root] : [];
    return found.concat(Array.prototype.slice.call(root.querySelectorAll(selector)));
  }

  document.addEventListener('htmx:afterSettle', function (event) {
    var root = event.target;
    if (!root || !root.isConnected || !root.querySelectorAll) {
      return;
    }
    var errors = all(root, '.error-text[id]');
    if (errors.length > 0) {
      say(errors.map(function (e) { return e.textContent.trim(); }).join(' '));
      var field = document.querySelector('[aria-describedby~="' + errors[0].id + '"]');
      if (field && field.matches('fieldset')) {
        field = field.querySelector('input, select, textarea');
      }
      if (field) {
        field.focus();
      }
      return;
    }
    var told = all(root, '[data-announce]');
    if (told.length === 0) {
      return;
    }
    say(told[0].getAttribute('data-announce'));
    if (!document.activeElement || document.activeElement === document.body) {
      if (!told[0].matches('a, button, input, select, textarea, [tabindex]')) {
        told[0].setAttribute('tabindex', '-1');
      }
      told[0].focus();
    }
  });

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape' || event.defaultPrevented || !event.target.closest) {
      return;
    }
    var target = event.target;
    var slot = target.closest('[data-popout]');
    if (!slot && target.hasAttribute('aria-controls')) {
      slot = document.getElementById(target.getAttribute('aria-controls'));
    }
    if (slot && slot.hasAttribute('data-popout') && slot.children.length > 0) {
      event.preventDefault();
      slot.textContent = '';
      var field = document.querySelector('[aria-controls="' + slot.id + '"]');
      if (field) {
        field.removeAttribute('aria-activedescendant');
        field.focus();
      }
      return;
    }
    var details = target.closest('details[open]');
    if (details && !details.parentElement.closest('form')) {
      event.preventDefault();
      details.open = false;
      details.querySelector('summary').focus();
    }
  });
})();
