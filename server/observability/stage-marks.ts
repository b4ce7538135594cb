// Stage boundaries on the checkout hot path, for the CPU breakdown (scripts/bench/checkout-profile.ts).
// No hook is installed in production: a mark costs one null check.
type Hook = (stage: string) => void;
let hook: Hook | null = null;

/** Installs (or with null removes) the process's stage hook. Benchmarks only. */
export function setStageHook(h: Hook | null): void {
  hook = h;
}

/** Marks the end of `stage`: the time since the previous mark belongs to it. */
export function stageMark(stage: string): void {
  if (hook) hook(stage);
}
