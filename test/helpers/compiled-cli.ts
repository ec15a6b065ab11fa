/**
 * The compiled CLI entry (tsc's dist/cli/entry.js, built for the run by test/setup/build.global.ts),
 * as a URL for `import()`: what bin/corridor.js runs when the bundle is absent, module for module
 * like src/cli/.
 */
export const COMPILED_CLI_ENTRY = new URL('../../dist/cli/entry.js', import.meta.url).href;
