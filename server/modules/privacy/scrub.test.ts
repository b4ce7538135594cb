import { describe, expect, it } from 'vitest';
import { escapeRegex, identifierPattern } from './scrub';

describe('identifier patterns', () => {
  it('match identifiers literally, in raw and JSON-escaped form, case-insensitively', () => {
    const re = new RegExp(identifierPattern(['a.b+c@example.com', 'O"Brien Street'])!, 'gi');
    const json = JSON.stringify({ to: 'A.B+C@Example.com', street: 'O"Brien Street', other: 'aXb+c@example.com' });
    const out = json.replace(re, '[erased]');
    expect(JSON.parse(out)).toEqual({ to: '[erased]', street: '[erased]', other: 'aXb+c@example.com' });
    expect(identifierPattern([])).toBeNull();
    expect(escapeRegex('1.2.3.4')).toBe('1\\.2\\.3\\.4');
  });
});
