// Fault injection for the order exception flow, so tests (and `ORDER_FLOW_FAULTS=capture npm
// start` drills) can fail each step in turn and watch the compensations run.
const store = globalThis as unknown as { __orderFlowFaults?: Set<string> };

function faults(): Set<string> {
  store.__orderFlowFaults ??= new Set((process.env.ORDER_FLOW_FAULTS ?? '').split(',').filter(Boolean));
  return store.__orderFlowFaults;
}

export function setOrderFlowFaults(steps: string[]): void {
  store.__orderFlowFaults = new Set(steps);
}

export function checkFault(step: string): void {
  if (faults().has(step)) throw new Error(`injected fault in step ${step}`);
}
