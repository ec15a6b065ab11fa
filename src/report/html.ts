import { createHash } from 'node:crypto';

/** Receivers beyond which the matrix uses compact cells. */
const COMPACT_AFTER_COLUMNS = 6;
import type { ForecastChange } from '../engine/forecast.js';
import type {
  CellStatus,
  Finding,
  MatrixCell,
  MatrixResult,
  PairResult,
  Severity,
} from '../engine/types.js';
import { HTML_SCRIPT } from './html-script.js';
import { HTML_STYLE } from './html-style.js';
import { escapeAttribute as attr, escapeText as text } from './markup-escape.js';
import {
  changeState,
  memberStateNote,
  reportRows,
  type CellRow,
  type LineSummary,
  type ReportRows,
  type UnreadDocument,
} from './rows.js';
import { stringSink, type Sink } from './sink.js';
import { compareFindings, plural, position, type SeverityCounts } from './summary.js';
import type { Formatter } from './types.js';

const glyph: Record<CellStatus, string> = { ok: '✔', warn: '!', fail: '✗' };
const STATUSES_WORST_FIRST: readonly CellStatus[] = ['fail', 'warn', 'ok'];
const severities: Severity[] = ['error', 'warning', 'info'];

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}

function severityCounts(counts: SeverityCounts): string {
  const parts: string[] = [];
  if (counts.error) parts.push(plural(counts.error, 'error'));
  if (counts.warning) parts.push(plural(counts.warning, 'warning'));
  if (counts.info) parts.push(`${counts.info} info`);
  return parts.join(' · ');
}

function cellButton(row: CellRow): string {
  const { cell, index, via } = row;
  const counts = severityCounts(row.severities);
  const all = row.failsAll ? ' all' : '';
  const next = row.changes[0];
  const label = `${cell.sender} to ${cell.receiver}: ${cell.status}, ${row.documentsLine}${counts ? `, ${counts.replace(/ \u00b7 /g, ', ')}` : ''}${via ? `, reachable via ${via}` : ''}${next ? `, ${changeTo(next)} from ${next.date}` : ''}`;
  return (
    `<button type="button" class="cell ${cell.status}${all}${via ? ' routed' : ''}" id="cell-${index}" ` +
    `data-sender="${attr(cell.sender)}" data-receiver="${attr(cell.receiver)}" data-status="${cell.status}" ` +
    (cell.route ? `data-route="${attr(cell.route)}" ` : '') +
    (next ? `data-forecast="${attr(`${changeTo(next)} from ${next.date}`)}" ` : '') +
    `aria-expanded="false" aria-controls="panel-${index}" aria-label="${attr(label)}">` +
    `<span class="status"><span class="glyph" aria-hidden="true">${via ? ROUTED : glyph[cell.status]}</span>` +
    `<span class="label">${cell.status}</span>${ratio(row)}</span>` +
    (cell.status === 'fail'
      ? `<span class="extent">${all ? 'all documents' : 'some documents'}</span>`
      : '') +
    `<span class="docs">${text(row.documentsLine)}</span>` +
    (via ? `<span class="via">via ${text(via)}</span>` : '') +
    `<span class="counts">${text(counts)}</span>${forecastBadge(row)}</button>`
  );
}

const ROUTED = '↪';

/** "2/4": documents of the cell's status out of the sender's documents (as the text grid). */
function ratio(row: CellRow): string {
  return row.ratio ? ` <span class="ratio">${row.ratio}</span>` : '';
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** "Russia" for RU, "European Union" for EU; undefined for ids that are not region codes. */
export function jurisdictionName(id: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(id)) return undefined;
  try {
    return regionNames.of(id);
  } catch {
    return undefined;
  }
}

/** The id with its country name on hover (`title`) and for screen readers. */
function jurisdiction(id: string): string {
  const name = jurisdictionName(id);
  return name ? `<abbr title="${attr(name)}">${text(id)}</abbr>` : text(id);
}

/** The state a forecast change leads to: "fail", or "fail ↪" when a gateway still carries it. */
function changeTo(change: ForecastChange): string {
  return changeState(change.after, change.routeAfter);
}

/**
 * "→ fail 2029-01-01": the cell's first status change after the as-of date (`matrix --until`),
 * "+1" when more follow; the panel lists them all with their reasons.
 */
function forecastBadge(row: CellRow): string {
  const [next, ...more] = row.changes;
  if (!next) return '';
  return (
    `<span class="forecast ${next.after}" title="${attr(`${next.before} → ${changeTo(next)} from ${next.date}`)}">` +
    `<span aria-hidden="true">→ </span>${text(changeTo(next))} <time datetime="${attr(next.date)}">${text(next.date)}</time>` +
    (more.length ? ` <span class="more">+${more.length}</span>` : '') +
    '</span>'
  );
}

