import { describe, expect, it } from 'vitest';
import { BELT_H } from '../../src/crypto/belt/block.js';
import { bash256, bash384, bash512 } from '../../src/crypto/bash/hash.js';
import { bashF, stateFromBytes, stateToBytes } from '../../src/crypto/bash/permutation.js';
import { digest, isDigestSupported } from '../../src/crypto/digests.js';

/**
 * STB 34.101.77-2016 Appendix A examples (as bee2 reproduces them in test/crypto/bash_test.c);
 * inputs are prefixes of belt's substitution H, as in the standard.
 */
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
const H = (n: number) => BELT_H.slice(0, n);

describe('bash-f (STB 34.101.77 A.2)', () => {
  it('permutes H[0..192)', () => {
    const s = stateFromBytes(H(192));
    bashF(s);
    expect(hex(stateToBytes(s))).toBe(
      '8FE727775EA7F140B95BB6A200CBB28C7F0809C0C0BC68B7DC5AEDC841BD94E4' +
        '03630C301FC255DF5B67DB53EF65E376E8A4D797A6172F2271BA48093173D329' +
        'C3502AC946767326A2891971392D3F7089959F5D61621238655975E00E2132A0' +
        'D5018CEEDB17731CCD88FC50151D37C0D4A3359506AEDC2E6109511E7703AFBB' +
        '014642348D8568AA1A5D9868C4C7E6DFA756B1690C7C2608A2DC136F5997AB8F' +
        'BB3F4D9F033C87CA6070E117F099C4094972ACD9D976214B7CED8E3F8B6E058E',
    );
  });
});

describe('bash-hash (STB 34.101.77 A.3)', () => {
  it.each([
    [0, '114C3DFAE373D9BCBC3602D6386F2D6A2059BA1BF9048DBAA5146A6CB775709D'],
    [127, '3D7F4EFA00E9BA33FEED259986567DCF5C6D12D51057A968F14F06CC0F905961'],
    [128, 'D7F428311254B8B2D00F7F9EEFBD8F3025FA87C4BABD1BDDBE87E35B7AC80DD6'],
    [135, '1393FA1B65172F2D18946AEAE576FA1CF54FDD354A0CB2974A997DC4865D3100'],
  ])('bash256 of H[0..%i)', (n, expected) => {
    expect(hex(bash256(H(n)))).toBe(expected);
  });

  it.each([
    [
      95,
      '64334AF830D33F63E9ACDFA184E32522103FFF5C6860110A2CD369EDBC04387C501D8F92F749AE4DE15A8305C353D64D',
    ],
    [
      96,
      'D06EFBC16FD6C0880CBFC6A4E3D65AB101FA82826934190FAABEBFBFFEDE93B22B85EA72A7FB3147A133A5A8FEBD8320',
    ],
    [
      108,
      'FF763296571E2377E71A1538070CC0DE88888606F32EEE6B082788D246686B00FC05A17405C5517699DA44B7EF5F55AB',
    ],
  ])('bash384 of H[0..%i)', (n, expected) => {
    expect(hex(bash384(H(n)))).toBe(expected);
  });

  it.each([
    [
      63,
      '2A66C87C189C12E255239406123BDEDBF19955EAF0808B2AD705E249220845E20F4786FB6765D0B5C48984B1B16556EF19EA8192B985E4233D9C09508D6339E7',
    ],
    [
      64,
      '07ABBF8580E7E5A321E9B940F667AE209E2952CEF557978AE743DB086BAB4885B708233C3F5541DF8AAFC3611482FDE498E58B3379A6622DAC2664C9C118A162',
    ],
    [
      127,
      '526073918F97928E9D15508385F42F03ADE3211A23900A30131F8A1E3E1EE21CC09D13CFF6981101235D895746A4643F0AA62B0A7BC98A269E4507A257F0D4EE',
    ],
    [
      192,
      '8724C7FF8A2A83F22E38CB9763777B96A70ABA3444F214C763D93CD6D19FCFDE6C3D3931857C4FF6CCCD49BD99852FE9EAA7495ECCDD96B571E0EDCF47F89768',
    ],
  ])('bash512 of H[0..%i)', (n, expected) => {
    expect(hex(bash512(H(n)))).toBe(expected);
  });

  it('is digest id bash256; one changed bit changes the hash', () => {
    expect(isDigestSupported('bash256')).toBe(true);
    expect(hex(digest('bash256', H(127)))).toBe(
      '3D7F4EFA00E9BA33FEED259986567DCF5C6D12D51057A968F14F06CC0F905961',
    );
    const changed = H(127);
    changed[126] = (changed[126] as number) ^ 1;
    expect(hex(bash256(changed))).not.toBe(hex(bash256(H(127))));
  });
});
