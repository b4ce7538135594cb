// The console's REST door checks the same permissions as merchantProcedure.
import { describe, expect, it } from 'vitest';
import { restGet } from '@/server/api/rest';
import { useTestDatabase } from '@/server/db/testing';
import { createStaff } from '@/server/modules/auth/create-staff';
import { signIn } from '@/server/modules/auth/sign-in';
import { STAFF_COOKIE } from '@/server/modules/auth/staff-cookie';
import { createTokenBucket } from '@/server/lib/rate-limit';
import { z } from 'zod';

const getDb = useTestDatabase();

describe('REST console routes', () => {
  it('answer 401 signed out, 403 without the permission, and run with it', async () => {
    const db = getDb().prisma;
    const route = restGet(z.object({}), async (ctx) => ({ staffId: ctx.staff?.id }), { permission: 'model.read', db });
    const limiter = createTokenBucket({ capacity: 100, refillPerSec: 1 });
    const client = { ip: '10.0.0.2', userAgent: 'vitest' };
    const as = async (role: 'support' | 'data_scientist') => {
      const email = `${role}@luma.example`;
      await createStaff(db, { email, password: 'pw-12345', roles: [role] });
      const { token } = await signIn(db, { email, password: 'pw-12345' }, client, limiter);
      return new Request('http://localhost/api/v1/decisions/x', { headers: { cookie: `${STAFF_COOKIE}=${token}` } });
    };

    expect((await route(new Request('http://localhost/api/v1/decisions/x'))).status).toBe(401);
    expect((await route(await as('support'))).status).toBe(403);
    const ok = await route(await as('data_scientist'));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ staffId: expect.stringMatching(/^staff_/) });
  });
});
