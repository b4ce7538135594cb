import { newId } from './ids';

// A client-sent id is honoured only when it is a sane token: it ends up in logs and
// response headers, so no spaces, control characters or unbounded length.
const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

/** A fresh one is a `req_` ULID from newId's pooled random bytes (ulid's own PRNG makes 16 OS calls per id). */
export function resolveRequestId(incoming: string | null | undefined): string {
  return incoming && SANE.test(incoming) ? incoming : newId('req');
}
