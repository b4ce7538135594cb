// Governance refusals, each naming the problem so the console can show it as is.
import { ConflictError, DomainError, InvalidError } from '@/server/errors';
import type { ModelStageName } from './model-kinds';

export class IllegalStageTransitionError extends ConflictError {
  constructor(versionLabel: string, from: ModelStageName, to: ModelStageName) {
    super(`${versionLabel} cannot move from ${from} to ${to}`, { from, to });
  }
}

export class EvaluationGateError extends InvalidError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export class ApprovalRequiredError extends ConflictError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export class SelfApprovalError extends DomainError {
  constructor(versionLabel: string) {
    super('FORBIDDEN', `the creator of ${versionLabel} cannot approve it while two approvers are required`);
  }
}

export class CanaryShareError extends InvalidError {
  constructor(share: number) {
    super(`canary share must be between 0 and 100, got ${share}`, { share });
  }
}
