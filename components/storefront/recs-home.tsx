'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { HOME_RECS_LIMIT } from './recs-limits';
import { RecsSection } from './recs-section';

/** The home page's recommendation sections, personalized unless the shopper turned it off. */
export function RecsHome() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.recs.forHome.queryOptions({ limit: HOME_RECS_LIMIT }));
  if (data.sections.length === 0) return null;
  return (
    <div className="flex flex-col gap-10" data-personalized={data.personalized} data-degraded={data.telemetry.degraded}>
      {data.sections.map((s) => (
        <RecsSection key={s.id} section={s} placement="home" telemetry={data.telemetry} />
      ))}
    </div>
  );
}
