/**
 * A `--import` argument that registers a module resolve hook printing, on stderr, one line
 * `<tag> <value>` per resolution: the specifier as written, or the URL it resolved to. Tests
 * use it to see which modules a fresh CLI process loads.
 */
export function resolveProbeImport(tag: string, value: 'specifier' | 'url'): string {
  // writeSync: the hooks thread's asynchronous stderr can lose lines when the process exits
  // right after a late import (a report format loaded to write the report).
  const body =
    value === 'specifier'
      ? `writeSync(2, '${tag} ' + s + '\\n'); return next(s, c);`
      : `const r = await next(s, c); writeSync(2, '${tag} ' + r.url + '\\n'); return r;`;
  const hook = `import { writeSync } from 'node:fs';
    export async function resolve(s, c, next) { ${body} }`;
  const register =
    'import { register } from "node:module";' +
    `register("data:text/javascript,${encodeURIComponent(hook)}");`;
  return `data:text/javascript,${encodeURIComponent(register)}`;
}
