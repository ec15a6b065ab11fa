import { createHash } from 'node:crypto';
import type { ProfileSet } from '../profiles/load.js';
import { escapeAttribute, escapeText } from '../report/markup-escape.js';
import { TOOL } from '../version.js';
import { compareText } from '../util/collate.js';

/**
 * The upload page at `GET /`: one self-contained HTML file, no network assets. Its script posts
 * the picked file to `/v1/check` (the same JSON any client gets) and renders the verdict per
 * receiver with DOM text nodes only, so document content can never become markup.
 */

const STYLE = `
:root{color-scheme:light;--ok:#1a7f37;--warn:#9a6700;--fail:#cf222e;--line:#d0d7de;--muted:#57606a}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:14px 28px;display:flex;gap:16px;align-items:baseline}
header h1{font-size:18px;margin:0}
header span,header a{color:#c9d1d9;font-size:13px}
main{max-width:1040px;margin:0 auto;padding:24px 28px}
form{background:#fff;border:1px solid var(--line);border-radius:8px;padding:20px;display:grid;gap:18px}
#drop{border:2px dashed var(--line);border-radius:8px;padding:26px;text-align:center;cursor:pointer;color:var(--muted)}
#drop.over{border-color:#0969da;background:#ddf4ff}
#drop strong{color:#1f2328}
#file{position:absolute;width:1px;height:1px;opacity:0}
fieldset{border:0;margin:0;padding:0}
legend,label.head{font-weight:600;margin-bottom:6px;display:block}
select{font:inherit;padding:5px 8px;border:1px solid var(--line);border-radius:6px;min-width:280px}
.receivers{display:flex;flex-wrap:wrap;gap:6px 10px}
.receivers label{display:inline-flex;gap:5px;align-items:center;border:1px solid var(--line);border-radius:14px;padding:2px 10px;background:#f6f8fa;font-size:14px}
.row{display:flex;gap:12px;align-items:center;flex-wrap:wrap}
button{font:inherit;border-radius:6px;border:1px solid var(--line);background:#f6f8fa;padding:5px 12px;cursor:pointer}
button.primary{background:#1f883d;border-color:#1a7f37;color:#fff;font-weight:600;padding:7px 18px}
button:disabled{opacity:.55;cursor:default}
#status{color:var(--muted)}
#result{margin-top:22px;display:grid;gap:12px}
.banner{border-radius:8px;padding:14px 16px;border:1px solid}
.banner.refused{background:#ffebe9;border-color:#ff818266}
.banner.summary{background:#fff;border-color:var(--line)}
.banner h2{font-size:16px;margin:0 0 6px}
.receiver{background:#fff;border:1px solid var(--line);border-left:6px solid;border-radius:8px;padding:12px 16px}
.receiver.ok{border-left-color:var(--ok)}.receiver.warn{border-left-color:var(--warn)}.receiver.fail{border-left-color:var(--fail)}
.receiver summary{font-size:15px;font-weight:600;display:flex;gap:10px;align-items:baseline;cursor:pointer;list-style:none}
.receiver summary::-webkit-details-marker{display:none}
.receiver summary::after{content:"▸";color:var(--muted);margin-left:auto}
.receiver[open] summary::after{content:"▾"}
.receiver.empty summary::after{content:none}
.counts{font-weight:400;font-size:13px;color:var(--muted)}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:10px}
.chip{font-size:13px;font-weight:600;padding:2px 10px;border-radius:12px;text-decoration:none;border:1px solid}
.chip.ok{color:var(--ok);border-color:var(--ok);background:#dafbe1}.chip.warn{color:var(--warn);border-color:#d4a72c;background:#fff8c5}.chip.fail{color:var(--fail);border-color:var(--fail);background:#ffebe9}
.verdict{font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;padding:1px 8px;border-radius:10px;color:#fff}
.ok .verdict{background:var(--ok)}.warn .verdict{background:var(--warn)}.fail .verdict{background:var(--fail)}
ul.findings{margin:8px 0 0;padding:0;list-style:none;display:grid;gap:8px}
.finding{border-top:1px solid #eaeef2;padding-top:8px}
.sev{font-size:12px;font-weight:700;text-transform:uppercase;margin-right:8px}
.sev.error{color:var(--fail)}.sev.warning{color:var(--warn)}.sev.info{color:var(--muted)}
.rule{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--muted);margin-left:8px;white-space:nowrap}
.hint{color:var(--muted);margin:2px 0 0 0}
.hint::before{content:"↳ "}
.where{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;color:var(--muted)}
`;

