// Console sessions: a random 256-bit token in the cookie, its SHA-256 as the row id.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/server/db/client';
import { permissionsOf, type StaffPrincipal } from './permissions';
import { SESSION_TTL_MS } from './staff-cookie';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  staffId: string,
  meta: { ip: string; userAgent: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.staffSession.create({
    data: {
      id: hashToken(token),
      staffId,
      expiresAt,
      ip: meta.ip.slice(0, 100),
      userAgent: meta.userAgent.slice(0, 300),
    },
  });
  return { token, expiresAt };
}

/** The staff member behind a cookie token, with permissions; null if unknown, expired or disabled. */
export async function resolveSession(db: Db, token: string | null, now = new Date()): Promise<StaffPrincipal | null> {
  if (!token) return null;
  const session = await db.staffSession.findUnique({
    where: { id: hashToken(token) },
    select: {
      expiresAt: true,
      staff: {
        select: {
          id: true,
          email: true,
          disabled: true,
          roles: {
            select: { role: { select: { key: true, builtIn: true, permissions: { select: { permission: true } } } } },
          },
        },
      },
    },
  });
  if (!session || session.expiresAt <= now || session.staff.disabled) return null;
  const roles = session.staff.roles.map(({ role }) => ({
    key: role.key,
    builtIn: role.builtIn,
    permissions: role.permissions.map((p) => p.permission),
  }));
  return { id: session.staff.id, email: session.staff.email, permissions: permissionsOf(roles) };
}

export async function revokeSession(db: Db, token: string | null): Promise<void> {
  if (token) await db.staffSession.deleteMany({ where: { id: hashToken(token) } });
}
