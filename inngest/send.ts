// How app code emits events, in either mode: `send(catalogProductUpdated.create({ productId }, { id }))`.
import { inngest } from './client';

export function send(events: Parameters<typeof inngest.send>[0]): ReturnType<typeof inngest.send> {
  return inngest.send(events);
}
