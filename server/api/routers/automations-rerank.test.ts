// Console → Models' search re-ranking gate: the run-now button sends one request event per
// minute (a double click is one run) and needs automations.manage; the list reads the runs.
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/server/db/testing';
import { staffAs } from '@/server/modules/auth/testing';
import { createContext } from '../init';
import { createCaller } from '../root';
import { setEventStoreDb } from '@/inngest/runner/event-store';

const getDb = useTestDatabase();
const caller = (role: Parameters<typeof staffAs>[0]) =>
  createCaller(createContext({ headers: new Headers(), db: getDb().prisma, staff: staffAs(role) }));

describe('automations router: search re-ranking gate', () => {
  it('requests a run once per minute for a data scientist, refuses a merchandiser, and lists the runs', async () => {
    setEventStoreDb(getDb().prisma);
    expect(await caller('data_scientist').automations.rerankEvaluations()).toEqual([]);
    await caller('data_scientist').automations.runRerankEvaluation();
    await caller('data_scientist').automations.runRerankEvaluation();
    const events = await getDb().prisma.event.findMany({ where: { name: 'search/rerank-eval.requested' } });
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(2); // two clicks either side of a minute boundary
    expect(events[0]!.data).toEqual({ requestedBy: 'staff_data_scientist' });
    await expect(caller('merchandiser').automations.runRerankEvaluation()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
