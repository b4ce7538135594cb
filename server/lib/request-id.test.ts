import { describe, expect, it } from 'vitest';
import { resolveRequestId } from './request-id';

const GENERATED = /^req_[0-9A-HJKMNP-TV-Z]{26}$/;

describe('resolveRequestId', () => {
  it.each([
    'req-test-1234',
    'abcdefgh',
    '0123456789abcdef0123456789abcdef',
    'trace.id:span_01-x',
    'req_01JD3Z7Q8X9Y0ABCDEFGHJKMNP',
    'a'.repeat(128),
  ])('honours the sane id %s', (id) => {
    expect(resolveRequestId(id)).toBe(id);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['too short', 'abc1234'],
    ['too long', 'a'.repeat(129)],
    ['a space', 'req test 1234'],
    ['a newline', 'req-test-1234\nX-Injected: 1'],
    ['a trailing newline', 'req-test-1234\n'],
    ['a tab', 'req-test\t1234'],
    ['a slash', 'req/test/1234'],
    ['non-ASCII', 'réq-test-1234'],
  ])('replaces an id with %s by a fresh req_ ULID', (_label, id) => {
    const resolved = resolveRequestId(id);
    expect(resolved).toMatch(GENERATED);
    expect(resolved).not.toBe(id);
  });

  it('generates a different id every time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => resolveRequestId(null)));
    expect(ids.size).toBe(50);
  });
});
