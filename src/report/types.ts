import type { MatrixResult, Severity } from '../engine/types.js';
import type { Sink } from './sink.js';

/** What a formatter needs to know about a rule; the rule registry supplies these. */
export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  helpUri?: string;
  /** The rule's page, relative to the package root (`docs/rules/<area>/<name>.md`). */
  docsPath?: string;
  tags?: string[];
  /** GitHub code scanning severity (0.0–10.0) of a security rule. */
  securitySeverity?: number;
  /** Message id → template with `{{name}}` placeholders (SARIF `messageStrings`). */
  messages?: Readonly<Record<string, string>>;
}

export interface FormatContext {
  /** Every rule that may appear in findings (SARIF lists them in `tool.driver.rules`). */
  rules: RuleMeta[];
  /** Emit ANSI colour (only the `text` formatter has any). */
  color: boolean;
  /** Base directory for relative artifact paths (SARIF, GitHub annotations); default `process.cwd()`. */
  cwd?: string;
  /** Project home page for SARIF `tool.driver.informationUri` (absolute URI); omitted when unset. */
  informationUri?: string;
  /** The files the run's other reports go to (where the capped `github` format points). */
  reportFiles?: string[];
}

export interface Formatter {
  id: string;
  description: string;
  /** File extension, without the dot, for `--output` defaults. */
  extension: string;
  /** Writes the report to `out` in pieces, in order (see sink.ts); returns nothing. */
  write(result: MatrixResult, out: Sink, context: FormatContext): void;
}
