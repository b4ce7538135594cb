'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { RULE_PLACEMENTS, type RulePlacement } from '@/server/modules/recommendations/recs.schema';
import { AddRuleForm } from './add-rule-form';
import { PreviewSections } from './preview-sections';
import { ProductFinder } from './product-finder';
import { RuleList } from './rule-list';

const PLACEMENT_LABELS: Record<RulePlacement, string> = {
  home: 'Home page sections',
  product_similar: 'Product page: similar items',
  product_together: 'Product page: bought together / also viewed',
  cart: 'Cart: you may also like',
};

/**
 * Rules for a whole placement (every home page, every product page's list, every cart): pin,
 * exclude or boost a product, with a preview of the placement as a new visitor sees it.
 */
export function PlacementRulesPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [placement, setPlacement] = useState<RulePlacement>('home');
  const [anchor, setAnchor] = useState<{ id: string; title: string } | null>(null);
  const rules = useQuery(trpc.recs.placementRules.queryOptions({ placement }));
  const needsAnchor = placement !== 'home';
  const previewInput = { placement, productId: anchor?.id, limit: 8 };
  const preview = useQuery({
    ...trpc.recs.previewPlacement.queryOptions(previewInput),
    enabled: !needsAnchor || anchor !== null,
  });
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.recs.placementRules.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.recs.previewPlacement.queryKey() }),
    ]);
  };
  const setRule = useMutation(trpc.recs.setPlacementRule.mutationOptions({ onSuccess: refresh }));
  const deleteRule = useMutation(trpc.recs.deletePlacementRule.mutationOptions({ onSuccess: refresh }));
  const error = setRule.error?.message ?? deleteRule.error?.message ?? null;

  return (
    <div className="flex flex-col gap-6">
      <div role="tablist" aria-label="Placement" className="flex flex-wrap gap-2">
        {RULE_PLACEMENTS.map((p) => (
          <Button
            key={p}
            role="tab"
            aria-selected={p === placement}
            size="sm"
            variant={p === placement ? 'primary' : 'outline'}
            onClick={() => setPlacement(p)}
          >
            {PLACEMENT_LABELS[p]}
          </Button>
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Rules: {PLACEMENT_LABELS[placement]}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {rules.isLoading ? <p className="text-sm text-muted-foreground">Loading rules…</p> : null}
            {rules.error ? (
              <p role="alert" className="text-sm text-destructive">
                {rules.error.message}
              </p>
            ) : null}
            {rules.data && rules.data.length === 0 ? (
              <p className="text-sm text-muted-foreground">No rules for this placement: the model’s lists show as they are.</p>
            ) : null}
            {rules.data?.length ? (
              <RuleList rules={rules.data} label="Placement rules" onRemove={(id) => deleteRule.mutate({ id })} pending={deleteRule.isPending} />
            ) : null}
            {error ? (
              <p role="alert" className="text-sm text-destructive">
                {error}
              </p>
            ) : null}
            <AddRuleForm
              finderLabel="Find a product to pin, boost or exclude"
              withBoost
              pending={setRule.isPending}
              onAdd={(rule) => setRule.mutate({ placement, ...rule })}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Preview: {PLACEMENT_LABELS[placement]}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {needsAnchor ? (
              <div className="flex flex-col gap-2">
                <p className="text-sm text-muted-foreground">
                  {anchor
                    ? `Previewing ${placement === 'cart' ? 'a cart holding' : 'the page of'} ${anchor.title}.`
                    : `Choose a product to preview ${placement === 'cart' ? 'a cart holding it' : 'its page'}.`}
                </p>
                <ProductFinder
                  label="Find a product to preview with"
                  actions={(p) => (
                    <Button size="sm" variant={p.id === anchor?.id ? 'primary' : 'outline'} onClick={() => setAnchor({ id: p.id, title: p.title })}>
                      {p.id === anchor?.id ? 'Previewing' : 'Preview'}
                    </Button>
                  )}
                />
              </div>
            ) : null}
            {preview.isLoading ? <p className="text-sm text-muted-foreground">Loading preview…</p> : null}
            {preview.error ? (
              <p role="alert" className="text-sm text-destructive">
                {preview.error.message}
              </p>
            ) : null}
            {preview.data && preview.data.sections.length === 0 ? (
              <p className="text-sm text-muted-foreground">Nothing to recommend here right now.</p>
            ) : null}
            {preview.data ? <PreviewSections sections={preview.data.sections} labelPrefix="Placement preview" /> : null}
            {preview.data ? (
              <p className="text-xs text-muted-foreground">
                As a new visitor sees it, served by {preview.data.telemetry.modelVersion}. Previews are not logged as decisions.
              </p>
            ) : null}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