const SCRIPT = `
(() => {
  const form = document.getElementById('check');
  const input = document.getElementById('file');
  const drop = document.getElementById('drop');
  const chosen = document.getElementById('chosen');
  const status = document.getElementById('status');
  const result = document.getElementById('result');
  const submit = document.getElementById('submit');
  let file = null;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const pick = (f) => {
    file = f || null;
    chosen.textContent = file ? file.name + ' (' + file.size.toLocaleString() + ' bytes)' : 'no file chosen';
    submit.disabled = !file;
  };
  input.addEventListener('change', () => pick(input.files[0]));
  drop.addEventListener('click', () => input.click());
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); input.click(); } });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); pick(e.dataTransfer.files[0]); });
  document.getElementById('all').addEventListener('click', () => {
    const boxes = [...form.querySelectorAll('input[name=to]')];
    const on = !boxes.every((b) => b.checked);
    boxes.forEach((b) => { b.checked = on; });
  });

  const finding = (f) => {
    const li = el('li', 'finding');
    const head = el('div');
    head.append(el('span', 'sev ' + f.severity, f.severity), el('span', 'msg', f.message), el('span', 'rule', f.ruleId));
    li.append(head);
    if (f.hint) li.append(el('p', 'hint', f.hint));
    const at = [f.location.line && f.location.line + ':' + (f.location.column || 1), f.location.path].filter(Boolean).join('  ');
    if (at) li.append(el('div', 'where', at));
    return li;
  };
  // Findings about the document itself (unreadable, refused by design) are the same for every
  // receiver: they are shown once, as the refusal, not once per receiver.
  const documentLevel = (f) => f.severity === 'error' && (f.ruleId.startsWith('document/') || f.ruleId.startsWith('security/'));
  const render = (report) => {
    result.replaceChildren();
    const pairs = report.pairs;
    const doc = report.documents[0] || {};
    const shared = pairs.length ? pairs[0].findings.filter((f) => documentLevel(f) && pairs.every((p) => p.findings.some((g) => g.ruleId === f.ruleId && g.message === f.message))) : [];
    if (shared.length) {
      const banner = el('section', 'banner refused');
      banner.setAttribute('role', 'alert');
      banner.append(el('h2', '', 'Refused: the document was not accepted for checking'));
      const list = el('ul', 'findings');
      shared.forEach((f) => list.append(finding(f)));
      banner.append(list);
      result.append(banner);
      // Nothing but the refusal to say per receiver: one line, not a card each.
      const own = (p) => p.findings.filter((f) => !shared.some((s) => s.ruleId === f.ruleId && s.message === f.message));
      if (pairs.every((p) => own(p).length === 0)) {
        banner.append(el('p', '', 'None of the ' + pairs.length + ' receivers chosen can accept it: ' + pairs.map((p) => p.receiver).join(', ') + '.'));
        return;
      }
    }
    const failing = pairs.filter((p) => p.status === 'fail').length;
    const summary = el('section', 'banner summary');
    summary.append(el('h2', '', (doc.documentType || 'document') + ' from ' + (doc.senderCountry || doc.sender || 'unknown sender') + ': ' + (pairs.length - failing) + ' of ' + pairs.length + ' receivers accept it'));
    const order = { fail: 0, warn: 1, ok: 2 };
    const sorted = [...pairs].sort((a, b) => order[a.status] - order[b.status] || a.receiver.localeCompare(b.receiver, 'en'));
    const chips = el('div', 'chips');
    sorted.forEach((p) => {
      const chip = el('a', 'chip ' + p.status, (p.status === 'ok' ? '✔ ' : p.status === 'warn' ? '! ' : '✗ ') + p.receiver);
      chip.href = '#to-' + p.receiver;
      chips.append(chip);
    });
    summary.append(chips);
    result.append(summary);
    const counts = (findings) => {
      const n = (s) => findings.filter((f) => f.severity === s).length;
      return [[n('error'), 'error'], [n('warning'), 'warning'], [n('info'), 'info']].filter(([k]) => k > 0).map(([k, w]) => k + ' ' + w + (k > 1 && w !== 'info' ? 's' : '')).join(' · ');
    };
    // With many receivers the findings are folded; a verdict chip or a click unfolds them.
    const fold = pairs.length > 3;
    sorted.forEach((p) => {
      const card = el('details', 'receiver ' + p.status);
      card.id = 'to-' + p.receiver;
      card.dataset.receiver = p.receiver;
      card.dataset.status = p.status;
      // Folded, the first card that is not accepted stays open as an example.
      card.open = !fold || p === sorted[0];
      const own = p.findings.filter((f) => !shared.some((s) => s.ruleId === f.ruleId && s.message === f.message));
      const h = el('summary');
      h.append(el('span', 'verdict', p.status === 'ok' ? 'accepted' : p.status === 'warn' ? 'warnings' : 'rejected'), el('span', 'pair', p.sender + ' → ' + p.receiver), el('span', 'counts', counts(own)));
      card.append(h);
      if (own.length) {
        const list = el('ul', 'findings');
        own.forEach((f) => list.append(finding(f)));
        card.append(list);
      } else card.classList.add('empty');
      result.append(card);
    });
    window.addEventListener('hashchange', () => {
      const target = document.getElementById(location.hash.slice(1));
      if (target && target.tagName === 'DETAILS') target.open = true;
    });
  };
  const refuse = (title, detail) => {
    result.replaceChildren();
    const banner = el('section', 'banner refused');
    banner.setAttribute('role', 'alert');
    banner.append(el('h2', '', title), el('p', '', detail));
    result.append(banner);
  };

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!file) return;
    const params = new URLSearchParams({ format: 'json', failOn: 'error', name: file.name });
    const from = form.elements.from.value;
    if (from) params.set('from', from);
    const to = [...form.querySelectorAll('input[name=to]:checked')].map((b) => b.value);
    if (to.length === 0) { refuse('No receiver chosen', 'Tick at least one receiver.'); return; }
    params.set('to', to.join(','));
    submit.disabled = true;
    status.textContent = 'Checking…';
    try {
      const response = await fetch('/v1/check?' + params, { method: 'POST', headers: { 'content-type': 'application/octet-stream', accept: 'application/json' }, body: file });
      const body = await response.json().catch(() => null);
      if ((response.status === 200 || response.status === 422) && body && body.pairs) render(body);
      else refuse('Refused (HTTP ' + response.status + ')', (body && body.detail) || response.statusText);
      status.textContent = '';
    } catch (error) {
      refuse('The server could not be reached', String(error));
      status.textContent = '';
    } finally {
      submit.disabled = !file;
    }
  });
  document.body.dataset.ready = 'true';
})();
`;

