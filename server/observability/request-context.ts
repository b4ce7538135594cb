// The request id of whatever the current async flow is serving (an HTTP request, an embedded
// runner job), so every log line and span can carry it without threading it by hand.
import { AsyncLocalStorage } from 'node:async_hooks';

type RequestScope = { requestId: string };

const storage = ((globalThis as { __requestScope?: AsyncLocalStorage<RequestScope> }).__requestScope ??=
  new AsyncLocalStorage<RequestScope>());

export function withRequestId<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
