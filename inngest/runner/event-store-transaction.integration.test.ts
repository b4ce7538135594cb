// An embedded send made inside a transaction is written in it: gone if the transaction rolls
// back, present once it commits, and it never waits for a second connection (the embedded
// database has one). A send after the transaction closed goes to the store's own client.
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogProductUpdated } from '@/inngest/events';
import { send } from '@/inngest/send';
import { useTestDatabase } from '@/server/db/testing';
import { withTx } from '@/server/db/client';
import { setEventStoreDb } from './event-store';

const getDb = useTestDatabase();
beforeAll(() => setEventStoreDb(getDb().prisma));

const stored = async (id: string) => getDb().prisma.event.count({ where: { id } });
const event = (id: string) => catalogProductUpdated.create({ productId: `prod_${id}` }, { id });

describe('embedded sends inside a transaction', () => {
  it('vanish with a rollback and appear with a commit', async () => {
    const db = getDb().prisma;
    await expect(
      withTx(db, async () => {
        await send(event('evt_tx_rolled_back'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await stored('evt_tx_rolled_back')).toBe(0);

    await withTx(db, async () => {
      await send(event('evt_tx_committed'));
    });
    expect(await stored('evt_tx_committed')).toBe(1);
  });

  it('a send from a timer that outlives its transaction uses the store client, not the closed transaction', async () => {
    const db = getDb().prisma;
    let late: Promise<unknown> = Promise.resolve();
    await withTx(db, async () => {
      late = new Promise((resolve, reject) => setTimeout(() => send(event('evt_tx_late')).then(resolve, reject), 50));
    });
    await late;
    expect(await stored('evt_tx_late')).toBe(1);
  });
});
