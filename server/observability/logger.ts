// Structured JSON logs (pino): one line per event, level from LOG_LEVEL, the current request
// id and trace id on every line, personal data and secrets redacted before anything is written.
import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { redactText, redactValue, REDACTED } from './redact';
import { currentRequestId } from './request-context';

export type { Logger };

/** Well-known paths pino removes itself (fast, compiled); redactValue catches the rest by key name. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["set-cookie"]',
  'req.headers["x-forwarded-for"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.email',
  '*.cardNumber',
  '*.cvc',
];

function defaultLevel(env: NodeJS.ProcessEnv): string {
  if (env.LOG_LEVEL) return env.LOG_LEVEL;
  return env.NODE_ENV === 'test' || env.VITEST ? 'warn' : 'info';
}

export function createLogger(opts: { level?: string; destination?: DestinationStream; name?: string } = {}): Logger {
  return pino(
    {
      name: opts.name ?? 'commerce',
      level: opts.level ?? defaultLevel(process.env),
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      messageKey: 'msg',
      formatters: {
        level: (label) => ({ level: label }),
        log: (obj) => redactValue(obj) as Record<string, unknown>,
      },
      // The request id and trace of whatever this line was logged inside (child loggers may also set requestId).
      mixin() {
        const span = trace.getActiveSpan()?.spanContext();
        const requestId = currentRequestId();
        return {
          ...(requestId ? { requestId } : {}),
          ...(span && span.traceId !== '00000000000000000000000000000000' ? { traceId: span.traceId, spanId: span.spanId } : {}),
        };
      },
      hooks: {
        // Free-text messages are scrubbed too: an email in a message string never reaches the output.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>;
          return method.apply(this, scrubbed);
        },
      },
    },
    opts.destination,
  );
}

const state = globalThis as { __logger?: Logger };

/** The process's logger. `logger.child({ requestId })` for a request's own lines. */
export const logger: Logger = (state.__logger ??= createLogger());

export function requestLogger(requestId: string): Logger {
  return logger.child({ requestId });
}
