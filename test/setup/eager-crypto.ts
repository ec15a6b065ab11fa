// Unit tests call the synchronous verifiers directly, as the library does: every family's code
// is loaded up front (src/crypto/eager.ts). The lazy path is tested through the CLI in
// test/cli/lazy-loading.test.ts, in fresh processes.
import '../../src/crypto/eager.js';
