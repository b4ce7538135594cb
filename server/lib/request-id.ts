import { ulid } from 'ulid';

// A client-sent id is honoured only when it is a sane token: it ends up in logs and
// response headers, so no spaces, control characters or unbounded length.
const SANE = /^[A-Za-z0-9._:-]{8,128}$/;

export function resolveRequestId(incoming: string | null | undefined): string {
  return incoming && SANE.test(incoming) ? incoming : `req_${ulid()}`;
}
