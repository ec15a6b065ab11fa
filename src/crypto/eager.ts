/**
 * Every algorithm family's code, and pkijs (pki/pkijs.ts), imported statically: for the library
 * API (src/index.ts) and the worker threads, whose synchronous entry points cannot wait for a
 * lazy load (util/lazy.ts).
 * Importing this module makes the registry behave as if nothing were lazy.
 */
import * as pkijs from 'pkijs';
import { PKIJS } from '../pki/pkijs.js';
import * as bash from './bash/hash.js';
import * as belt from './belt/hash.js';
import { DIGEST_MODULES } from './digests.js';
import * as gostr341194 from './gostr3411-94.js';
import { bignScheme } from './schemes/bign.js';
import { gostScheme } from './schemes/gost.js';
import { kzGostScheme } from './schemes/kz-gost.js';
import { LAZY_SCHEMES } from './schemes/index.js';
import { sm2Scheme } from './schemes/sm2.js';
import * as sm3 from './sm3.js';
import * as streebog from './streebog.js';

LAZY_SCHEMES.sm2.provide(sm2Scheme);
LAZY_SCHEMES.gost.provide(gostScheme);
LAZY_SCHEMES.bign.provide(bignScheme);
LAZY_SCHEMES.kzGost.provide(kzGostScheme);
DIGEST_MODULES.SM3.provide(sm3);
DIGEST_MODULES.STREEBOG.provide(streebog);
DIGEST_MODULES.GOSTR3411_94.provide(gostr341194);
DIGEST_MODULES.BELT.provide(belt);
DIGEST_MODULES.BASH.provide(bash);
PKIJS.provide(pkijs);
