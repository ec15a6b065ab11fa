import { createHash } from 'node:crypto';

/** Receivers beyond which the matrix uses compact cells. */
const COMPACT_AFTER_COLUMNS = 6;
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
import { senderLabel } from './sender-label.js';
import { stringSink, type Sink } from './sink.js';
import {
  compareFindings,
  indexResult,
  plural,
  position,
  type ResultIndex,
  type SeverityCounts,
} from './summary.js';
import type { Formatter } from './types.js';

const glyph: Record<CellStatus, string> = { ok: '✔', warn: '!', fail: '✗' };
const statusOrder: Record<CellStatus, number> = { fail: 0, warn: 1, ok: 2 };
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

function docsLine(cell: MatrixCell): string {
  if (cell.status === 'ok') return `${plural(cell.documents, 'document')} ok`;
  return `${cell.counts[cell.status]} of ${plural(cell.documents, 'document')} ${cell.status}`;
}

interface CellRef {
  index: number;
  cell: MatrixCell;
  pairs: PairResult[];
}

function cellButton(ref: CellRef): string {
  const { cell, index } = ref;
  const tally: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const pair of ref.pairs) for (const finding of pair.findings) tally[finding.severity] += 1;
  const counts = severityCounts(tally);
  const all = cell.status === 'fail' && cell.counts.fail === cell.documents ? ' all' : '';
  const via = gatewayIds(cell);
  const label = `${cell.sender} to ${cell.receiver}: ${cell.status}, ${docsLine(cell)}${counts ? `, ${counts.replace(/ · /g, ', ')}` : ''}${via ? `, reachable via ${via}` : ''}`;
  return (
    `<button type="button" class="cell ${cell.status}${all}${via ? ' routed' : ''}" id="cell-${index}" ` +
    `data-sender="${attr(cell.sender)}" data-receiver="${attr(cell.receiver)}" data-status="${cell.status}" ` +
    (cell.route ? `data-route="${attr(cell.route)}" ` : '') +
    `aria-expanded="false" aria-controls="panel-${index}" aria-label="${attr(label)}">` +
    `<span class="status"><span class="glyph" aria-hidden="true">${via ? ROUTED : glyph[cell.status]}</span>` +
    `<span class="label">${cell.status}</span>${ratio(cell)}</span>` +
    (cell.status === 'fail'
      ? `<span class="extent">${all ? 'all documents' : 'some documents'}</span>`
      : '') +
    `<span class="docs">${text(docsLine(cell))}</span>` +
    (via ? `<span class="via">via ${text(via)}</span>` : '') +
    `<span class="counts">${text(counts)}</span></button>`
  );
}

const ROUTED = '↪';

/** "2/4": documents of the cell's status out of the sender's documents (as the text grid). */
function ratio(cell: MatrixCell): string {
  if (cell.status === 'ok') return '';
  return ` <span class="ratio">${cell.counts[cell.status]}/${cell.documents}</span>`;
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

/** The rule most often behind a list of failing cells' findings, and how often. */
function topRule(refs: readonly CellRef[]): string | undefined {
  const counts = new Map<string, number>();
  for (const ref of refs) {
    for (const pair of ref.pairs) {
      for (const finding of pair.findings) {
        if (finding.severity === 'error')
          counts.set(finding.ruleId, (counts.get(finding.ruleId) ?? 0) + 1);
      }
    }
  }
  let best: [string, number] | undefined;
  for (const entry of counts) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0];
}

/** One line on what blocks a row (as sender) or a column (as receiver). */
function lineSummary(refs: readonly CellRef[], other: string): string {
  const failing = refs.filter((ref) => ref.cell.status === 'fail');
  const routed = failing.filter((ref) => gatewayIds(ref.cell)).length;
  const warn = refs.filter((ref) => ref.cell.status === 'warn').length;
  if (failing.length === 0) {
    return warn > 0
      ? `no failures; ${warn} of ${refs.length} ${other} warn`
      : `ok with every ${other.replace(/s$/, '')}`;
  }
  const rule = topRule(failing);
  return (
    `fails with ${failing.length} of ${refs.length} ${other}` +
    (routed ? ` (${routed} via a gateway)` : '') +
    (rule ? `; mostly ${rule}` : '')
  );
}

