/**
 * The one order corridor sorts ids, names and paths in: English collation, whatever the
 * machine's locale. `localeCompare` without a locale follows the environment (LANG, LC_ALL), so
 * one command gave its reports in another order on another machine: under lt_LT "y.xml" sorted
 * between "i.xml" and "j.xml", under et_EE "z.xml" before "t.xml". English is what every run
 * under C or en_US gave, so their output is unchanged.
 */
let collator: Intl.Collator | undefined;

export function compareText(a: string, b: string): number {
  // Ids (profiles, member states, rules, document types) are compared without the collator:
  // making one costs ~12 ms (ICU loads its data), the first sort of every check paid it, and a
  // run that only sorts ids never needs it. See plainCase for why the order is the same.
  if ((plainCase(a) | plainCase(b)) < MIXED) return a < b ? -1 : a > b ? 1 : 0;
  return (collator ??= new Intl.Collator('en')).compare(a, b);
}

const LOWER = 1;
const UPPER = 2;
/** Letters of both cases, or a character other than those plainCase accepts. */
const MIXED = 3;

/**
 * Which letter case `s` uses (0: none) when it holds nothing but ASCII digits, `-`, `.`, `/`
 * and letters of that one case; MIXED otherwise. Two such strings without a second case between
 * them sort in the English collator's order by their code units: it puts `-` `.` `/` before the
 * digits, in that order, and the digits before the letters, each as ASCII does, and with one
 * letter case no secondary or tertiary difference is left (test/util/collate.test.ts checks
 * this against Intl.Collator).
 */
function plainCase(s: string): number {
  let seen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) seen |= LOWER;
    else if (c >= 65 && c <= 90) seen |= UPPER;
    else if (!((c >= 48 && c <= 57) || (c >= 45 && c <= 47))) return MIXED;
    if (seen === MIXED) return MIXED;
  }
  return seen;
}
