export { JWS_RULES, type JwsRuleId } from '../rule-ids.js';
import type { XmlPosition } from '../xml/dom.js';
import type { JwsRuleId, SecurityRuleId } from '../rule-ids.js';
import type { SignatureProblem } from '../signature/types.js';

export function jwsProblem(
  ruleId: JwsRuleId | SecurityRuleId,
  message: string,
  pos?: XmlPosition,
): SignatureProblem {
  return pos ? { ruleId, message, pos } : { ruleId, message };
}