/** The gateways of a failing cell that has a route through one, comma-separated. */
function gatewayIds(cell: MatrixCell): string | undefined {
  if (cell.status !== 'fail' || cell.route !== 'gateway' || !cell.routes?.length) return undefined;
  return cell.routes.map((route) => route.via).join(', ');
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
  const from = pair.senderCountry ? ` from ${senderLabel(pair.sender, pair.senderCountry)}` : '';
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

function writePanel(ref: CellRef, out: Sink): void {
  const { cell, index } = ref;
  const pairs = [...ref.pairs].sort((a, b) => statusOrder[a.status] - statusOrder[b.status]);
  const reasons =
    cell.topReasons.length > 0
      ? `<p class="quiet">Top reasons:</p><ol class="reasons">${cell.topReasons
          .map((reason) => `<li>${text(reason)}</li>`)
          .join('')}</ol>`
      : '';
  out.write(
    `<section class="card panel${ref.pairs.some((p) => p.findings.length > 0) ? '' : ' no-findings'}" id="panel-${index}" data-cell="cell-${index}" aria-labelledby="panel-${index}-title">` +
      `<h3 id="panel-${index}-title"><span aria-hidden="true">${glyph[cell.status]}</span>` +
      `${text(cell.sender)} → ${text(cell.receiver)}<span class="badge ${cell.status}">${cell.status}</span>` +
      `<button type="button" class="close">Close</button></h3>` +
      `<p class="sub">${text(docsLine(cell))}</p>${reasons}${routeList(cell)}`,
  );
  for (const pair of pairs) out.write(pairArticle(pair));
  out.write('</section>');
}

function matrixTable(result: MatrixResult, index: ResultIndex, refs: Map<string, CellRef>): string {
  const columns = index.receivers;
  const refOf = (sender: string, receiver: string) => refs.get(JSON.stringify([sender, receiver]));
  const head = columns
    .map(
      (id) =>
        `<th scope="col">${jurisdiction(id)}<small>${text(result.profileVersions[id] ?? '')}</small></th>`,
    )
    .join('');
  const rows = index.senders.map((sender) => {
    const cells = columns.map((receiver) => {
      const ref = refOf(sender, receiver);
      return ref
        ? `<td>${cellButton(ref)}</td>`
        : '<td class="empty"><span aria-hidden="true">—</span><span class="visually-hidden">not evaluated</span></td>';
    });
    const version = result.profileVersions[sender];
    return (
      `<tr><th scope="row">${jurisdiction(sender)}${version ? `<small>${text(version)}</small>` : ''}</th>` +
      `${cells.join('')}</tr>`
    );
  });
  // One line per row and per column on what blocks it, below the grid so the grid still fits.
  const summaryItem = (id: string, line: string) =>
    `<li><b>${jurisdiction(id)}</b> ${text(line)}</li>`;
  const bySender = index.senders.map((sender) =>
    summaryItem(
      sender,
      lineSummary(
        columns.flatMap((receiver) => refOf(sender, receiver) ?? []),
        'receivers',
      ),
    ),
  );
  const byReceiver = columns.map((receiver) =>
    summaryItem(
      receiver,
      lineSummary(
        index.senders.flatMap((sender) => refOf(sender, receiver) ?? []),
        'senders',
      ),
    ),
  );
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
    `<tbody>${rows.join('')}</tbody></table></div>` +
    '<div class="line-summaries">' +
    `<div><h3>As sender (rows)</h3><ul>${bySender.join('')}</ul></div>` +
    `<div><h3>As receiver (columns)</h3><ul>${byReceiver.join('')}</ul></div></div>`
  );
}

function cellRefs(index: ResultIndex): CellRef[] {
  const refs: CellRef[] = [];
  for (const sender of index.senders) {
    for (const receiver of index.receivers) {
      const cell = index.cell(sender, receiver);
      if (cell) refs.push({ index: refs.length + 1, cell, pairs: index.pairs(sender, receiver) });
    }
  }
  return refs;
}

/** The report as one string (the screenshot script); the formatter writes it in pieces. */
export function renderHtml(result: MatrixResult): string {
  const out = stringSink();
  writeHtml(result, out);
  return out.text();
}

/** One self-contained HTML page: heatmap, clickable cells with findings, filters; no network. */
export function writeHtml(result: MatrixResult, out: Sink): void {
  const index = indexResult(result);
  const refs = cellRefs(index);
  const byKey = new Map(
    refs.map((ref) => [JSON.stringify([ref.cell.sender, ref.cell.receiver]), ref]),
  );
  const statusCount = (status: CellStatus): number =>
    refs.filter((ref) => ref.cell.status === status).length;
  const findings = index.severities.error + index.severities.warning + index.severities.info;
  const types = [
    ...new Set([...result.documents, ...result.pairs].map((d) => d.documentType)),
  ].sort();
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
<p class="meta">As of <time datetime="${attr(result.asOf)}">${text(result.asOf)}</time> · corridor ${text(result.tool.version)} · ${plural(result.profiles.length, 'profile')} · ${plural(result.documents.length, 'document')}</p>
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
<li><span class="swatch none" aria-hidden="true">–</span>n/a — no document of the filtered type</li>
</ul>
</section>
<section class="card" aria-labelledby="matrix-title">
<h2 id="matrix-title">Compatibility matrix</h2>
<p class="sub">Rows are senders, columns are receivers. Select a cell to see why.</p>
${matrixTable(result, index, byKey)}
</section>
<section id="details" aria-label="Cell details">
<p class="quiet" id="details-placeholder" hidden>Select a cell above to see its findings and hints.</p>
`);
  refs.forEach((ref, i) => {
    if (i > 0) out.write('\n');
    writePanel(ref, out);
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
