// The delivery log: newest first, each with its attempts (status code, error, duration).
import type { Db } from '@/server/db/client';
import { listDeliveriesInput, type ListDeliveriesInput } from './webhooks.schema';

export async function listDeliveries(db: Db, raw: ListDeliveriesInput = {}) {
  const input = listDeliveriesInput.parse(raw);
  const deliveries = await db.webhookDelivery.findMany({
    where: input.endpointId ? { endpointId: input.endpointId } : {},
    orderBy: { id: 'desc' },
    take: input.limit,
  });
  const attempts = await db.webhookDeliveryAttempt.findMany({
    where: { deliveryId: { in: deliveries.map((d) => d.id) } },
    orderBy: [{ deliveryId: 'asc' }, { attempt: 'asc' }],
    select: { deliveryId: true, attempt: true, statusCode: true, error: true, durationMs: true, createdAt: true },
  });
  return deliveries.map((d) => ({ ...d, attemptLog: attempts.filter((a) => a.deliveryId === d.id) }));
}
