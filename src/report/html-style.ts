/** Stylesheet of the HTML report; inline, system fonts only, so the file works offline. */
export const HTML_STYLE = `
:root {
  --bg: #f6f8fa; --card: #ffffff; --text: #1f2328; --muted: #59636e; --line: #d1d9e0;
  --ok-bg: #dafbe1; --ok-line: #4ac26b; --ok-text: #116329;
  --warn-bg: #fff8c5; --warn-line: #d4a72c; --warn-text: #7d4e00;
  --fail-bg: #ffebe9; --fail-strong: #ffcecb; --fail-line: #ff8182; --fail-text: #a40e26;
  --info-text: #0550ae; --focus: #0969da;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
header.top { background: #1f2328; color: #f0f3f6; padding: 20px 32px 18px; }
header.top h1 { margin: 0; font-size: 22px; font-weight: 650; letter-spacing: 0.01em; }
header.top h1 .kind { font-weight: 400; color: #9ea8b3; }
header.top .meta { margin: 4px 0 12px; color: #c9d1d9; }
.versions { display: flex; flex-wrap: wrap; gap: 8px; margin: 0; padding: 0; list-style: none; }
.versions li { background: #32383f; border-radius: 999px; padding: 2px 10px; font-size: 13px; }
.versions b { margin-right: 6px; }
main { max-width: 1200px; margin: 0 auto; padding: 20px 32px 48px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin-bottom: 18px; }
h2 { font-size: 17px; margin: 0 0 4px; }
.sub { color: var(--muted); margin: 0 0 14px; font-size: 14px; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 14px 28px; }
.tiles { display: flex; gap: 10px; flex-wrap: wrap; }
.tile { border-radius: 8px; padding: 6px 14px; border: 1px solid; min-width: 86px; }
.tile strong { display: block; font-size: 22px; line-height: 1.2; }
.tile span { font-size: 13px; }
.tile.ok { background: var(--ok-bg); border-color: var(--ok-line); color: var(--ok-text); }
.tile.warn { background: var(--warn-bg); border-color: var(--warn-line); color: var(--warn-text); }
.tile.fail { background: var(--fail-bg); border-color: var(--fail-line); color: var(--fail-text); }
.tile.findings { background: #f6f8fa; border-color: var(--line); color: var(--text); }
.filters { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; margin-left: auto; }
.filters label { font-size: 14px; }
.filters select { font: inherit; padding: 3px 6px; border-radius: 6px; border: 1px solid var(--line); background: #fff; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 12px; align-items: center; }
.filters legend { float: left; margin-right: 6px; font-size: 14px; }
.legend { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 12px 0 0; padding: 0; list-style: none; font-size: 13px; color: var(--muted); }
.legend li { display: flex; align-items: center; gap: 6px; }
.swatch { display: inline-flex; align-items: center; justify-content: center; width: 22px; height: 22px; border-radius: 5px; border: 1px solid; font-weight: 700; }
.swatch.ok { background: var(--ok-bg); border-color: var(--ok-line); color: var(--ok-text); }
.swatch.warn { background: var(--warn-bg); border-color: var(--warn-line); color: var(--warn-text); }
.swatch.fail { background: var(--fail-strong); border-color: var(--fail-line); color: var(--fail-text); }
.swatch.none { background: #eef1f4; border-color: var(--line); color: var(--muted); }
.matrix-wrap { overflow-x: auto; }
table.matrix { border-collapse: separate; border-spacing: 6px; }
.matrix th { font-weight: 600; font-size: 14px; }
.matrix thead th { text-align: center; padding: 4px 6px; vertical-align: bottom; }
.matrix thead th small { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
.matrix tbody th { text-align: right; padding: 0 10px 0 0; white-space: nowrap; }
.matrix tbody th small { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
.matrix .corner { color: var(--muted); font-weight: 400; font-size: 12px; text-align: right; }
button.cell {
  display: flex; flex-direction: column; align-items: flex-start; gap: 1px;
  width: 178px; height: 100%; min-height: 86px; padding: 8px 10px; border-radius: 8px; border: 1px solid;
  font: inherit; text-align: left; cursor: pointer; transition: transform 0.06s ease, box-shadow 0.1s ease;
}
.matrix.compact button.cell { width: 72px; min-height: 44px; padding: 5px 6px; }
.matrix.compact button.cell .status { font-size: 13px; }
.matrix.compact button.cell .docs, .matrix.compact button.cell .counts { display: none; }
.matrix.compact button.cell .extent { display: none; }
.matrix.compact button.cell .via { white-space: normal; font-size: 10.5px; line-height: 1.2; }
.matrix.compact thead th { font-size: 13px; }
button.cell:hover { transform: translateY(-1px); box-shadow: 0 2px 6px rgba(31, 35, 40, 0.15); }
button.cell:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
button.cell[aria-expanded="true"] { outline: 3px solid var(--focus); outline-offset: 2px; }
button.cell .status { font-weight: 700; font-size: 15px; }
button.cell .glyph { display: inline-block; width: 1.1em; }
button.cell .docs, button.cell .counts { font-size: 12.5px; white-space: nowrap; }
.matrix td { height: 1px; padding: 0; }
button.cell.ok { background: var(--ok-bg); border-color: var(--ok-line); color: var(--ok-text); }
button.cell.warn { background: var(--warn-bg); border-color: var(--warn-line); color: var(--warn-text); }
button.cell.fail { background: var(--fail-bg); border-color: var(--fail-line); color: var(--fail-text); }
button.cell.fail.all { background: var(--fail-strong); border-width: 2px; }
/* Partial failure: stripes, so it differs from total failure without relying on shade. */
button.cell.fail:not(.all), .swatch.fail.partial {
  background: repeating-linear-gradient(135deg, var(--fail-bg) 0 6px, #fff 6px 10px);
}
.swatch.fail.all { background: var(--fail-strong); border-width: 2px; }
button.cell .ratio { font-weight: 600; }
button.cell .extent { font-size: 12px; font-weight: 600; }
.matrix caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 12.5px; padding-top: 6px; }
.matrix abbr[title] { text-decoration: underline dotted; cursor: help; }
.line-summaries { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 4px 28px; margin-top: 12px; }
.line-summaries h3 { font-size: 14px; margin: 0 0 4px; }
.line-summaries ul { margin: 0; padding: 0; list-style: none; font-size: 13px; color: var(--muted); }
.line-summaries li { margin: 2px 0; }
.line-summaries b { color: var(--text); display: inline-block; min-width: 3.2em; }
/* The first status change after the as-of date (matrix --until), under a dashed rule. */
button.cell .forecast { font-size: 12px; font-weight: 600; margin-top: 3px; padding-top: 2px; border-top: 1px dashed currentColor; white-space: nowrap; align-self: stretch; }
button.cell .forecast.fail { color: var(--fail-text); }
button.cell .forecast.warn { color: var(--warn-text); }
button.cell .forecast.ok { color: var(--ok-text); }
button.cell .forecast .more { font-weight: 400; }
.matrix.compact button.cell .forecast { font-size: 10px; line-height: 1.25; white-space: normal; }
.matrix.compact button.cell .forecast time { display: block; white-space: nowrap; letter-spacing: -0.02em; }
.swatch.forecast { background: #fff; border-color: var(--line); color: var(--text); }
.forecast-list { margin: 6px 0 14px; padding-left: 18px; font-size: 14px; }
.forecast-list > li { margin: 4px 0; }
.forecast-list ul { margin: 2px 0; padding-left: 18px; color: var(--muted); font-size: 13px; }
button.cell.routed { border-style: dashed; }
button.cell .via { font-size: 12.5px; font-weight: 600; white-space: nowrap; }
.swatch.routed { border-style: dashed; }
button.cell.none { background: #eef1f4; border-color: var(--line); color: var(--muted); }
td.empty { color: var(--muted); text-align: center; }
.panel h3 { margin: 0 0 2px; font-size: 17px; display: flex; align-items: center; gap: 10px; }
.panel .close { margin-left: auto; font: inherit; font-size: 13px; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 2px 10px; cursor: pointer; }
.reasons { margin: 8px 0 14px; padding-left: 22px; }
.reasons li { margin: 2px 0; }
.badge { display: inline-block; border-radius: 999px; padding: 0 9px; font-size: 12px; font-weight: 600; border: 1px solid; }
.badge.ok { background: var(--ok-bg); border-color: var(--ok-line); color: var(--ok-text); }
.badge.warn { background: var(--warn-bg); border-color: var(--warn-line); color: var(--warn-text); }
.badge.fail { background: var(--fail-bg); border-color: var(--fail-line); color: var(--fail-text); }
.pair, .unread-doc { border-top: 1px solid var(--line); padding: 10px 0 4px; }
.pair h4, .unread-doc h4 { margin: 0 0 6px; font-size: 14.5px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px; }
.pair .type, .unread-doc .type { color: var(--muted); font-weight: 400; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { border-left: 4px solid var(--line); padding: 6px 12px; margin: 6px 0; background: #fbfcfd; border-radius: 0 6px 6px 0; }
.finding.error { border-left-color: var(--fail-line); }
.finding.warning { border-left-color: var(--warn-line); }
.finding.info { border-left-color: #80ccff; }
.finding .head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; font-size: 13px; }
.sev { font-weight: 700; text-transform: uppercase; font-size: 11.5px; letter-spacing: 0.04em; }
.sev.error { color: var(--fail-text); }
.sev.warning { color: var(--warn-text); }
.sev.info { color: var(--info-text); }
.finding .rule { color: var(--muted); }
.finding .msg { margin: 2px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.finding .where { margin: 0; color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.finding .hint { margin: 4px 0 0; font-size: 13.5px; color: #1a4b8c; white-space: pre-wrap; overflow-wrap: anywhere; }
.hint-label { display: inline-block; margin-right: 6px; padding: 0 7px; border-radius: 4px; background: #ddf4ff; color: #0550ae; font-size: 11.5px; font-weight: 700; text-transform: uppercase; letter-spacing: 0.04em; }
.quiet { color: var(--muted); font-size: 14px; margin: 4px 0; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; padding: 12px; }
[hidden] { display: none !important; }
@media (max-width: 600px) {
  header.top { padding: 14px 16px; }
  main { padding: 12px 10px 32px; }
  .card { padding: 12px; }
  .matrix thead th small, .matrix tbody th small { display: none; }
}
@media print {
  /* Paper carries every reason: all panels open, controls gone, colours kept. */
  body { background: #fff; font-size: 11pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  header.top { background: #fff; color: var(--text); padding: 0 0 8px; border-bottom: 2px solid var(--text); }
  header.top .meta, header.top h1 .kind { color: var(--muted); }
  .versions li { background: #fff; border: 1px solid var(--line); }
  main { max-width: none; padding: 8px 0; }
  .card { border: none; padding: 0; margin-bottom: 12px; }
  #filters, .panel .close, #details-placeholder, .sub { display: none !important; }
  .panel[hidden], .pair[hidden], .finding[hidden] { display: block !important; }
  /* A cell without a single finding has nothing to explain on paper. */
  .panel.no-findings, .panel.no-findings[hidden] { display: none !important; }
  .panel { break-inside: auto; border-top: 1px solid var(--text); padding-top: 6px; }
  .pair, .unread-doc, .finding { break-inside: avoid; }
  .unread-doc[hidden] { display: block !important; }
  .matrix-wrap { overflow: visible; }
  button.cell { transition: none; box-shadow: none; transform: none; min-height: 0; }
  button.cell[aria-expanded="true"] { outline: none; }
}
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
