// What bin/corridor.js runs for `corridor check …` and `corridor matrix …`: the entry of their bundle.
export { exitQuietlyOnClosedStdout } from './closed-pipe.js';
export { main } from './evaluate-main.js';
