import { parseCertificate } from '../pki/certificate.js';
import { parseCrl } from '../pki/crl.js';
import { errorMessage } from '../util/errors.js';
import { lintDefinitions, type LintReport } from './definition-lint.js';
import type { ProfileProblem, ProfileSet } from './read.js';

export type { LintReport, UnconfirmedFact } from './definition-lint.js';

/** Every profile check: the definitions', and anchors, intermediates and CRLs that must parse. */
export function lintProfiles(set: ProfileSet): LintReport {
  const report = lintDefinitions(set);
  report.errors.push(...anchorProblems(set));
  return report;
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
