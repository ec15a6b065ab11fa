import { parseCertificate } from '../pki/certificate.js';
import { parseCrl } from '../pki/crl.js';
import { errorMessage } from '../util/errors.js';
import { RULES } from '../rules/index.js';
import { lintDefinitions, type LintReport } from './definition-lint.js';
import type { ProfileProblem, ProfileSet } from './read.js';

export type { LintReport, UnconfirmedFact } from './definition-lint.js';

/**
 * Every profile check: the definitions', anchors, intermediates and CRLs that must parse, and
 * rule levels that name a rule corridor has.
 */
export function lintProfiles(set: ProfileSet): LintReport {
  const report = lintDefinitions(set);
  report.errors.push(...anchorProblems(set), ...ruleLevelProblems(set));
  return report;
}

/**
 * A level for a rule id no rule has would silently change nothing (a typo): refused, as the
 * config file's. Here rather than in the definitions' lint, which `profiles list` runs without
 * loading the rules.
 */
function ruleLevelProblems(set: ProfileSet): ProfileProblem[] {
  const known = new Set(RULES.map((rule) => rule.id));
  const problems: ProfileProblem[] = [];
  for (const profile of set.profiles.values()) {
    for (const id of Object.keys(profile.rules ?? {})) {
      if (known.has(id)) continue;
      // Reported once, where it is written: not again on every profile that inherits it.
      const ancestors = profile.lineage.slice(0, -1).map((a) => set.profiles.get(a));
      if (ancestors.some((a) => a?.rules?.[id] !== undefined)) continue;
      problems.push({
        file: profile.file,
        pointer: `/rules/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: `no rule "${id}" (rule ids: docs/rules/)`,
      });
    }
  }
  return problems;
}

function anchorProblems(set: ProfileSet): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  for (const profile of set.profiles.values()) {
    const checks = [
      { items: profile.anchors, pointer: '/signature/trustAnchors', parse: parseCertificate },
      {
        items: profile.intermediates,
        pointer: '/signature/intermediates',
        parse: parseCertificate,
      },
      { items: profile.crls, pointer: '/signature/crls', parse: parseCrl },
    ];
    for (const { items, pointer, parse } of checks) {
      for (const item of items) {
        try {
          parse(item.der);
        } catch (error) {
          problems.push({
            file: profile.file,
            pointer,
            message: `${item.file}: ${errorMessage(error)}`,
          });
        }
      }
    }
  }
  return problems;
}
