'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import type { MerchRule } from '@/server/modules/search/ranking-config';
import { FieldInput } from './field-input';
import { PreviewColumn } from './preview-column';

/**
 * The same query ranked by the active version and by the draft rules. The draft replaces
 * the active rule list, so it is always "active rules kept + new ones".
 */
export function RulePreview({
  rules,
  onQuickRule,
}: {
  rules: MerchRule[];
  onQuickRule: (q: string, action: 'pin' | 'hide', productId: string) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [q, setQ] = useState<string | null>(null);
  const preview = useQuery(
    trpc.searchAdmin.preview.queryOptions(
      { q: q ?? '', rules },
      { enabled: q !== null, placeholderData: keepPreviousData },
    ),
  );
  return (
    <section aria-label="Preview" className="flex flex-col gap-4">
      <form
        className="flex items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) setQ(text.trim());
        }}
      >
        <FieldInput label="Preview query" value={text} onChange={setText} placeholder="sofa" className="w-64" />
        <Button type="submit" variant="outline" disabled={!text.trim()}>
          {preview.isFetching ? 'Previewing…' : 'Preview'}
        </Button>
        {preview.data ? (
          <p className="text-xs text-muted-foreground">
            {preview.data.rulesFired.length} of {rules.length} rules fired for “{q}”
          </p>
        ) : null}
      </form>
      {preview.error ? (
        <p role="alert" className="text-sm text-destructive">
          Preview failed: {preview.error.message}
        </p>
      ) : null}
      {preview.data && q ? (
        <div className="grid gap-4 md:grid-cols-2">
          <PreviewColumn
            title={`Before · ranking v${preview.data.activeVersion}`}
            items={preview.data.before}
            actions={(productId) => (
              <>
                <Button
                  variant="ghost"
                  size="sm"
                  className="h-6 px-2 text-xs"
                  onClick={() => onQuickRule(q, 'pin', productId)}
                >
                  Pin #1
                </Button>
                <Button
                  variant="ghost"
                  size="sm"
                  className="h-6 px-2 text-xs"
                  onClick={() => onQuickRule(q, 'hide', productId)}
                >
                  Hide
                </Button>
              </>
            )}
          />
          <PreviewColumn title="After · with draft rules" items={preview.data.after} showDelta />
        </div>
      ) : null}
    </section>
  );
}
