// The authorization matrix: every procedure in appRouter either is on the public allowlist or
// declares a permission, and every console procedure answers 401 signed out, 403 for each
// built-in role without the permission, and gets past authorization for each role with it.
// Runs on a real database; inputs are empty objects, so a granted call may still fail
// validation (BAD_REQUEST) or find nothing (NOT_FOUND), which is past the gate and fine.
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { BUILT_IN_ROLES, isPermission, ROLE_GRANTS, type BuiltInRole } from '@/server/modules/auth/permissions';
import { staffAs } from '@/server/modules/auth/testing';
import { createContext, type Meta } from './init';
import { appRouter, createCaller } from './root';

const PUBLIC = [
  'cart.add',
  'cart.applyCode',
  'cart.get',
  'cart.remove',
  'cart.update',
  'catalog.list',
  'catalog.overview',
  'catalog.product',
  'recs.forCart',
  'recs.forHome',
  'recs.forProduct',
  'recs.track',
  'checkout.getOrder',
  'checkout.placeOrder',
  'search.autocomplete',
  'search.facets',
  'search.query',
  'search.track',
  'privacy.explainOrder',
  'privacy.requestHumanReview',
  'recovery.rememberContact',
  'refunds.forShopper',
  'appeals.payLink',
  'appeals.pay',
];

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>,
).map(([path, proc]) => ({ path, permission: proc._def.meta?.permission }));
const guarded = procedures.filter((p) => !PUBLIC.includes(p.path));

const getDb = useTestDatabase();

async function call(path: string, role: BuiltInRole | null): Promise<string> {
  const caller = createCaller(
    createContext({ headers: new Headers(), db: getDb().prisma, staff: role ? staffAs(role) : null }),
  ) as unknown as Record<string, unknown>;
  // Nested routers (payments.inbox.list) are walked segment by segment.
  const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
  try {
    await procedure({});
    return 'OK';
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe('authorization matrix', () => {
  it('finds the routers’ procedures', () => {
    expect(procedures.length).toBeGreaterThan(30);
    expect(procedures.map((p) => p.path)).toEqual(expect.arrayContaining(PUBLIC));
  });

  it('every procedure off the public allowlist declares a known permission; public ones declare none', () => {
    for (const p of guarded) expect(p.permission && isPermission(p.permission), p.path).toBe(true);
    expect(
      procedures
        .filter((p) => !p.permission)
        .map((p) => p.path)
        .sort(),
    ).toEqual([...PUBLIC].sort());
  });

  it('public procedures answer without a session', async () => {
    for (const path of PUBLIC) expect(['OK', 'BAD_REQUEST', 'NOT_FOUND'], path).toContain(await call(path, null));
  });

  it.each(guarded.map((p) => [p.path, p.permission!] as const))('%s (%s)', async (path, permission) => {
    expect(await call(path, null)).toBe('UNAUTHORIZED');
    for (const role of BUILT_IN_ROLES) {
      const code = await call(path, role);
      const granted = (ROLE_GRANTS[role].permissions as readonly string[]).includes(permission);
      if (granted) expect(['UNAUTHORIZED', 'FORBIDDEN'], `${path} as ${role}`).not.toContain(code);
      else expect(code, `${path} as ${role}`).toBe('FORBIDDEN');
    }
  });
});