function forecastList(row: CellRow, until: string | undefined): string {
  if (row.changes.length === 0) return '';
  const items = row.changes
    .map(
      (change) =>
        `<li><time datetime="${attr(change.date)}">${text(change.date)}</time> ` +
        `<span class="badge ${change.before}">${text(change.before)}</span> → ` +
        `<span class="badge ${change.after}">${text(changeTo(change))}</span>` +
        (change.reasons.length
          ? `<ul>${change.reasons.map((reason) => `<li>${text(reason)}</li>`).join('')}</ul>`
          : '') +
        '</li>',
    )
    .join('');
  return `<p class="quiet">Changes by ${text(until ?? '')}:</p><ul class="forecast-list">${items}</ul>`;
}

function routeList(cell: MatrixCell): string {
  if (!cell.routes?.length) return '';
  const items = cell.routes
    .map(
      (route) =>
        `<li><span aria-hidden="true">${ROUTED}</span> via <b>${text(route.via)}</b>` +
        (route.conditions.length
          ? `<ul>${route.conditions.map((c) => `<li>${text(c)}</li>`).join('')}</ul>`
          : '') +
        '</li>',
    )
    .join('');
  return `<p class="quiet">Routes through a gateway:</p><ul class="routes">${items}</ul>`;
}

function findingItem(finding: Finding): string {
  const pos = position(finding);
  const where = [
    `<code>${text(finding.location.file)}${pos ? `:${text(pos)}` : ''}</code>`,
    finding.location.path ? `<code>${text(finding.location.path)}</code>` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    `<li class="finding ${finding.severity}" data-severity="${finding.severity}">` +
    `<div class="head"><span class="sev ${finding.severity}">${finding.severity}</span>` +
    `<code class="rule">${text(finding.ruleId)}</code></div>` +
    `<p class="msg">${text(finding.message)}</p>` +
    `<p class="where">${where}</p>` +
    (finding.hint
      ? `<p class="hint"><span class="hint-label">Hint</span>${text(finding.hint)}</p>`
      : '') +
    '</li>'
  );
}

function pairArticle(pair: PairResult): string {
  // The panel names sender → receiver already; only a member state adds news.
  const from = memberStateNote(pair);
  const findings = [...pair.findings].sort(compareFindings);
  const body =
    findings.length === 0
      ? '<p class="quiet">No findings: the receiver accepts this document.</p>'
      : `<ul class="findings">${findings.map(findingItem).join('')}</ul>` +
        '<p class="quiet filtered-out" hidden>All findings hidden by the severity filter.</p>';
  return (
    `<article class="pair" data-doctype="${attr(pair.documentType)}" data-status="${pair.status}">` +
    `<h4><code>${text(pair.document)}</code><span class="type">${text(pair.documentType + from)}</span>` +
    `<span class="badge ${pair.status}">${pair.status}</span></h4>${body}</article>`
  );
}

/**
 * In a cell's panel, a document that cannot be read is one line pointing at the section that
 * reports it once; its finding counts stay on the element so the filters count the cell as before.
 */
function unreadStub(unread: UnreadDocument, pair: PairResult): string {
  const counts = severities
    .map((severity) => {
      const n = pair.findings.filter((finding) => finding.severity === severity).length;
      return n ? ` data-${severity}="${n}"` : '';
    })
    .join('');
  return (
    `<article class="pair unread" data-doctype="${attr(pair.documentType)}" data-status="${pair.status}"${counts}>` +
    `<h4><code>${text(pair.document)}</code><span class="type">${text(unread.label)}</span>` +
    `<span class="badge ${pair.status}">${pair.status}</span></h4>` +
    `<p class="quiet">The same for every receiver: reported once under <a href="#unread">${UNREAD_TITLE}</a>.</p></article>`
  );
}

const UNREAD_TITLE = 'Documents that cannot be read';

/** Each document that cannot be read, once, with the receivers it was evaluated for. */
function unreadSection(rows: ReportRows): string {
  if (rows.unread.length === 0) return '';
  const articles = rows.unread.map((unread) => {
    const findings = [...unread.findings].sort(compareFindings);
    return (
      `<article class="unread-doc" data-doctype="${attr(unread.documentType)}" data-status="${unread.status}">` +
      `<h4><code>${text(unread.document)}</code><span class="type">${text(unread.about)}</span>` +
      `<span class="badge ${unread.status}">${unread.status}</span></h4>` +
      `<p class="quiet">Receivers: ${unread.receivers.map(jurisdiction).join(', ')}</p>` +
      `<ul class="findings">${findings.map(findingItem).join('')}</ul></article>`
    );
  });
  return (
    `<section class="card" id="unread" aria-labelledby="unread-title">` +
    `<h2 id="unread-title">${UNREAD_TITLE}</h2>` +
    `<p class="sub">Each is reported once: every receiver it was evaluated for is told the same.</p>` +
    `${articles.join('')}</section>\n`
  );
}

