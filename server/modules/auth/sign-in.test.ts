import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { listAuditEvents } from '@/server/modules/audit/list-audit';
import { createStaff } from './create-staff';
import { ensureOwner, OWNER_EMAIL } from './ensure-owner';
import { resolveSession } from './sessions';
import { signIn, signOut } from './sign-in';

const getDb = useTestDatabase();
const client = { ip: '10.0.0.1', userAgent: 'vitest' };
const roomy = () => createTokenBucket({ capacity: 100, refillPerSec: 1 });

describe('staff sign-in', () => {
  it('signs in with email + password, resolves the session with role permissions, audits, and signs out', async () => {
    const db = getDb().prisma;
    const staff = await createStaff(db, {
      email: 'Mia@Luma.example',
      password: 'correct horse',
      roles: ['merchandiser'],
    });
    const session = await signIn(db, { email: 'mia@luma.example', password: 'correct horse' }, client, roomy());
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const principal = await resolveSession(db, session.token);
    expect(principal).toMatchObject({ id: staff.id, email: 'mia@luma.example' });
    expect(principal!.permissions).toContain('search.rules.write');
    expect(principal!.permissions).not.toContain('model.approve');
    // The cookie token itself is never stored.
    expect(await db.staffSession.count({ where: { id: session.token } })).toBe(0);

    const audit = await listAuditEvents(db, { entity: 'staff', entityId: staff.id });
    expect(audit.items.map((a) => a.action)).toEqual(['auth.sign_in']);

    await signOut(db, session.token, staff.id);
    expect(await resolveSession(db, session.token)).toBeNull();
  });

  it('refuses a wrong password or unknown email with the same error, and audits the failure', async () => {
    const db = getDb().prisma;
    await createStaff(db, { email: 'leo@luma.example', password: 'right one', roles: ['viewer'] });
    const limiter = roomy();
    await expect(signIn(db, { email: 'leo@luma.example', password: 'wrong' }, client, limiter)).rejects.toThrow(
      'Email or password is incorrect',
    );
    await expect(signIn(db, { email: 'nobody@luma.example', password: 'x' }, client, limiter)).rejects.toThrow(
      'Email or password is incorrect',
    );
    const failed = await db.auditEvent.count({ where: { action: 'auth.sign_in_failed' } });
    expect(failed).toBe(2);
  });

  it('rate limits attempts per address', async () => {
    const db = getDb().prisma;
    const limiter = createTokenBucket({ capacity: 2, refillPerSec: 0.001 });
    const attempt = () =>
      signIn(db, { email: 'ghost@luma.example', password: 'x' }, { ...client, ip: '10.9.9.9' }, limiter);
    await expect(attempt()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(attempt()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(attempt()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('ignores expired sessions and disabled staff', async () => {
    const db = getDb().prisma;
    const staff = await createStaff(db, { email: 'old@luma.example', password: 'pw-old-1', roles: ['support'] });
    const session = await signIn(db, { email: 'old@luma.example', password: 'pw-old-1' }, client, roomy());
    expect(await resolveSession(db, session.token, new Date(session.expiresAt.getTime() + 1))).toBeNull();
    await db.staff.update({ where: { id: staff.id }, data: { disabled: true } });
    expect(await resolveSession(db, session.token)).toBeNull();
  });
});

describe('ensureOwner', () => {
  it('creates the owner once, with the password from the environment, and never again', async () => {
    const db = getDb().prisma;
    await db.staff.deleteMany();
    const first = await ensureOwner(db, { CONSOLE_OWNER_PASSWORD: 'owner-secret-1' });
    expect(first).toEqual({ created: true, email: OWNER_EMAIL, password: 'owner-secret-1', generated: false });
    expect(await ensureOwner(db, {})).toEqual({ created: false });
    const session = await signIn(db, { email: OWNER_EMAIL, password: 'owner-secret-1' }, client, roomy());
    expect((await resolveSession(db, session.token))!.permissions).toContain('staff.manage');
  });

  it('generates a random password when none is configured', async () => {
    const db = getDb().prisma;
    await db.staff.deleteMany();
    const outcome = await ensureOwner(db, {});
    expect(outcome).toMatchObject({
      created: true,
      generated: true,
      password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
    });
  });
});
