import { DomainError } from '@/server/errors';

// One message for unknown email and wrong password so sign-in does not reveal who has an account.
export class ShopperBadCredentialsError extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Email or password is incorrect');
  }
}

export class ShopperTooManySignInsError extends DomainError {
  constructor(retryAfterMs: number) {
    super('RATE_LIMITED', 'Too many sign-in attempts; try again shortly', { retryAfterMs });
  }
}

export class ShopperEmailTakenError extends DomainError {
  constructor() {
    super('CONFLICT', 'An account with this email already exists; sign in instead', { field: 'email' });
  }
}

export class ShopperTooManyResetsError extends DomainError {
  constructor(retryAfterMs: number) {
    super('RATE_LIMITED', 'Too many reset requests; try again later', { retryAfterMs });
  }
}

export class ShopperResetLinkUnusableError extends DomainError {
  constructor() {
    super('INVALID', 'This reset link has expired or was already used; ask for a new one', { field: 'token' });
  }
}