function writePanel(row: CellRow, rows: ReportRows, out: Sink): void {
  const { cell, index } = row;
  const reasons =
    cell.topReasons.length > 0
      ? `<p class="quiet">Top reasons:</p><ol class="reasons">${cell.topReasons
          .map((reason) => `<li>${text(reason)}</li>`)
          .join('')}</ol>`
      : '';
  out.write(
    `<section class="card panel${row.pairs.stats.withFindings > 0 ? '' : ' no-findings'}" id="panel-${index}" data-cell="cell-${index}" aria-labelledby="panel-${index}-title">` +
      `<h3 id="panel-${index}-title"><span aria-hidden="true">${glyph[cell.status]}</span>` +
      `${text(cell.sender)} → ${text(cell.receiver)}<span class="badge ${cell.status}">${cell.status}</span>` +
      `<button type="button" class="close">Close</button></h3>` +
      `<p class="sub">${text(row.documentsLine)}</p>${reasons}${routeList(cell)}` +
      forecastList(row, rows.result.forecast?.until),
  );
  // Failing pairs first, then warnings, then ok ones, each in result order (a stable sort by
  // status), the cell read once per status: its pairs are never all held.
  for (const status of STATUSES_WORST_FIRST) {
    for (const pair of row.pairs) {
      if (pair.status !== status) continue;
      const unread = rows.unreadOf(pair);
      out.write(unread ? unreadStub(unread, pair) : pairArticle(pair));
    }
  }
  out.write('</section>');
}

function matrixTable(rows: ReportRows): string {
  const { result, index } = rows;
  const columns = index.receivers;
  const head = columns
    .map(
      (id) =>
        `<th scope="col">${jurisdiction(id)}<small>${text(result.profileVersions[id] ?? '')}</small></th>`,
    )
    .join('');
  const body = index.senders.map((sender) => {
    const cells = columns.map((receiver) => {
      const row = rows.cell(sender, receiver);
      return row
        ? `<td>${cellButton(row)}</td>`
        : '<td class="empty"><span aria-hidden="true">—</span><span class="visually-hidden">not evaluated</span></td>';
    });
    const version = result.profileVersions[sender];
    return (
      `<tr><th scope="row">${jurisdiction(sender)}${version ? `<small>${text(version)}</small>` : ''}</th>` +
      `${cells.join('')}</tr>`
    );
  });
  // One line per row and per column on what blocks it, below the grid so the grid still fits.
  const summaryItem = ({ id, line }: LineSummary) =>
    `<li><b>${jurisdiction(id)}</b> ${text(line)}</li>`;
  const bySender = rows.blocking.senders.map(summaryItem);
  const byReceiver = rows.blocking.receivers.map(summaryItem);
  const names = [...new Set([...index.senders, ...columns])]
    .flatMap((id) => {
      const name = jurisdictionName(id);
      return name ? [`${text(id)} ${text(name)}`] : [];
    })
    .join(' · ');
  return (
    // Beyond a handful of receivers, cells shrink to status and counts so the grid fits a screen.
    `<div class="matrix-wrap"><table class="matrix${columns.length > COMPACT_AFTER_COLUMNS ? ' compact' : ''}">` +
    `<caption>Rows send, columns receive.${names ? ` ${names}.` : ''}</caption>` +
    `<thead><tr><th scope="col" class="corner">sender ↓ / receiver →</th>${head}</tr></thead>` +
    `<tbody>${body.join('')}</tbody></table></div>` +
    '<div class="line-summaries">' +
    `<div><h3>As sender (rows)</h3><ul>${bySender.join('')}</ul></div>` +
    `<div><h3>As receiver (columns)</h3><ul>${byReceiver.join('')}</ul></div></div>`
  );
}

/** The report as one string (the screenshot script); the formatter writes it in pieces. */
export function renderHtml(result: MatrixResult): string {
  const out = stringSink();
  writeHtml(result, out);
  return out.text();
}

