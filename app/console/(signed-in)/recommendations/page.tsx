import { PageHeader } from '@/components/console/page-header';
import { RecsRulesPanel } from '@/components/console/recommendations/recs-rules-panel';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Recommendations' };

// A static segment, so it wins over /console/[section] for "recommendations" only.
export default function ConsoleRecommendationsPage() {
  return (
    <>
      <PageHeader
        title="Recommendations"
        description="Pin or exclude products in a product page’s recommendations, and preview the result."
      />
      <RecsRulesPanel />
    </>
  );
}
