// Email + password sign-in for staff. Rate limited per client address and per email, so one
// address cannot guess many passwords and many addresses cannot hammer one account.
import type { Db } from '@/server/db/client';
import { createTokenBucket, type TokenBucket } from '@/server/lib/rate-limit';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { BadCredentialsError, TooManySignInsError } from './auth-errors';
import { hashPassword, verifyPassword } from './password';
import { createSession, revokeSession } from './sessions';
import type { SignInInput } from './sign-in.schema';

const defaultLimiter = createTokenBucket({ capacity: 10, refillPerSec: 10 / 60 });
// Verifying against a dummy hash keeps an unknown email as slow as a wrong password.
const dummyHash = hashPassword('not-a-real-password');

export async function signIn(
  db: Db,
  input: SignInInput,
  client: { ip: string; userAgent: string },
  limiter: TokenBucket = defaultLimiter,
): Promise<{ token: string; expiresAt: Date; staffId: string }> {
  for (const key of [`ip:${client.ip}`, `email:${input.email}`]) {
    const taken = limiter.take(key);
    if (!taken.ok) throw new TooManySignInsError(taken.retryAfterMs);
  }
  const staff = await db.staff.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, disabled: true },
  });
  const ok = await verifyPassword(input.password, staff?.passwordHash ?? (await dummyHash));
  if (!staff || staff.disabled || !ok) {
    await recordAudit(db, {
      actor: staff?.id ?? 'anonymous',
      action: 'auth.sign_in_failed',
      entity: 'staff',
      entityId: staff?.id ?? input.email,
      after: { ip: client.ip },
    });
    throw new BadCredentialsError();
  }
  const session = await createSession(db, staff.id, client);
  await recordAudit(db, {
    actor: staff.id,
    action: 'auth.sign_in',
    entity: 'staff',
    entityId: staff.id,
    after: { ip: client.ip, userAgent: client.userAgent },
  });
  return { ...session, staffId: staff.id };
}

export async function signOut(db: Db, token: string | null, staffId: string | null): Promise<void> {
  await revokeSession(db, token);
  if (staffId) await recordAudit(db, { actor: staffId, action: 'auth.sign_out', entity: 'staff', entityId: staffId });
}
