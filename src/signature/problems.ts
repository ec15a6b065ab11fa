import type { XmlPosition } from '../xml/dom.js';
import type { XmldsigRuleId } from '../rule-ids.js';
import type { SignatureProblem } from './types.js';

export { XMLDSIG_RULES, type XmldsigRuleId } from '../rule-ids.js';

export function problem(
  ruleId: XmldsigRuleId,
  message: string,
  pos?: XmlPosition,
): SignatureProblem {
  return pos ? { ruleId, message, pos } : { ruleId, message };
}
