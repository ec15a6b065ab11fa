import { SECURITY_RULES } from '../security/ids.js';
import { mappedProblemReports, securityMessages } from '../security/reports.js';
import { xincludeElements } from '../security/xinclude.js';
import { elementPath } from '../xml/path.js';
import { defineDocumentRule } from './define.js';

const HINT =
  'Remove the DOCTYPE, entity declarations and XInclude elements: cross-border documents are self-contained, and corridor refuses them before anything is expanded or fetched.';

/**
 * XML External Entity (XXE, CWE-611: file disclosure, SSRF), entity expansion ("billion
 * laughs", CWE-776) and XInclude (CWE-611 by another route): the parser refuses a DOCTYPE or
 * ENTITY declaration before expanding anything, and any element in the XInclude namespace is
 * refused, since a receiver's XInclude-aware parser would read content nobody signed.
 */
export const securityDtd = defineDocumentRule({
  id: SECURITY_RULES.dtd,
  defaultSeverity: 'error',
  meta: {
    description:
      'No DTD, entity declaration or XInclude: refused before expansion (XXE, billion laughs, XInclude file inclusion).',
    messages: {
      ...securityMessages(SECURITY_RULES.dtd),
      xinclude:
        "XInclude (external inclusion): {{element}} would make an XInclude-aware receiver read content from '{{href}}' that nobody signed; refused",
    },
  },
  check: (context) => {
    const reports = mappedProblemReports(SECURITY_RULES.dtd, context, {
      attack: 'DTD / entity declaration (XXE, entity expansion)',
      hint: HINT,
    });
    const xml = context.document.xml;
    for (const element of xml ? xincludeElements(xml) : []) {
      reports.push({
        messageId: 'xinclude',
        data: {
          element: element.name,
          href: element.attributes.find((a) => a.name === 'href')?.value ?? '',
        },
        location: { path: elementPath(element), pos: element.pos },
        hint: HINT,
      });
    }
    return reports;
  },
});
