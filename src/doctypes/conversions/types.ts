/**
 * A conversion a field mapping names (`"convert": "<kind>:<argument>"`): how a value written in a
 * format's own convention (a date as `20231120`, a China Customs currency code `142`) becomes
 * the normalized model's (`2023-11-20`, `CNY`). Conversions are data in the definition; each
 * kind is one file in this folder plus one line in index.ts.
 */
export type Converted = { value: string } | { error: string };

export type Converter = (text: string) => Converted;

export interface ConversionContext {
  /** Folders where a definition's data lives: its own first, then the shipped one. */
  dirs: readonly string[];
}

export interface ConversionKind {
  /** What the argument says, for messages (`date:<layout>`). */
  usage: string;
  /** Compiles the argument once per definition set: a converter, or why the argument is wrong. */
  compile(argument: string, context: ConversionContext): Converter | { problem: string };
}
