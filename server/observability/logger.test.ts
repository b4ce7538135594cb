import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { redactText } from './redact';
import { withRequestId } from './request-context';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      cb();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const EMAIL = 'jane.doe+vip@example.com';
const PASSWORD = 'hunter2-correct-horse';
const TOKEN = 'stk_9f8e7d6c5b4a3210';
const CARD = '4242 4242 4242 4242';

describe('logger redaction', () => {
  it('never writes an email, password, token, cookie, card number or IP', () => {
    const { logger, lines } = capture();
    logger.info(`password reset requested by ${EMAIL} from 203.0.113.7`);
    logger.info({ email: EMAIL, password: PASSWORD, user: { staffToken: TOKEN, note: `contact ${EMAIL}` } }, 'sign-in');
    logger.info({ req: { headers: { authorization: `Bearer ${TOKEN}`, cookie: `staff=${TOKEN}`, 'x-forwarded-for': '203.0.113.7' } } }, 'request');
    logger.warn({ payment: { cardNumber: CARD, cvc: '123', amount: 1999 } }, 'card declined for card %s', CARD);
    logger.error({ err: new Error(`duplicate key for ${EMAIL}; token=${TOKEN}`) }, 'insert failed');
    logger.info({ body: `curl -H "Authorization: Bearer ${TOKEN}" with password=${PASSWORD}` }, 'debug dump');
    const out = lines.join('\n');
    expect(lines).toHaveLength(6);
    for (const secret of [EMAIL, PASSWORD, TOKEN, CARD, '4242424242424242', '203.0.113.7']) expect(out).not.toContain(secret);
    // What is not personal survives, so the lines stay useful.
    expect(out).toContain('"amount":1999');
    expect(out).toContain('password reset requested by [email]');
    expect(out).toContain('insert failed');
  });

  it('puts the request id on every line logged inside a request scope, and the level by name', () => {
    const { logger, parsed } = capture();
    withRequestId('req_01TESTREQUEST', () => {
      logger.info('one');
      logger.child({ module: 'search' }).warn('two');
    });
    logger.debug('outside');
    const rows = parsed();
    expect(rows.map((r) => r.requestId)).toEqual(['req_01TESTREQUEST', 'req_01TESTREQUEST', undefined]);
    expect(rows.map((r) => r.level)).toEqual(['info', 'warn', 'debug']);
    expect(rows[1]!.module).toBe('search');
  });

  it('honours the level: debug lines are dropped at info', () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (c: Buffer, _e, cb) => (lines.push(c.toString()), cb()) });
    const logger = createLogger({ level: 'info', destination });
    logger.debug('hidden');
    logger.info('shown');
    expect(lines).toHaveLength(1);
  });

  it('scrubs free text by pattern', () => {
    expect(redactText('mail a.b@c.io and 10.0.0.1, Basic dXNlcjpwYXNz')).toBe('mail [email] and [ip], Basic [redacted]');
  });
});
