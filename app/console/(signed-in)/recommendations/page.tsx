import { PageHeader } from '@/components/console/page-header';
import { CostTradeoffPanel } from '@/components/console/recommendations/cost-tradeoff-panel';
import { PlacementRulesPanel } from '@/components/console/recommendations/placement-rules-panel';
import { RecsRulesPanel } from '@/components/console/recommendations/recs-rules-panel';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Recommendations' };

// A static segment, so it wins over /console/[section] for "recommendations" only.
export default function ConsoleRecommendationsPage() {
  return (
    <>
      <PageHeader
        title="Recommendations"
        description="Rules for a whole placement or one product’s page, with previews; and what the cheaper paths cost and lose."
      />
      <div className="flex flex-col gap-10">
        <section aria-labelledby="placement-rules" className="flex flex-col gap-4">
          <h2 id="placement-rules" className="text-lg font-semibold">
            Placement rules
          </h2>
          <PlacementRulesPanel />
        </section>
        <section aria-labelledby="product-rules" className="flex flex-col gap-4">
          <h2 id="product-rules" className="text-lg font-semibold">
            Rules for one product’s page
          </h2>
          <RecsRulesPanel />
        </section>
        <section aria-labelledby="cost-tradeoff" className="flex flex-col gap-4">
          <h2 id="cost-tradeoff" className="text-lg font-semibold">
            Cost trade-off
          </h2>
          <CostTradeoffPanel />
        </section>
      </div>
    </>
  );
}
