// What bin/corridor.js runs for `corridor check …` and `corridor matrix …`: their bundle's entry.
export { exitQuietlyOnClosedStdout } from './closed-pipe.js';
export { main } from './evaluate-main.js';
export { keepV8Flags } from '../util/v8-flags.js';
