'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import type { ModelStageName } from '@/server/modules/models/model-kinds';
import { ConfirmButton } from './confirm-button';

const field = 'h-8 rounded-md border bg-card px-2 text-sm';
const NEXT: Partial<Record<ModelStageName, 'shadow' | 'canary' | 'production'>> = {
  draft: 'shadow',
  shadow: 'canary',
  canary: 'production',
};

/** Approve, promote one stage, set the canary share, roll back — each behind a confirm step. */
export function VersionActions({
  versionId,
  label,
  stage,
  canaryShare,
}: {
  versionId: string;
  label: string;
  stage: ModelStageName;
  canaryShare: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [share, setShare] = useState(stage === 'canary' ? canaryShare : 5);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const done = (text: string) => async () => {
    setMessage({ ok: true, text });
    await queryClient.invalidateQueries({ queryKey: trpc.models.pathKey() });
  };
  const fail = (err: { message: string }) => setMessage({ ok: false, text: err.message });
  const approve = useMutation(trpc.models.approve.mutationOptions({ onError: fail }));
  const promote = useMutation(trpc.models.promote.mutationOptions({ onError: fail }));
  const setShareM = useMutation(trpc.models.setCanaryShare.mutationOptions({ onError: fail }));
  const rollback = useMutation(trpc.models.rollback.mutationOptions({ onError: fail }));
  const requestApproval = useMutation(trpc.models.requestApproval.mutationOptions({ onError: fail }));
  const pending = requestApproval.isPending || approve.isPending || promote.isPending || setShareM.isPending || rollback.isPending;
  const next = NEXT[stage];

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        {next === 'canary' || stage === 'canary' ? (
          <label className="flex items-center gap-2">
            Canary share %
            <input
              aria-label="Canary share"
              type="number"
              min={0}
              max={100}
              step={1}
              className={`${field} w-20`}
              value={share}
              onChange={(e) => setShare(Number(e.target.value))}
            />
          </label>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {next === 'canary' || next === 'production' ? (
          <ConfirmButton
            label={`Approve for ${next}`}
            confirmLabel={`Approve ${label} for ${next}?`}
            pending={pending}
            onConfirm={() =>
              approve.mutate({ versionId, targetStage: next }, { onSuccess: done(`Approved for ${next}.`) })
            }
          />
        ) : null}
        {next === 'canary' || next === 'production' ? (
          <ConfirmButton
            label="Request approval"
            confirmLabel={`Ask a reviewer (Console → Reviews) to approve ${label} for ${next}?`}
            pending={pending}
            onConfirm={() =>
              requestApproval.mutate(
                { versionId, targetStage: next, note: '' },
                { onSuccess: done(`Approval for ${next} requested in Reviews.`) },
              )
            }
          />
        ) : null}
        {next ? (
          <ConfirmButton
            label={`Promote to ${next}`}
            confirmLabel={`Promote ${label} to ${next}${next === 'canary' ? ` at ${share}%` : ''}?`}
            variant="primary"
            pending={pending}
            onConfirm={() =>
              promote.mutate(
                { versionId, to: next, canaryShare: next === 'canary' ? share : undefined },
                { onSuccess: done(`${label} is now ${next}.`) },
              )
            }
          />
        ) : null}
        {stage === 'canary' ? (
          <ConfirmButton
            label="Set share"
            confirmLabel={`Serve ${label} to ${share}% of subjects?`}
            pending={pending}
            onConfirm={() =>
              setShareM.mutate({ versionId, share }, { onSuccess: done(`Canary share set to ${share}%.`) })
            }
          />
        ) : null}
        {stage === 'canary' || stage === 'production' ? (
          <ConfirmButton
            label="Roll back"
            confirmLabel={
              stage === 'canary'
                ? `Stop serving ${label} (back to shadow)?`
                : `Retire ${label} and restore the previous production version?`
            }
            variant="destructive"
            pending={pending}
            onConfirm={() =>
              rollback.mutate(
                { versionId, reason: 'manual rollback from the console' },
                { onSuccess: done(`${label} rolled back.`) },
              )
            }
          />
        ) : null}
      </div>
      {message ? (
        <p
          role={message.ok ? 'status' : 'alert'}
          className={message.ok ? 'text-sm text-success' : 'text-sm text-destructive'}
        >
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