/** One self-contained HTML page: heatmap, clickable cells with findings, filters; no network. */
export function writeHtml(result: MatrixResult, out: Sink): void {
  const rows = reportRows(result);
  const { index } = rows;
  const statusCount = (status: CellStatus): number =>
    rows.cells.filter((row) => row.cell.status === status).length;
  const findings = index.severities.error + index.severities.warning + index.severities.info;
  // A spooled result's pairs carry their documents' types: the documents list them all. Read
  // one by one: a copy of the documents was one entry object per document (issue #14).
  const typeSet = new Set<string>();
  for (const entry of result.documents) typeSet.add(entry.documentType);
  for (const pair of result.pairs) typeSet.add(pair.documentType);
  const types = [...typeSet].sort();
  const title = `corridor ${result.kind} report — as of ${result.asOf}`;
  const style = HTML_STYLE;
  const script = HTML_SCRIPT;
  // Hash-pinned CSP: even if escaping ever failed, injected scripts or remote loads would not run.
  const csp = `default-src 'none'; style-src ${cspHash(style)}; script-src ${cspHash(script)}; img-src data:; base-uri 'none'; form-action 'none'`;

  const versions = result.profiles
    .map((id) => `<li><b>${text(id)}</b>${text(result.profileVersions[id] ?? '?')}</li>`)
    .join('');
  const tile = (status: CellStatus, label: string): string =>
    `<div class="tile ${status}"><strong id="tile-${status}">${statusCount(status)}</strong><span>${label}</span></div>`;

  out.write(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="generator" content="corridor ${attr(result.tool.version)}">
<title>${text(title)}</title>
<style>${style}</style>
</head>
<body>
<header class="top">
<h1>corridor <span class="kind">${text(result.kind)} report</span></h1>
<p class="meta">As of <time datetime="${attr(result.asOf)}">${text(result.asOf)}</time> · corridor ${text(result.tool.version)} · ${plural(result.profiles.length, 'profile')} · ${plural(result.documents.length, 'document')}${result.forecast ? ` · forecast until <time datetime="${attr(result.forecast.until)}">${text(result.forecast.until)}</time>` : ''}</p>
<ul class="versions" aria-label="Profile versions">${versions}</ul>
</header>
<main>
<section class="card" aria-label="Summary and filters">
<div class="bar">
<div class="tiles">${tile('fail', 'cells fail')}${tile('warn', 'cells warn')}${tile('ok', 'cells ok')}<div class="tile findings"><strong id="tile-findings">${findings}</strong><span>findings</span></div></div>
<div class="filters" id="filters" hidden>
<label>Document type <select id="filter-type"><option value="">All types</option>${types
    .map((type) => `<option value="${attr(type)}">${text(type)}</option>`)
    .join('')}</select></label>
<fieldset><legend>Severity</legend>${severities
    .map(
      (severity) =>
        `<label><input type="checkbox" name="severity" value="${severity}" checked> ${severity}</label>`,
    )
    .join('')}</fieldset>
</div>
</div>
<ul class="legend" aria-label="Legend">
<li><span class="swatch ok" aria-hidden="true">${glyph.ok}</span>ok — the receiver accepts every document</li>
<li><span class="swatch warn" aria-hidden="true">${glyph.warn}</span>warn — accepted, with warnings</li>
<li><span class="swatch fail all" aria-hidden="true">${glyph.fail}</span>fail — all documents rejected</li>
<li><span class="swatch fail partial" aria-hidden="true">${glyph.fail}</span>fail — some documents rejected (striped)</li>
<li><span class="swatch fail routed" aria-hidden="true">${ROUTED}</span>routed — fails directly, reachable through a gateway profile</li>
<li><span class="swatch none" aria-hidden="true">–</span>n/a — no document of the filtered type</li>${
    result.forecast
      ? `<li><span class="swatch forecast" aria-hidden="true">→</span><span><i>status date</i> — the cell changes to that status on that date (forecast until ${text(result.forecast.until)}; its panel says why)</span></li>`
      : ''
  }
</ul>
</section>
<section class="card" aria-labelledby="matrix-title">
<h2 id="matrix-title">Compatibility matrix</h2>
<p class="sub">Rows are senders, columns are receivers. Select a cell to see why.</p>
${matrixTable(rows)}
</section>
${unreadSection(rows)}<section id="details" aria-label="Cell details">
<p class="quiet" id="details-placeholder" hidden>Select a cell above to see its findings and hints.</p>
`);
  rows.cells.forEach((row, i) => {
    if (i > 0) out.write('\n');
    writePanel(row, rows, out);
  });
  out.write(`
</section>
</main>
<footer>Generated by corridor ${text(result.tool.version)} · ${text(result.kind)} · as of ${text(result.asOf)}</footer>
<script>${script}</script>
</body>
</html>
`);
}

export const htmlFormatter: Formatter = {
  id: 'html',
  description: 'A self-contained HTML report: heatmap matrix, findings per cell, filters',
  extension: 'html',
  write(result, out) {
    writeHtml(result, out);
  },
};
