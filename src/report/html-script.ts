/**
 * Behaviour of the HTML report: cell toggling and the filters. It only reads data-* attributes
 * and writes text via textContent, never HTML, so result strings cannot become markup here.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  var rank = { none: -1, ok: 0, warn: 1, fail: 2 };
  var glyphs = { none: '\\u2013', ok: '\\u2714', warn: '!', fail: '\\u2717' };
  var $ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var cells = $('button.cell');
  var panels = $('.panel');
  var typeFilter = document.getElementById('filter-type');
  var severityBoxes = $('input[name="severity"]');
  var placeholder = document.getElementById('details-placeholder');

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function show(cell, expand) {
    cells.forEach(function (other) { other.setAttribute('aria-expanded', 'false'); });
    panels.forEach(function (panel) { panel.hidden = true; });
    if (placeholder) placeholder.hidden = expand;
    if (!expand) return;
    cell.setAttribute('aria-expanded', 'true');
    var panel = document.getElementById(cell.getAttribute('aria-controls'));
    if (panel) panel.hidden = false;
  }

  cells.forEach(function (cell) {
    cell.addEventListener('click', function () {
      show(cell, cell.getAttribute('aria-expanded') !== 'true');
    });
  });
  $('.panel .close').forEach(function (button) {
    button.addEventListener('click', function () {
      var panel = button.closest('.panel');
      var cell = panel && document.getElementById(panel.getAttribute('data-cell'));
      if (cell) { show(cell, false); cell.focus(); }
    });
  });

  function apply() {
    var type = typeFilter ? typeFilter.value : '';
    var severities = {};
    severityBoxes.forEach(function (box) { severities[box.value] = box.checked; });
    var tiles = { ok: 0, warn: 0, fail: 0 };
    var shownFindings = 0;
    panels.forEach(function (panel) {
      var status = 'none';
      var docs = 0;
      var byStatus = { ok: 0, warn: 0, fail: 0 };
      var bySeverity = { error: 0, warning: 0, info: 0 };
      $('.pair', panel).forEach(function (pair) {
        var visible = !type || pair.getAttribute('data-doctype') === type;
        pair.hidden = !visible;
        if (!visible) return;
        var pairStatus = pair.getAttribute('data-status');
        docs += 1;
        byStatus[pairStatus] += 1;
        if (rank[pairStatus] > rank[status]) status = pairStatus;
        var shown = 0;
        // A document that cannot be read is listed once below; its stub carries its counts.
        if (pair.classList.contains('unread')) {
          ['error', 'warning', 'info'].forEach(function (severity) {
            if (severities[severity]) bySeverity[severity] += Number(pair.getAttribute('data-' + severity) || 0);
          });
          return;
        }
        $('.finding', pair).forEach(function (finding) {
          var severity = finding.getAttribute('data-severity');
          finding.hidden = !severities[severity];
          if (!finding.hidden) { bySeverity[severity] += 1; shown += 1; }
        });
        var none = pair.querySelector('.filtered-out');
        if (none) none.hidden = shown > 0 || $('.finding', pair).length === 0;
      });
      shownFindings += bySeverity.error + bySeverity.warning + bySeverity.info;
      if (status !== 'none') tiles[status] += 1;
      var cell = document.getElementById(panel.getAttribute('data-cell'));
      if (!cell) return;
      // A gateway route holds for all of a cell's documents, so it holds for any filtered subset.
      var routed = status === 'fail' && cell.getAttribute('data-route') === 'gateway';
      cell.className = 'cell ' + status + (status === 'fail' && byStatus.fail === docs ? ' all' : '') + (routed ? ' routed' : '');
      cell.setAttribute('data-status', status);
      cell.querySelector('.glyph').textContent = routed ? '\\u21aa' : glyphs[status];
      cell.querySelector('.label').textContent = status === 'none' ? 'n/a' : status;
      cell.querySelector('.docs').textContent = status === 'none' ? 'no documents'
        : status === 'ok' ? plural(docs, 'document') + ' ok'
        : byStatus[status] + ' of ' + plural(docs, 'document') + ' ' + status;
      var parts = [];
      if (bySeverity.error) parts.push(plural(bySeverity.error, 'error'));
      if (bySeverity.warning) parts.push(plural(bySeverity.warning, 'warning'));
      if (bySeverity.info) parts.push(bySeverity.info + ' info');
      cell.querySelector('.counts').textContent = parts.join(' \\u00b7 ');
      cell.setAttribute('aria-label', cell.getAttribute('data-sender') + ' to ' + cell.getAttribute('data-receiver') + ': ' +
        (status === 'none' ? 'no documents' : status + ', ' + cell.querySelector('.docs').textContent) +
        (parts.length ? ', ' + parts.join(', ') : '') +
        (cell.getAttribute('data-forecast') ? ', ' + cell.getAttribute('data-forecast') : ''));
    });
    $('.unread-doc').forEach(function (doc) {
      doc.hidden = !!type && doc.getAttribute('data-doctype') !== type;
      $('.finding', doc).forEach(function (finding) {
        finding.hidden = !severities[finding.getAttribute('data-severity')];
      });
    });
    ['ok', 'warn', 'fail'].forEach(function (status) {
      var tile = document.getElementById('tile-' + status);
      if (tile) tile.textContent = String(tiles[status]);
    });
    var total = document.getElementById('tile-findings');
    if (total) total.textContent = String(shownFindings);
  }

  if (typeFilter) typeFilter.addEventListener('change', apply);
  severityBoxes.forEach(function (box) { box.addEventListener('change', apply); });
  var filters = document.getElementById('filters');
  if (filters) filters.hidden = false;
  panels.forEach(function (panel) { panel.hidden = true; });
  if (placeholder) placeholder.hidden = false;
  apply();

  var target = location.hash && document.getElementById(location.hash.slice(1));
  if (target && target.classList.contains('panel')) {
    var opener = document.getElementById(target.getAttribute('data-cell'));
    if (opener) show(opener, true);
  }
})();
`;
