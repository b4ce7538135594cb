import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { createStaff } from './create-staff';
import type { Mail } from './mail';
import { requestPasswordReset, resetPassword } from './password-reset';
import { resolveSession } from './sessions';
import { signIn } from './sign-in';

const getDb = useTestDatabase();
const client = { ip: '10.0.0.3', userAgent: 'vitest' };
const roomy = () => createTokenBucket({ capacity: 100, refillPerSec: 1 });

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends existing sessions', async () => {
    const db = getDb().prisma;
    await createStaff(db, { email: 'ivy@luma.example', password: 'old-password-1', roles: ['viewer'] });
    const old = await signIn(db, { email: 'ivy@luma.example', password: 'old-password-1' }, client, roomy());
    const sent: Mail[] = [];
    const send = async (m: Mail) => void sent.push(m);
    await requestPasswordReset(db, 'ivy@luma.example', { baseUrl: 'http://localhost:3000', send, limiter: roomy() });
    await requestPasswordReset(db, 'nobody@luma.example', { baseUrl: 'http://localhost:3000', send, limiter: roomy() });
    expect(sent.map((m) => m.to)).toEqual(['ivy@luma.example']);
    const token = /token=([A-Za-z0-9_-]{43})/.exec(sent[0]!.text)![1]!;

    await resetPassword(db, token, 'new-password-2');
    expect(await resolveSession(db, old.token)).toBeNull();
    await expect(
      signIn(db, { email: 'ivy@luma.example', password: 'old-password-1' }, client, roomy()),
    ).rejects.toThrow();
    await signIn(db, { email: 'ivy@luma.example', password: 'new-password-2' }, client, roomy());
    await expect(resetPassword(db, token, 'another-password-3')).rejects.toThrow(/expired or was already used/);
  });
});
