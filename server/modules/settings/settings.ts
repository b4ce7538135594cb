// Store-wide console settings: one JSON value per key in console_settings, validated by the
// key's schema on read and write, audited on every change.
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { SETTINGS, updateSettingsInput, type SettingKey, type SettingValue, type UpdateSettingsInput } from './settings.schema';

export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<SettingValue<K>> {
  const row = await db.consoleSetting.findUnique({ where: { key }, select: { value: true } });
  const parsed = SETTINGS[key].schema.safeParse(row?.value);
  return (parsed.success ? parsed.data : SETTINGS[key].default) as SettingValue<K>;
}

export async function setSetting<K extends SettingKey>(
  db: Db,
  actor: { id: string; email: string },
  key: K,
  value: SettingValue<K>,
): Promise<{ changed: boolean }> {
  const next = SETTINGS[key].schema.parse(value);
  return withTx(db, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`setting:${key}`}))`;
    const before = await getSetting(tx, key);
    if (JSON.stringify(before) === JSON.stringify(next)) return { changed: false };
    await tx.consoleSetting.upsert({
      where: { key },
      create: { key, value: next as Prisma.InputJsonValue, updatedBy: actor.id },
      update: { value: next as Prisma.InputJsonValue, updatedBy: actor.id, updatedAt: new Date() },
    });
    await recordAudit(tx, { actor: actor.email, action: 'settings.update', entity: 'setting', entityId: key, before: { value: before }, after: { value: next } });
    return { changed: true };
  });
}

/** The Settings page's view. */
export async function getConsoleSettings(db: Db) {
  return { fourEyes: await getSetting(db, 'policy.four_eyes') };
}

export async function updateConsoleSettings(db: Db, actor: { id: string; email: string }, raw: UpdateSettingsInput) {
  const input = updateSettingsInput.parse(raw);
  await setSetting(db, actor, 'policy.four_eyes', input.fourEyes);
  return getConsoleSettings(db);
}
