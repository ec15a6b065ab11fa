import {
  violationsOf,
  type ConstraintSet,
  type SharedConstraint,
  type Violation,
} from '../constraints/constraints.js';
import type { ModelValue, ParsedDocument, SourceLocation } from '../documents/model.js';
import type { ResolvedProfile } from '../profiles/types.js';
import type { Rule, RuleContext, RuleReport } from './types.js';
import { defineRule } from './define.js';

/**
 * A violation lies in content encryption replaced: at or below a field whose whole content is
 * a real EncryptedData, or a field missing from an object where an EncryptedData of type
 * #Element stands (the missing field may be the encrypted one). Fields in plain text are
 * always checked, whatever EncryptedData sits next to them.
 */
function encryptedAway(document: ParsedDocument, pointer: string): boolean {
  if (document.encryptedPointers.some((p) => pointer === p || pointer.startsWith(`${p}/`)))
    return true;
  const slash = pointer.lastIndexOf('/');
  if (slash < 0 || !(document.encryptedElementParents ?? []).includes(pointer.slice(0, slash)))
    return false;
  return valueAt(document.model, pointer) === undefined;
}

function valueAt(model: ModelValue, pointer: string): ModelValue | undefined {
  let value: ModelValue | undefined = model;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === undefined || typeof value !== 'object' || !Object.hasOwn(value, token))
      return undefined;
    value = (value as Record<string, ModelValue>)[token];
  }
  return value;
}

/** The document memo's table of located violations, by shared constraint. */
const LOCATED = {};

interface Located {
  violation: Violation;
  /** In content encryption replaced: not checked (encryptedAway). */
  hidden: boolean;
  location?: SourceLocation;
}

function located(document: ParsedDocument, violations: readonly Violation[]): Located[] {
  return violations.map((violation) =>
    encryptedAway(document, violation.pointer)
      ? { violation, hidden: true }
      : { violation, hidden: false, location: document.locate(violation.pointer) },
  );
}

/** The receiver's or the sender's document constraints, evaluated with compiled schemas. */
export function constraintRule(options: {
  id: string;
  side: 'sender' | 'receiver';
  description: string;
}): Rule {
  const messages = {
    violation:
      options.side === 'receiver'
        ? '{{profile}} rule {{constraint}}: {{detail}}'
        : 'its origin {{profile}} rule {{constraint}}: {{detail}}',
    encryptedUnchecked:
      '{{count}} {{profile}} rule check(s) on encrypted content ({{where}}) not evaluated',
  };
  const reportsOf = (
    context: RuleContext,
    set: ConstraintSet,
    profile: ResolvedProfile,
  ): RuleReport<keyof typeof messages>[] => {
    const { document, memo } = context;
    if (!document.type) return [];
    const reports: RuleReport<keyof typeof messages>[] = [];
    let unchecked = 0;
    const locatedBy = memo.table<SharedConstraint, Located[]>(LOCATED);
    for (const shared of set.applicable(document.type, document.documentFormat?.id)) {
      // What the constraint finds, where, and whether encryption hides it: once per document,
      // whichever profiles carry the constraint. Only the findings are this profile's.
      let found = locatedBy.get(shared);
      if (found === undefined) {
        found = located(document, violationsOf(shared, document.model, memo));
        locatedBy.set(shared, found);
      }
      for (const { violation, hidden, location } of found) {
        // Encrypted content cannot be read here: its rules are not checked, and we say so.
        if (hidden) {
          unchecked++;
          continue;
        }
        reports.push({
          severity: violation.severity,
          messageId: 'violation',
          data: {
            profile: profile.id,
            constraint: violation.constraintId,
            detail: violation.message,
          },
          location,
          hint: violation.hint,
        });
      }
    }
    if (unchecked > 0) {
      const where = [
        ...document.encryptedPointers,
        ...(document.encryptedElementParents ?? []).map((p) => `an element of ${p || '/'}`),
      ];
      reports.push({
        severity: 'info',
        messageId: 'encryptedUnchecked',
        data: { count: unchecked, profile: profile.id, where: where.join(', ') },
        location: document.locate(
          document.encryptedPointers[0] ?? document.encryptedElementParents?.[0] ?? '',
        ),
      });
    }
    return reports;
  };
  return defineRule({
    id: options.id,
    defaultSeverity: 'error',
    meta: { description: options.description, messages },
    check: (context) => {
      const profile = options.side === 'receiver' ? context.receiver : context.sender;
      if (!profile || !context.document.type) return [];
      // The sender's own rules are the same for every receiver; report them on the domestic
      // pair and on foreign pairs alike, but not twice when sender and receiver coincide.
      if (options.side === 'sender' && profile.id === context.receiver.id) return [];
      const set = context.constraints(profile);
      if (!set) return [];
      // Nor do they depend on the receiver: made once per document.
      if (options.side === 'sender')
        return context.memo.once(profile, options.id, () => reportsOf(context, set, profile));
      return reportsOf(context, set, profile);
    },
  });
}
