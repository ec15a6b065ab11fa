// What bin/corridor.js runs for `corridor matrix …`: the entry of the matrix bundle.
export { exitQuietlyOnClosedStdout } from './closed-pipe.js';
export { main } from './matrix-main.js';
