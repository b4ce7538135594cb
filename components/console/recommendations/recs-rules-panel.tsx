'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { AddRuleForm } from './add-rule-form';
import { PreviewSections } from './preview-sections';
import { ProductFinder } from './product-finder';
import { RuleList } from './rule-list';

/**
 * Merchant rules for the product page's recommendations: choose a product, pin products
 * first (at a position) or exclude them, and see the result as an anonymous shopper would.
 * Rules never resurrect an out-of-stock or hidden product.
 */
export function RecsRulesPanel() {
  const [productId, setProductId] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Product</CardTitle>
        </CardHeader>
        <CardContent>
          <ProductFinder
            label="Find the product whose recommendations to edit"
            actions={(p) => (
              <Button size="sm" variant={p.id === productId ? 'primary' : 'outline'} onClick={() => setProductId(p.id)}>
                {p.id === productId ? 'Selected' : 'Edit rules'}
              </Button>
            )}
          />
        </CardContent>
      </Card>
      {productId ? (
        <ProductRules key={productId} productId={productId} />
      ) : (
        <EmptyState
          title="No product selected"
          description="Find a product above to pin or exclude items in its “similar” and “bought together” recommendations."
        />
      )}
    </div>
  );
}

function ProductRules({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.recs.ruleList.queryOptions({ productId }));
  const preview = useQuery(trpc.recs.preview.queryOptions({ productId, limit: 8 }));
  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.recs.ruleList.queryKey({ productId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.recs.preview.queryKey({ productId, limit: 8 }) }),
    ]);
  };
  const setRule = useMutation(trpc.recs.setRule.mutationOptions({ onSuccess: refresh }));
  const deleteRule = useMutation(trpc.recs.deleteRule.mutationOptions({ onSuccess: refresh }));
  const error = setRule.error?.message ?? deleteRule.error?.message ?? null;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Rules for {rules.data?.product?.title ?? productId}</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {rules.isLoading ? <p className="text-sm text-muted-foreground">Loading rules…</p> : null}
          {rules.error ? (
            <p role="alert" className="text-sm text-destructive">
              {rules.error.message}
            </p>
          ) : null}
          {rules.data && rules.data.rules.length === 0 ? (
            <p className="text-sm text-muted-foreground">No rules yet: the model’s recommendations show as they are.</p>
          ) : null}
          {rules.data?.rules.length ? (
            <RuleList rules={rules.data.rules} label="Rules" onRemove={(id) => deleteRule.mutate({ id })} pending={deleteRule.isPending} />
          ) : null}
          {error ? (
            <p role="alert" className="text-sm text-destructive">
              {error}
            </p>
          ) : null}
          <AddRuleForm
            finderLabel="Find a product to pin or exclude"
            selfId={productId}
            pending={setRule.isPending}
            // No Boost here: a product page's rules pin or exclude.
            onAdd={(rule) => setRule.mutate({ productId, targetId: rule.targetId, action: rule.action === 'pin' ? 'pin' : 'exclude', position: rule.action === 'pin' ? rule.position : 0 })}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Preview: what shoppers see on this product’s page</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          {preview.isLoading ? <p className="text-sm text-muted-foreground">Loading preview…</p> : null}
          {preview.error ? (
            <p role="alert" className="text-sm text-destructive">
              {preview.error.message}
            </p>
          ) : null}
          {preview.data && preview.data.sections.length === 0 ? (
            <p className="text-sm text-muted-foreground">Nothing to recommend for this product right now.</p>
          ) : null}
          {preview.data ? <PreviewSections sections={preview.data.sections} labelPrefix="Preview" /> : null}
          {preview.data ? (
            <p className="text-xs text-muted-foreground">
              Served by {preview.data.telemetry.modelVersion}
              {preview.data.telemetry.degraded ? ' (degraded: best-sellers fallback)' : ''}. Previews are not logged as
              decisions.
            </p>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
