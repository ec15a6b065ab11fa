import { createHash } from 'node:crypto';
import { documentKey, findingIdentity, identityKey } from '../engine/finding-identity.js';
import {
  eachPair,
  type CellRoute,
  type Finding,
  type GatewayRoute,
  type MatrixResult,
  type Severity,
} from '../engine/types.js';
import { artifactUri } from './artifact-path.js';
import { reachableVia, type PairRoute } from './cell-routes.js';
import { writeJson } from './json-stream.js';
import { pairSender, reportRows } from './rows.js';
import type { Formatter, RuleMeta } from './types.js';
import { placeholders } from '../rules/messages.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Key of the fingerprint in `partialFingerprints`; bump the version if its inputs change. */
export const FINGERPRINT_KEY = 'corridorFinding/v2';

type SarifLevel = 'error' | 'warning' | 'note';
const level: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

// The subset of SARIF 2.1.0 corridor writes; the test checks it against the OASIS schema.
interface SarifReportingDescriptor {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
  helpUri?: string;
  help: { text: string; markdown?: string };
  /** The rule's message templates, placeholders numbered as SARIF's `{0}` (§3.11.5). */
  messageStrings?: Record<string, { text: string }>;
  /** GitHub code scanning reads `tags` and, on security rules, `security-severity`. */
  properties: { tags: string[]; 'security-severity'?: string };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  /** `text` is what viewers show; `id` names the rule's message string, filled by `arguments`. */
  message: { text: string; id?: string; arguments?: string[] };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string };
      region?: { startLine: number; startColumn?: number };
    };
    logicalLocations?: Array<{ name: string; fullyQualifiedName: string; kind: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  properties: {
    sender: string;
    /** The issuing member state when the sender profile speaks for it (sender EU, DE). */
    senderCountry?: string;
    /** The receiver; absent for a document that cannot be read (then `receivers`). */
    receiver?: string;
    /** A document that cannot be read is one result for every receiver it was evaluated for. */
    receivers?: string[];
    document: string;
    hint?: string;
    /** The sender→receiver cell's route; `routes` when it fails directly but a gateway carries it. */
    route?: CellRoute;
    routes?: GatewayRoute[];
  };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<{
    tool: {
      driver: {
        name: 'corridor';
        version: string;
        semanticVersion: string;
        informationUri?: string;
        rules: SarifReportingDescriptor[];
      };
    };
    columnKind: 'utf16CodeUnits';
    results: SarifResult[];
    properties: {
      kind: MatrixResult['kind'];
      asOf: string;
      profiles: string[];
      profileVersions: Record<string, string>;
    };
  }>;
}

function descriptor(rule: RuleMeta): SarifReportingDescriptor {
  const page = rule.helpUri ?? rule.docsPath;
  const severity =
    rule.securitySeverity !== undefined
      ? `\n\nSecurity severity: ${rule.securitySeverity.toFixed(1)}`
      : '';
  const fix =
    '\n\nEach result names the sender → receiver pair it is about and ends with a hint: what to ' +
    'change for that receiver.';
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    defaultConfiguration: { level: level[rule.defaultSeverity] },
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    help: {
      text: `${rule.description}${fix}${severity}${page ? `\n\nSee ${page}` : ''}`,
      markdown:
        `**${rule.id}** — ${rule.description}${fix}${severity}` +
        (rule.helpUri
          ? `\n\n[Rule documentation](${rule.helpUri})`
          : rule.docsPath
            ? `\n\nRule documentation: \`${rule.docsPath}\``
            : ''),
    },
    ...(rule.messages
      ? {
          messageStrings: Object.fromEntries(
            Object.entries(rule.messages).map(([id, template]) => [
              id,
              { text: sarifMessageString(template) },
            ]),
          ),
        }
      : {}),
    properties: {
      tags: rule.tags ?? [rule.id.split('/')[0] ?? rule.id],
      ...(rule.securitySeverity !== undefined
        ? { 'security-severity': rule.securitySeverity.toFixed(1) }
        : {}),
    },
  };
}

