import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { useTestDatabase } from '@/server/db/testing';
import { staffAs } from '@/server/modules/auth/testing';
import { DEFAULT_POLICIES } from '@/server/modules/policies/policy-kinds';
import { createContext } from '../init';
import { createCaller } from '../root';

const getDb = useTestDatabase();
const as = (role: Parameters<typeof staffAs>[0]) =>
  createCaller(createContext({ headers: new Headers(), db: getDb().prisma, staff: staffAs(role) }));
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'OK',
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );

describe('policies and promotions doors', () => {
  it('risk analysts draft, only publishers publish; the signed-in staff is the author', async () => {
    const analyst = as('risk_analyst');
    const draft = await analyst.policies.createDraft({
      kind: 'risk',
      body: { ...DEFAULT_POLICIES.risk, reviewThreshold: 20 },
    });
    expect(draft.author).toBe(staffAs('risk_analyst').id);
    expect(await code(analyst.policies.publish({ id: draft.id }))).toBe('FORBIDDEN');
    const published = await as('owner').policies.publish({ id: draft.id });
    expect(published).toMatchObject({ status: 'published', publishedBy: staffAs('owner').id });
    const history = await as('viewer').policies.list({ kind: 'risk' });
    expect(history.map((v) => v.status)).toEqual(['published']);
  });

  it('bad policy bodies and bad promotion input are 4xx naming the field', async () => {
    const err = await as('owner')
      .policies.createDraft({ kind: 'discount', body: { ...DEFAULT_POLICIES.discount, maxPercent: 120 } })
      .catch((e: unknown) => e as TRPCError);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('UNPROCESSABLE_CONTENT');
    expect((err as TRPCError).message).toMatch(/maxPercent/);
    const promo = await as('merchandiser')
      .promotions.create({ name: 'Bad', kind: 'percent_off', code: 'BAD!' })
      .catch((e: unknown) => e as TRPCError);
    expect((promo as TRPCError).code).toBe('BAD_REQUEST');
    // The client sees "code: codes are 3–32 …" (errorFormatter); the cause names the field.
    expect((promo as TRPCError).cause).toBeInstanceOf(ZodError);
    expect(((promo as TRPCError).cause as ZodError).issues.map((i) => i.path.join('.'))).toEqual([
      'code',
      'percentOff',
    ]);
    expect(await getDb().prisma.promotion.count()).toBe(0);
  });

  it('merchandisers manage promotions; risk analysts cannot', async () => {
    const m = as('merchandiser');
    const p = await m.promotions.create({ name: 'Ten', kind: 'percent_off', percentOff: 10, code: 'ten10' });
    expect(p).toMatchObject({ code: 'TEN10', createdBy: staffAs('merchandiser').id });
    const updated = await m.promotions.update({ id: p.id, usageLimit: 100 });
    expect(updated).toMatchObject({ usageLimit: 100, percentOff: 10, code: 'TEN10' });
    expect(await code(as('risk_analyst').promotions.create({ name: 'x', kind: 'free_shipping' }))).toBe('FORBIDDEN');
    expect((await m.promotions.deactivate({ id: p.id })).active).toBe(false);
  });
});
