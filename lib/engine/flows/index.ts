/** Public API of the flow engine (pure functions; see README.md). */
export {
  DAY_MS,
  entryDecision,
  flowArms,
  HOUR_MS,
  nextAction,
  quietUntil,
  type Action,
  type Arm,
  type EntryDecision,
  type Facts,
  type Place,
} from './engine';
export { FLOW_TEMPLATES, flowTemplate, type FlowTemplateKey } from './templates';
