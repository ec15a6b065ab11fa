/**
 * The one order corridor sorts ids, names and paths in: English collation, whatever the
 * machine's locale. `localeCompare` without a locale follows the environment (LANG, LC_ALL), so
 * one command gave its reports in another order on another machine: under lt_LT "y.xml" sorted
 * between "i.xml" and "j.xml", under et_EE "z.xml" before "t.xml". English is what every run
 * under C or en_US gave, so their output is unchanged. Made on first use: making a collator
 * costs ~12 ms (ICU loads its data), which a run that sorts nothing never pays.
 */
let collator: Intl.Collator | undefined;

export function compareText(a: string, b: string): number {
  return (collator ??= new Intl.Collator('en')).compare(a, b);
}
