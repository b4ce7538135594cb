// Password reset by emailed link: a single-use token valid for 30 minutes. Asking for a reset
// answers the same whether or not the email has an account, so it cannot probe for staff.
import { createHash, randomBytes } from 'node:crypto';
import { withTx, type Db } from '@/server/db/client';
import { InvalidError } from '@/server/errors';
import { createTokenBucket, type TokenBucket } from '@/server/lib/rate-limit';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { TooManySignInsError } from './auth-errors';
import { outboxTransport } from '@/server/modules/mail/outbox-transport';
import type { MailTransport } from './mail';
import { hashPassword } from './password';

const TTL_MS = 30 * 60 * 1000;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const defaultLimiter = createTokenBucket({ capacity: 3, refillPerSec: 3 / 3600 });

export async function requestPasswordReset(
  db: Db,
  email: string,
  opts: { baseUrl: string; send?: MailTransport; limiter?: TokenBucket; now?: Date },
): Promise<void> {
  const taken = (opts.limiter ?? defaultLimiter).take(`reset:${email}`);
  if (!taken.ok) throw new TooManySignInsError(taken.retryAfterMs);
  const staff = await db.staff.findUnique({ where: { email }, select: { id: true, disabled: true } });
  if (!staff || staff.disabled) return;
  const token = randomBytes(32).toString('base64url');
  const now = opts.now ?? new Date();
  await db.staffPasswordReset.create({
    data: { id: hashToken(token), staffId: staff.id, expiresAt: new Date(now.getTime() + TTL_MS) },
  });
  const link = new URL(`/console/sign-in/reset?token=${token}`, opts.baseUrl).toString();
  await (opts.send ?? outboxTransport('password_reset', db))({
    to: email,
    subject: 'Reset your Luma console password',
    text: `Open this link within 30 minutes to choose a new password:\n${link}`,
  });
}

/** Sets the new password, uses up the link and signs the account out everywhere. */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  now = new Date(),
): Promise<{ staffId: string }> {
  const passwordHash = await hashPassword(password);
  return withTx(db, async (tx) => {
    const reset = await tx.staffPasswordReset.findUnique({
      where: { id: hashToken(token) },
      select: { id: true, staffId: true, expiresAt: true, usedAt: true },
    });
    if (!reset || reset.usedAt || reset.expiresAt <= now)
      throw new InvalidError('This reset link has expired or was already used');
    await tx.staffPasswordReset.update({ where: { id: reset.id }, data: { usedAt: now } });
    await tx.staff.update({ where: { id: reset.staffId }, data: { passwordHash } });
    await tx.staffSession.deleteMany({ where: { staffId: reset.staffId } });
    await recordAudit(tx, {
      actor: reset.staffId,
      action: 'auth.password_reset',
      entity: 'staff',
      entityId: reset.staffId,
    });
    return { staffId: reset.staffId };
  });
}
