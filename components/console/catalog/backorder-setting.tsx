'use client';
// A product's back-order setting (issue #7): when on, shoppers may buy beyond stock and the
// order shows "Back-ordered: N, ships when restocked". Saved as soon as it is switched.
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

export function BackorderSetting({ productId }: { productId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.backorders.get.queryOptions({ productId }));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // Shown switched at once; put back if the save fails.
  const [on, setOn] = useState(data.allowBackorder);
  const set = useMutation(
    trpc.backorders.set.mutationOptions({
      onSuccess: async (r) => {
        setMessage({ ok: true, text: r.allowBackorder ? 'Back-orders are on.' : 'Back-orders are off.' });
        await queryClient.invalidateQueries({ queryKey: trpc.backorders.get.queryKey({ productId }) });
      },
      onError: (e, input) => {
        setOn(!input.allowBackorder);
        setMessage({ ok: false, text: e.message });
      },
    }),
  );
  return (
    <Card className="mt-4 max-w-2xl">
      <CardHeader>
        <CardTitle>Back-orders</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input
            type="checkbox"
            checked={on}
            disabled={set.isPending}
            onChange={(e) => {
              setOn(e.currentTarget.checked);
              set.mutate({ productId, allowBackorder: e.currentTarget.checked });
            }}
          />
          Keep selling when out of stock
        </label>
        <p className="text-muted-foreground">
          Orders beyond stock are accepted and marked “Back-ordered: N, ships when restocked”; raising stock announces the restock.
        </p>
        {message ? (
          <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'text-success' : 'text-destructive'}>
            {message.text}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
