'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { RuleList } from './rule-list';
import { FieldInput } from '@/components/console/search/field-input';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ProductFinder } from './product-finder';

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
  const [position, setPosition] = useState('0');
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
          <div className="flex flex-col gap-2 border-t pt-4">
            <FieldInput
              label="Pin position (0 = first)"
              type="number"
              min={0}
              max={100}
              value={position}
              onChange={setPosition}
              className="w-40"
            />
            <ProductFinder
              label="Find a product to pin or exclude"
              actions={(p) =>
                p.id === productId ? (
                  <span className="text-xs text-muted-foreground">this product</span>
                ) : (
                  <>
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={setRule.isPending}
                      onClick={() =>
                        setRule.mutate({ productId, targetId: p.id, action: 'pin', position: Number(position) || 0 })
                      }
                    >
                      Pin
                    </Button>
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={setRule.isPending}
                      onClick={() => setRule.mutate({ productId, targetId: p.id, action: 'exclude', position: 0 })}
                    >
                      Exclude
                    </Button>
                  </>
                )
              }
            />
          </div>
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
          {preview.data?.sections.map((s) => (
            <section key={s.id} aria-label={`Preview: ${s.title}`}>
              <h3 className="mb-2 text-sm font-semibold">
                {s.title} <span className="font-normal text-muted-foreground">({s.strategy})</span>
              </h3>
              <ol className="flex flex-col gap-1 text-sm">
                {s.items.map((i) => (
                  <li key={i.product.id} className="flex justify-between gap-3">
                    <span className="truncate">
                      {i.position + 1}. {i.product.title}
                    </span>
                    <span className="shrink-0 text-xs text-muted-foreground">{i.reason}</span>
                  </li>
                ))}
              </ol>
            </section>
          ))}
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
