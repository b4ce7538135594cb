'use client';
import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import type { DecisionExplanation as Explanation } from '@/server/modules/privacy/explain-decision';
import { useHydrated } from './use-hydrated';

/**
 * Why an automatic check held or declined the order, in plain words, and a way to have a
 * person look at it (GDPR art. 22 / CCPA). Scores and thresholds are never shown.
 */
export function DecisionExplanation({ explanation, email }: { explanation: Explanation; email?: string }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const ask = useMutation(trpc.privacy.requestHumanReview.mutationOptions());
  if (!explanation.decision) return null;
  const requested = explanation.review.requested || ask.isSuccess;
  return (
    <section
      className="rounded-[var(--radius-card)] border border-warning/40 bg-warning/10 p-4 text-sm"
      aria-labelledby="decision-explanation-title"
      data-testid="decision-explanation"
    >
      <h2 id="decision-explanation-title" className="font-semibold">
        {explanation.headline}
      </h2>
      <p className="mt-1 text-muted-foreground">This decision was made automatically. What our check noticed:</p>
      <ul className="mt-2 list-disc pl-5">
        {explanation.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {requested ? (
          <p role="status" className="font-medium">
            {explanation.appealOutcome ?? ask.data?.message ?? 'You asked for a human review. A member of our team will email you with the outcome.'}
          </p>
        ) : (
          <>
            <Button
              type="button"
              variant="outline"
              size="sm"
              disabled={!hydrated || ask.isPending}
              onClick={() => ask.mutate({ orderId: explanation.orderId, ...(email ? { email } : {}) })}
            >
              Request a human review
            </Button>
            <span className="text-xs text-muted-foreground">A person will look at your order and can overturn the automatic decision.</span>
          </>
        )}
        {ask.error ? (
          <p role="alert" className="text-destructive">
            {ask.error.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