function cspHash(source: string): string {
  return `'sha256-${createHash('sha256').update(source).digest('base64')}'`;
}

/**
 * Only the page's own hashed style and script run; the script may talk to this origin and
 * nowhere else; nothing is loaded from anywhere.
 */
export const PAGE_CSP = `default-src 'none'; style-src ${cspHash(STYLE)}; script-src ${cspHash(SCRIPT)}; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

export function uploadPage(profiles: ProfileSet): string {
  const all = [...profiles.profiles.values()].sort((a, b) => compareText(a.id, b.id));
  const senders = all
    .map(
      (p) =>
        `<option value="${escapeAttribute(p.id)}">${escapeText(`${p.id} — ${p.name}`)}</option>`,
    )
    .join('');
  const receivers = all
    .filter((p) => p.kind !== 'baseline')
    .map(
      (p) =>
        `<label title="${escapeAttribute(p.name)}"><input type="checkbox" name="to" value="${escapeAttribute(p.id)}" checked>${escapeText(p.id)}</label>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(PAGE_CSP)}">
<title>corridor — check a document</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>corridor</h1><span>Check a signed document against the receivers' profiles · ${escapeText(TOOL.version)}</span><a href="/matrix">matrix</a><a href="/openapi.json">API</a></header>
<main>
<form id="check">
  <div>
    <label class="head" for="file">Document</label>
    <div id="drop" tabindex="0" role="button" aria-describedby="chosen"><strong>Drop an XML or JSON document here</strong> or click to choose one<br><span id="chosen">no file chosen</span></div>
    <input type="file" id="file" accept=".xml,.json,application/xml,application/json">
  </div>
  <div>
    <label class="head" for="from">Sender</label>
    <select id="from" name="from"><option value="">detected from the document</option>${senders}</select>
  </div>
  <fieldset>
    <legend>Receivers</legend>
    <div class="receivers">${receivers}</div>
  </fieldset>
  <div class="row"><button type="submit" id="submit" class="primary" disabled>Check</button><button type="button" id="all">All / none</button><span id="status" aria-live="polite"></span></div>
</form>
<div id="result" aria-live="polite"></div>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
