// Puts a subject in the human review queue. Idempotent per (kind, subject): a retried flow
// step gets the item it created the first time instead of a second one.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import type { Prisma } from '@/server/db/generated/client';
import { enqueueReviewInput, type EnqueueReviewInput } from './reviews.schema';

export async function enqueueReview(db: Db, raw: EnqueueReviewInput, now = new Date()) {
  const input = enqueueReviewInput.parse(raw);
  const dueAt = new Date(now.getTime() + input.slaMinutes * 60_000);
  const rows = await db.reviewItem.createManyAndReturn({
    data: [
      {
        id: newId('rev'),
        kind: input.kind,
        subjectId: input.subjectId,
        score: input.score,
        reasons: input.reasons,
        summary: input.summary as Prisma.InputJsonValue,
        createdAt: now,
        dueAt,
      },
    ],
    skipDuplicates: true,
  });
  if (rows[0]) return { item: rows[0], created: true };
  const existing = await db.reviewItem.findUniqueOrThrow({ where: { kind_subjectId: { kind: input.kind, subjectId: input.subjectId } } });
  return { item: existing, created: false };
}
