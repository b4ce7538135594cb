// Refusals, each naming the problem so the console shows it as is.
import { ConflictError, InvalidError } from '@/server/errors';

export class AllocationError extends InvalidError {
  constructor(total: number) {
    super(`arm allocations must sum to 100, not ${total}`, { total });
  }
}

export class LayerOverlapError extends ConflictError {
  constructor(layer: string, other: string) {
    super(`experiment ${other} already owns part of this traffic in layer ${layer}`, { layer, other });
  }
}

export class MissingPrimaryMetricError extends InvalidError {
  constructor() {
    super('an experiment cannot start without a primary metric');
  }
}

export class RunningArmsError extends ConflictError {
  constructor(key: string, status: string) {
    super(`arms of experiment ${key} cannot change once it has started (it is ${status})`, { key, status });
  }
}

export class ExperimentStatusError extends ConflictError {
  constructor(key: string, from: string, to: string) {
    super(`experiment ${key} cannot move from ${from} to ${to}`, { from, to });
  }
}

export class ArmVersionError extends InvalidError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}
