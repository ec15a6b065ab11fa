// What bin/corridor.js runs for `corridor verify …`: the entry of the verify bundle.
export { exitQuietlyOnClosedStdout } from './closed-pipe.js';
export { main } from './verify-main.js';
export { keepV8Flags } from '../util/v8-flags.js';
