// Domain errors: modules throw these, never TRPCError or HTTP responses. One table maps
// a code to a tRPC code and an HTTP status, shared by tRPC and REST (server/api/errors.ts).

export type DomainErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'INVALID' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'RATE_LIMITED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(entity: string, key: string) {
    super('NOT_FOUND', `${entity} ${key} was not found`, { entity, key });
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

export class InvalidError extends DomainError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INVALID', message, details);
  }
}

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  INVALID: 422,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

export const TRPC_CODE = {
  INVALID: 'UNPROCESSABLE_CONTENT',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
} as const satisfies Record<DomainErrorCode, string>;
