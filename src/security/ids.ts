// The tables live in the leaf module src/rule-ids.ts (no imports), so security/, jose/,
// signature/ and documents/ can all use them without importing one another.
export {
  PROBLEM_TO_SECURITY_RULE,
  SECURITY_RULES,
  XINCLUDE_NAMESPACES,
  type SecurityRuleId,
} from '../rule-ids.js';
