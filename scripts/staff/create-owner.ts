// `npm run staff:create-owner -- --email ops@shop.example [--name "Ops"]`: a one-off job for
// production (compose: the `create-owner` service). Creates a staff member with the owner
// role against DATABASE_URL. The password is CONSOLE_OWNER_PASSWORD when set, else generated
// and printed once; it is stored only as a hash. An existing email is refused (exit 2), so
// re-running the job never changes someone's password.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createPrismaClient } from '@/server/db/client';
import { createStaff } from '@/server/modules/auth/create-staff';
import { randomPassword } from '@/server/modules/auth/password';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string', default: 'Owner' } } });
const email = z.string().trim().toLowerCase().pipe(z.email()).safeParse(values.email ?? '');
if (!email.success) {
  console.error('[create-owner] --email <address> is required and must be a valid email address');
  process.exit(1);
}
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('[create-owner] set DATABASE_URL to the store database');
  process.exit(1);
}
const fromEnv = process.env.CONSOLE_OWNER_PASSWORD?.trim();
if (fromEnv !== undefined && fromEnv !== '' && fromEnv.length < 12) {
  console.error('[create-owner] CONSOLE_OWNER_PASSWORD must be at least 12 characters');
  process.exit(1);
}
const db = createPrismaClient(url, 1);
try {
  if (await db.staff.findUnique({ where: { email: email.data } })) {
    console.error(`[create-owner] ${email.data} already exists; nothing changed`);
    process.exitCode = 2;
  } else {
    const password = fromEnv || randomPassword();
    const staff = await createStaff(db, { email: email.data, password, name: values.name, roles: ['owner'] });
    console.log(
      fromEnv
        ? `[create-owner] owner ${staff.email} created (password from CONSOLE_OWNER_PASSWORD)`
        : `[create-owner] owner ${staff.email} created; one-time password: ${password} (shown once; change it after signing in)`,
    );
  }
} finally {
  await db.$disconnect();
}
