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

/**
 * Kill drills (fault tests): with ORDER_FLOW_HANG=<point> the process freezes at that point
 * (the event loop blocks, so its lease lapses) until it is killed. Points are step names, or
 * `<step>:after` for "the step's side effect happened but its result was not recorded".
 */
export function checkHang(point: string): void {
  if (process.env.ORDER_FLOW_HANG !== point) return;
  console.log(`[faults] hanging at ${point}`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
