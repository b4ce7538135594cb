'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

/** Store-wide switches; each change is saved at once and audited. */
export function SettingsForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.settings.get.queryOptions());
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const update = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.settings.get.queryKey(), next);
        setMessage({ tone: 'ok', text: `Four-eyes publishing is ${next.fourEyes ? 'on' : 'off'}` });
      },
      onError: (err) => setMessage({ tone: 'error', text: err.message }),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Policy approval</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            className="mt-1"
            // Shows the requested state while it is being saved (and the stored one after).
            checked={update.variables && !update.isError ? update.variables.fourEyes : data.fourEyes}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ fourEyes: e.target.checked })}
          />
          <span>
            <span className="font-medium">Four-eyes publishing</span>
            <span className="block text-muted-foreground">
              A policy version is published only when a second staff member with policy.publish approves it. Publishing directly is refused
              and becomes an approval request on the Policies page.
            </span>
          </span>
        </label>
        {message ? (
          <p role={message.tone === 'error' ? 'alert' : 'status'} className={message.tone === 'error' ? 'text-destructive' : 'text-success'}>
            {message.text}
          </p>
        ) : null}
      </CardContent>
    </Card>
  );
}
