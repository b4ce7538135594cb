// `npm run experiments:personal-ranking [-- --shoppers 300 --seed 1 --base-url http://127.0.0.1:3000]`:
// personalized search ranking online, through the real HTTP doors of a running store. Signed
// in as staff, it registers a control (search.hybrid on the active ranking) and a treatment
// (search.personalized with the default weights, as a version whose params carry them), creates
// and starts a 50/50 experiment with search click-through as the primary metric, and drives
// shoppers with stable category preferences at it (experiments:simulate --preferences: no
// injected lift; any difference comes from the rankings). Prints CTR and conversion per arm;
// the JSON last line is the simulate report plus the experiment and version ids.
//   Staff credentials: CONSOLE_EMAIL / CONSOLE_PASSWORD (default: the seeded owner).
import { DEFAULT_PERSONAL_WEIGHTS } from '@/server/modules/search/personal-rerank';
import { Http, signInStaff, simulateTraffic } from './simulate';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const num = (name: string, fallback: number) => {
  const v = arg(name);
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
  return n;
};

const baseUrl = arg('base-url') ?? process.env.BASE_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const staffLogin = {
  email: process.env.CONSOLE_EMAIL ?? 'owner@luma.example',
  password: process.env.CONSOLE_PASSWORD ?? process.env.CONSOLE_OWNER_PASSWORD ?? '',
};
const suffix = Date.now().toString(36);
const staff = new Http(baseUrl, await signInStaff(baseUrl, staffLogin), '127.0.0.3');

const model = await staff.mutate<{ id: string }>('models.createModel', {
  key: `search-default-${suffix}`,
  name: 'Search: default ranking (experiment control)',
  kind: 'search_ranking',
  owner: 'search',
});
const control = await staff.mutate<{ id: string; version: number }>('models.createVersion', {
  modelId: model.id,
  implementationKey: 'search.hybrid',
  params: { rankingVersion: 0 },
  note: 'control of the personalized ranking experiment',
});
const treatment = await staff.mutate<{ versionId: string; label: string }>('recs.createPersonalWeightsVersion', {
  weights: DEFAULT_PERSONAL_WEIGHTS,
  note: 'treatment of the personalized ranking experiment',
});
const experiment = await staff.mutate<{ id: string }>('experiments.create', {
  key: `personal-ranking-${suffix}`,
  name: 'Personalized vs default search ranking',
  hypothesis: 'Shoppers with history find what they prefer higher in personalized results and click more',
  kind: 'search_ranking',
  arms: [
    { key: 'control', modelVersionId: control.id, allocation: 50 },
    { key: 'treatment', modelVersionId: treatment.versionId, allocation: 50 },
  ],
  primaryMetric: 'search_click_through',
  secondaryMetrics: ['conversion_rate'],
  baselineRate: 0.3,
  mde: 0.2,
});
await staff.mutate('experiments.start', { experimentId: experiment.id });
console.error(`experiment ${experiment.id}: control search-default-${suffix}@v${control.version}, treatment ${treatment.label}`);

const report = await simulateTraffic({
  baseUrl,
  experimentId: experiment.id,
  staff: staffLogin,
  shoppers: num('shoppers', 300),
  seed: num('seed', 1),
  concurrency: num('concurrency', 4),
  buyRate: num('buy-rate', 0.5),
  preferences: true,
});
for (const [arm, o] of Object.entries(report.arms))
  console.log(
    `${arm}: ${o.units} shoppers, CTR ${(o.ctr * 100).toFixed(1)}%, conversion ${(o.conversion * 100).toFixed(1)}%, ` +
      `mean click position ${o.meanClickPosition?.toFixed(2) ?? '–'}, revenue/visitor ${(o.revenuePerVisitor / 100).toFixed(2)}`,
  );
console.log(JSON.stringify({ ...report, controlVersionId: control.id, treatmentVersionId: treatment.versionId }));