/**
 * The baseline's identity of a finding (engine/finding-identity.ts: rule, pair, document relative
 * to `cwd`, path — not the line nor the message), hashed: a finding a baseline made in `cwd`
 * knows is the same finding code scanning tracks.
 */
/**
 * A template as a SARIF message string: `{{name}}` becomes `{0}`, `{1}`… in order of first
 * appearance, and other braces are doubled, as SARIF requires of literal ones.
 */
function sarifMessageString(template: string): string {
  const names = placeholders(template);
  return template
    .split(/(\{\{\s*[\w-]+\s*\}\})/)
    .map((part) => {
      const name = /^\{\{\s*([\w-]+)\s*\}\}$/.exec(part)?.[1];
      return name !== undefined ? `{${names.indexOf(name)}}` : part.replace(/[{}]/g, '$&$&');
    })
    .join('');
}

/** The finding's message string id and its arguments, when its rule lists that id. */
function messageReference(
  finding: Finding,
  templates: Readonly<Record<string, string>> | undefined,
  placeholdersOf: (template: string) => string[] = placeholders,
): { id?: string; arguments?: string[] } {
  const template = templates?.[finding.messageId];
  if (template === undefined) return {};
  const names = placeholdersOf(template);
  return {
    id: finding.messageId,
    ...(names.length > 0
      ? { arguments: names.map((name) => String(finding.data?.[name] ?? '')) }
      : {}),
  };
}

export function fingerprint(
  finding: Finding,
  cwd: string = process.cwd(),
  keyOf?: (document: string) => string,
): string {
  return createHash('sha256')
    .update(identityKey(findingIdentity(finding, cwd, keyOf)))
    .digest('hex');
}

/**
 * `answer` remembering its last argument: a document's findings come in a row and name the same
 * file, so its path is resolved once, not once per finding (issue #14).
 */
function lastOf<T>(answer: (key: string) => T): (key: string) => T {
  let last: { key: string; value: T } | undefined;
  return (key) => {
    if (last?.key !== key) last = { key, value: answer(key) };
    return last.value;
  };
}

/** `placeholders` remembered per template: a rule has a few, its findings many. */
function placeholdersMemo(): (template: string) => string[] {
  const known = new Map<string, string[]>();
  return (template) => {
    let names = known.get(template);
    if (!names) known.set(template, (names = placeholders(template)));
    return names;
  };
}

function logicalKind(finding: Finding): string {
  // JSON documents are located by JSON pointer, XML ones by element path.
  return /\.json$/i.test(finding.location.file) ? 'property' : 'element';
}

function lastSegment(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '');
  return segments[segments.length - 1] ?? path;
}

/**
 * The rule descriptors: the registry's, then a stub for each rule id a finding names that the
 * registry does not list (each finding needs a valid ruleIndex), in order of first appearance.
 * Rules come before results in the log, so this is a pass of its own.
 */
function ruleDescriptors(
  result: MatrixResult,
  rules: readonly RuleMeta[],
): { descriptors: SarifReportingDescriptor[]; index: Map<string, number> } {
  const descriptors = rules.map(descriptor);
  const index = new Map(descriptors.map((rule, i) => [rule.id, i]));
  for (const pair of eachPair(result)) {
    for (const finding of pair.findings) {
      if (index.has(finding.ruleId)) continue;
      index.set(finding.ruleId, descriptors.length);
      descriptors.push(
        descriptor({
          id: finding.ruleId,
          description: finding.ruleId,
          defaultSeverity: finding.severity,
        }),
      );
    }
  }
  return { descriptors, index };
}

const NO_ROUTE: PairRoute = { gateways: [] };
/** The receiver in the fingerprint of a result that speaks for every receiver. */
const ANY_RECEIVER = '*';

