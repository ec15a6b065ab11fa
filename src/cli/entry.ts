// What bin/corridor.js runs: one module, so the esbuild bundle of the CLI has one entry point.
export { exitQuietlyOnClosedStdout } from './closed-pipe.js';
export { main } from './main.js';
export { keepV8Flags } from '../util/v8-flags.js';
