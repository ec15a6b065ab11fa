import { parseCertificate } from '../pki/certificate.js';
import { errorMessage } from '../util/errors.js';
import { lintDefinitions, type LintReport } from './definition-lint.js';
import type { ProfileProblem, ProfileSet } from './read.js';

export type { LintReport, UnconfirmedFact } from './definition-lint.js';

/** Every profile check: the definitions', and trust anchors that must parse as certificates. */
export function lintProfiles(set: ProfileSet): LintReport {
  const report = lintDefinitions(set);
  report.errors.push(...anchorProblems(set));
  return report;
}

function anchorProblems(set: ProfileSet): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  for (const profile of set.profiles.values()) {
    for (const anchor of profile.anchors) {
      try {
        parseCertificate(anchor.der);
      } catch (error) {
        problems.push({
          file: profile.file,
          pointer: '/signature/trustAnchors',
          message: `${anchor.file}: ${errorMessage(error)}`,
        });
      }
    }
  }
  return problems;
}