function* sarifResults(
  result: MatrixResult,
  index: ReadonlyMap<string, number>,
  cwd: string,
  messages: ReadonlyMap<string, Readonly<Record<string, string>>>,
): Generator<SarifResult> {
  const rows = reportRows(result);
  const uriOf = lastOf((file) => artifactUri(file, cwd));
  const documentKeyOf = lastOf((document) => documentKey(document, cwd));
  const placeholdersOf = placeholdersMemo();
  for (const { pair, unread } of rows.reportedPairs()) {
    // A document that cannot be read is one result per finding, naming every receiver.
    const { route, gateways } = unread ? NO_ROUTE : rows.route(pair.sender, pair.receiver);
    // The fingerprint stays keyed by the profile: the country is for the reader.
    const from = unread ? unread.label : pairSender(pair);
    const to = unread ? unread.receivers.join(', ') : undefined;
    for (const finding of pair.findings) {
      const { line, column, path } = finding.location;
      const region =
        line !== undefined && line >= 1
          ? {
              startLine: line,
              ...(column !== undefined && column >= 1 ? { startColumn: column } : {}),
            }
          : undefined;
      // Only an error is what the gateway works around; warnings keep their own text.
      const via =
        gateways.length > 0 && finding.severity === 'error' ? ` (${reachableVia(gateways)})` : '';
      yield {
        ruleId: finding.ruleId,
        ruleIndex: index.get(finding.ruleId) ?? 0,
        level: level[finding.severity],
        // GitHub shows the message, not properties: the hint goes there too.
        message: {
          text:
            `${from} → ${to ?? finding.receiver}: ${finding.message}${via}` +
            (finding.hint ? `\nHint: ${finding.hint}` : ''),
          ...messageReference(finding, messages.get(finding.ruleId), placeholdersOf),
        },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(finding.location.file) },
              ...(region ? { region } : {}),
            },
            ...(path
              ? {
                  logicalLocations: [
                    {
                      name: lastSegment(path),
                      fullyQualifiedName: path,
                      kind: logicalKind(finding),
                    },
                  ],
                }
              : {}),
          },
        ],
        partialFingerprints: {
          [FINGERPRINT_KEY]: fingerprint(
            unread ? { ...finding, receiver: ANY_RECEIVER } : finding,
            cwd,
            documentKeyOf,
          ),
        },
        properties: {
          sender: finding.sender,
          ...(pair.senderCountry ? { senderCountry: pair.senderCountry } : {}),
          ...(unread ? { receivers: unread.receivers } : { receiver: finding.receiver }),
          document: finding.document,
          ...(finding.hint ? { hint: finding.hint } : {}),
          ...(route ? { route } : {}),
          ...(gateways.length > 0 ? { routes: gateways } : {}),
        },
      };
    }
  }
}

/**
 * SARIF 2.1.0 log with one run, its results a generator: written with writeJson, a log is never
 * held whole. Rules come from the registry; unknown ids get a stub rule.
 */
export function sarifLog(
  result: MatrixResult,
  rules: readonly RuleMeta[],
  cwd: string,
  informationUri?: string,
): Omit<SarifLog, 'runs'> & {
  runs: Array<Omit<SarifLog['runs'][number], 'results'> & { results: Iterable<SarifResult> }>;
} {
  const { descriptors, index } = ruleDescriptors(result, rules);
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'corridor',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            ...(informationUri ? { informationUri } : {}),
            rules: descriptors,
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sarifResults(
          result,
          index,
          cwd,
          new Map(rules.flatMap((rule) => (rule.messages ? [[rule.id, rule.messages]] : []))),
        ),
        properties: {
          kind: result.kind,
          asOf: result.asOf,
          profiles: result.profiles,
          profileVersions: result.profileVersions,
        },
      },
    ],
  };
}

export const sarifFormatter: Formatter = {
  id: 'sarif',
  description: 'SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps, IDEs)',
  extension: 'sarif',
  write(result, out, context) {
    const log = sarifLog(
      result,
      context.rules,
      context.cwd ?? process.cwd(),
      context.informationUri,
    );
    writeJson(out, log);
    out.write('\n');
  },
};
