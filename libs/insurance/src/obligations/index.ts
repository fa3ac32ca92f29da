export { SCHEMES, WHAT_IF_FACTS, type FactName, type ObligationFacts, type Scheme } from './facts.js';
export { gapsOf, obligationsOf, type ObligationResult } from './obligations.js';
export { REASONS, reasonText, type Bilingual, type ReasonCode } from './reasons.js';
export {
  MODELLED_FROM,
  PARAMETERS,
  RULES,
  SSA_AGREEMENTS,
  allRuleRefs,
  valueOn,
  type DatedParameter,
  type DatedValue,
  type RuleRef,
  type SocialSecurityAgreement,
} from './rules.js';
export { anniversary, hasReachedAge, type AgeCounting } from './dates.js';
