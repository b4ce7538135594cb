import { DomainError } from '@/server/errors';

/** A change refused because a second person must make or approve it (409, rule "four_eyes"). */
export class FourEyesError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, { rule: 'four_eyes', ...details });
  }
}
