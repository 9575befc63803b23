/** Automated flows (journeys): definitions and their lifecycle, the run, the job. See README.md. */
export {
  createFlowFromTemplate,
  createTemplateFlows,
  getFlow,
  listFlows,
  missingTemplates,
  runFlowsNow,
  saveFlow,
  setFlowEnabled,
} from './flows';
export { runFlows, type FlowRunOptions, type FlowRunStats } from './run';
