import { DomainError } from '@/server/errors';
import type { Permission } from './permissions';

/** Granting (or touching someone who holds) a permission the actor does not have. */
export class EscalationError extends DomainError {
  constructor(missing: readonly Permission[]) {
    super('FORBIDDEN', `You cannot grant or change permissions you do not hold yourself: ${missing.join(', ')}`, {
      missing,
    });
  }
}

export class LastOwnerError extends DomainError {
  constructor() {
    super('CONFLICT', 'The store needs at least one active owner; make someone else owner first', {
      rule: 'last_owner',
    });
  }
}
