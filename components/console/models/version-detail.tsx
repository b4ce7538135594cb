'use client';
import { useSuspenseQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { DecisionLogBrowser } from './decision-log-browser';
import { StageBadge } from './stage-badge';
import { VersionActions } from './version-actions';

const when = (d: Date | string) => `${new Date(d).toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** One version: where it stands, what it was evaluated on, how it got here and who approved it. */
export function VersionDetail({ versionId }: { versionId: string }) {
  const trpc = useTRPC();
  const { data: v } = useSuspenseQuery(trpc.models.version.queryOptions({ versionId }));
  const { data: alerts } = useSuspenseQuery(trpc.models.alerts.queryOptions({ versionId }));
  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-3">
            {v.label} <StageBadge stage={v.stage} share={v.canaryShare} />
          </CardTitle>
          <p className="text-sm text-muted-foreground">
            {v.model.name} · {v.kind} · owner {v.model.owner} · created by {v.createdBy} on {when(v.createdAt)}
          </p>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Implementation</dt>
            <dd>{v.implementationKey}</dd>
            <dt className="text-muted-foreground">Params</dt>
            <dd className="font-mono text-xs">{JSON.stringify(v.params)}</dd>
            <dt className="text-muted-foreground">Artifact</dt>
            <dd>{v.artifactRef ?? '–'}</dd>
            <dt className="text-muted-foreground">Training data</dt>
            <dd>{v.trainingDataRef ?? '–'}</dd>
            <dt className="text-muted-foreground">Offline evaluation</dt>
            <dd className="font-mono text-xs">
              {v.evaluation ? JSON.stringify(v.evaluation) : 'none yet: promotion to canary is blocked'}
            </dd>
          </dl>
          <VersionActions versionId={v.id} label={v.label} stage={v.stage} canaryShare={v.canaryShare} />
        </CardContent>
      </Card>
      {alerts.length ? (
        <Card>
          <CardHeader>
            <CardTitle>Alerts</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="text-sm">
              {alerts.map((a) => (
                <li key={a.id} className="text-destructive">
                  {when(a.createdAt)} · {a.type}: {a.message}
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Stage history</CardTitle>
          </CardHeader>
          <CardContent>
            <ol aria-label="Stage history" className="flex flex-col gap-1 text-sm">
              {v.stageChanges.map((c) => (
                <li key={c.id}>
                  <span className="tabular-nums text-muted-foreground">{when(c.createdAt)}</span> · {c.fromStage} →{' '}
                  {c.toStage}
                  {c.canaryShare !== null ? ` (${c.canaryShare}%)` : ''} · {c.actor}
                  {c.reason ? <span className="block text-xs text-muted-foreground">{c.reason}</span> : null}
                </li>
              ))}
              {v.stageChanges.length === 0 ? <li className="text-muted-foreground">Still a draft.</li> : null}
            </ol>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Approvals</CardTitle>
          </CardHeader>
          <CardContent>
            <ul aria-label="Approvals" className="flex flex-col gap-1 text-sm">
              {v.approvals.map((a) => (
                <li key={a.id}>
                  {a.approver} approved for {a.targetStage} · {when(a.createdAt)}
                  {a.consumedAt ? (
                    <span className="block text-xs text-muted-foreground">
                      used {when(a.consumedAt)}: an approval applies to one promotion
                    </span>
                  ) : null}
                </li>
              ))}
              {v.approvals.length === 0 ? <li className="text-muted-foreground">No approvals yet.</li> : null}
            </ul>
          </CardContent>
        </Card>
      </div>
      <DecisionLogBrowser initialVersion={v.label} />
    </div>
  );
}
