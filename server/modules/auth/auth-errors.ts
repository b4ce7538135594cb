import { DomainError } from '@/server/errors';

export class SignedOutError extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Sign in to the console first');
  }
}

export class MissingPermissionError extends DomainError {
  constructor(permission: string) {
    super('FORBIDDEN', `This needs the ${permission} permission`, { permission });
  }
}

// One message for unknown email and wrong password so sign-in does not reveal who has an account.
export class BadCredentialsError extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Email or password is incorrect');
  }
}

export class TooManySignInsError extends DomainError {
  constructor(retryAfterMs: number) {
    super('RATE_LIMITED', 'Too many sign-in attempts; try again shortly', { retryAfterMs });
  }
}

export class UnknownApiKeyError extends DomainError {
  constructor() {
    super('UNAUTHORIZED', 'Unknown or revoked API key');
  }
}
