// The one seam every model-driven decision goes through: choose the serving version (the
// arm of a running experiment that owns the subject, else production, or the canary for a
// sticky share of subjects, else the kind's built-in), run
// it within the kind's latency budget, fall back and mark the decision degraded when it
// fails, log the decision after the response, and run shadow versions off the hot path.
import type { Db } from '@/server/db/client';
import { newId } from '@/server/lib/ids';
import { builtinLabel, type ModelKindName } from '@/server/modules/models/model-kinds';
import { getServingVersions, type ServingVersion } from '@/server/modules/models/serving-versions';
import { logExposure } from '@/server/modules/experiments/log-exposure';
import { experimentServe } from '@/server/modules/experiments/running-experiments';
import { logger } from '@/server/observability/logger';
import { recordDecision } from '@/server/observability/metrics';
import { withSpan } from '@/server/observability/tracing';
import { inCanary } from './assign-arm';
import { DECISION_KINDS } from './decision-kinds';
import { logDecision, type DecisionRow, type ErrorClass } from './decision-log';
import type { ImplementationResult } from './implementations';
import { inputDigest, pseudonymousSubject } from './input-digest';
import { runWithBudget, type Attempt } from './run-with-budget';
import { runShadows } from './run-shadows';

export type DecisionContext = {
  requestId?: string | null;
  /** Version of the merchant policy that wraps this decision, when one does. */
  policyVersion?: string | null;
  /** Overrides the kind's latency budget (tests, batch callers). */
  budgetMs?: number;
  /** Benchmarks measure the seam without the log; production always logs. */
  log?: boolean;
};

export type DecisionTelemetry = {
  decisionId: string;
  /** The version whose output was served (the fallback's, when degraded). */
  modelVersion: string;
  arm: DecisionRow['arm'];
  confidence: number | null;
  latencyMs: number;
  degraded: boolean;
  /** Set when a running experiment's arm chose the version. */
  experiment: { experimentId: string; arm: string } | null;
};

export type Decision<O> = { output: O; telemetry: DecisionTelemetry };

type Candidate = {
  id: string | null;
  label: string;
  implementationKey: string;
  params: Record<string, unknown>;
  builtin: boolean;
};

/**
 * One span per decision (`decision <kind>`) with the kind, served model version, policy
 * version, arm, degraded flag and latency; the subject and input never go on it.
 */
export function decide<O = unknown>(
  db: Db,
  kind: ModelKindName,
  subject: string,
  input: unknown,
  ctx: DecisionContext = {},
): Promise<Decision<O>> {
  const attrs = { 'decision.kind': kind, ...(ctx.requestId ? { 'request.id': ctx.requestId } : {}), ...(ctx.policyVersion ? { 'decision.policy_version': ctx.policyVersion } : {}) };
  return withSpan(`decision ${kind}`, attrs, async (span) => {
    const decision = await decideInSpan<O>(db, kind, subject, input, ctx);
    const t = decision.telemetry;
    span.setAttributes({
      'decision.id': t.decisionId,
      'decision.model_version': t.modelVersion,
      'decision.arm': t.arm,
      'decision.degraded': t.degraded,
      'decision.latency_ms': t.latencyMs,
      ...(t.experiment ? { 'decision.experiment_id': t.experiment.experimentId, 'decision.experiment_arm': t.experiment.arm } : {}),
    });
    recordDecision(kind, t.modelVersion, t.latencyMs, t.degraded);
    return decision;
  });
}

async function decideInSpan<O>(
  db: Db,
  kind: ModelKindName,
  subject: string,
  input: unknown,
  ctx: DecisionContext,
): Promise<Decision<O>> {
  const started = performance.now();
  const def = DECISION_KINDS[kind];
  const budgetMs = ctx.budgetMs ?? def.budgetMs;
  const subjectKey = pseudonymousSubject(subject);
  const requestId = ctx.requestId ?? null;
  const serving = await getServingVersions(db, kind);
  const builtin: Candidate = { id: null, label: builtinLabel(kind), ...def.builtin, builtin: true };

  // An experiment owns its units outright: a canary must not reshuffle who sees which arm.
  const experiment = await experimentServe(db, kind, subjectKey);
  const arm: DecisionRow['arm'] = experiment
    ? 'experiment'
    : serving.canary && inCanary(serving.canary.salt, subjectKey, serving.canary.canaryShare)
      ? 'canary'
      : serving.production
        ? 'production'
        : 'builtin';
  const chosen = experiment
    ? { ...experiment.version, builtin: false }
    : arm === 'canary'
      ? candidate(serving.canary!)
      : arm === 'production'
        ? candidate(serving.production!)
        : builtin;

  // The built-in is what served before any model existed: it runs unbudgeted, since there is
  // nothing safer to fall back to (search) or it is the safe answer itself.
  let attempt = await runWithBudget(
    chosen.implementationKey,
    input,
    chosen.params,
    { db, requestId },
    chosen.builtin ? null : budgetMs,
  );
  // Compute time across every attempt (a failed canary's time is spent too).
  let computeMs = attempt.latencyMs;
  let served = chosen;
  let failure: { errorClass: ErrorClass; error: unknown } | null = null;
  let result: ImplementationResult | null = attempt.ok ? attempt.result : null;

  if (!attempt.ok) {
    failure = { errorClass: attempt.errorClass, error: attempt.error };
    if (attempt.errorClass === 'validation') {
      write(db, ctx, row(null));
      throw attempt.error;
    }
    // Last-known-good first: the production version (for a failed canary), the version that
    // was production before, then the built-in; then the kind's safe default.
    const fallbacks = dedupe([
      (arm === 'canary' || arm === 'experiment') && serving.production ? candidate(serving.production) : null,
      serving.lastKnownGood ? candidate(serving.lastKnownGood) : null,
      builtin,
    ]).filter((c) => c.label !== chosen.label);
    for (const fb of fallbacks) {
      attempt = await runWithBudget(
        fb.implementationKey,
        input,
        fb.params,
        { db, requestId },
        fb.builtin ? null : budgetMs,
      );
      computeMs += attempt.latencyMs;
      if (attempt.ok) {
        served = fb;
        result = attempt.result;
        break;
      }
    }
    if (!result && def.safeDefault) {
      served = { ...builtin, label: `${kind}@safe-default` };
      result = def.safeDefault();
    }
    if (!result) {
      write(db, ctx, row(null));
      throw failure.error;
    }
  }

  const decision = row(result);
  write(db, ctx, decision);
  // Intent-to-treat: a unit whose arm failed over to a fallback is still counted in its arm,
  // since dropping failures would bias the comparison toward the arm that fails more.
  if (experiment && ctx.log !== false)
    await logExposure(db, experiment.experimentId, subjectKey, experiment.arm).catch((err: unknown) =>
      logger.error({ err, experimentId: experiment.experimentId }, 'experiment exposure was not logged'),
    );
  if (serving.shadows.length && ctx.log !== false) {
    runShadows(db, {
      kind,
      decisionId: decision.id,
      input,
      requestId,
      served: decision.output,
      shadows: serving.shadows.map(candidate),
      budgetMs,
    });
  }
  return {
    output: result!.output as O,
    telemetry: {
      decisionId: decision.id,
      modelVersion: decision.servedVersion,
      arm,
      confidence: decision.confidence,
      latencyMs: decision.latencyMs,
      degraded: decision.degraded,
      experiment: experiment ? { experimentId: experiment.experimentId, arm: experiment.arm } : null,
    },
  };

  function row(r: ImplementationResult | null): DecisionRow {
    return {
      id: newId('dec'),
      kind,
      subjectKey,
      arm,
      modelVersionId: chosen.id,
      modelVersion: chosen.label,
      servedVersion: served.label,
      policyVersion: ctx.policyVersion ?? null,
      inputDigest: inputDigest(input),
      // Compute time of the implementation that served (and hosted usage) prices the decision.
      features: { ...(r?.features ?? {}), usage: { computeMs: round3(computeMs), ...(r?.usage ?? {}) } },
      output: r ? (r.logOutput ?? r.output) : null,
      score: r?.score ?? null,
      confidence: r?.confidence ?? null,
      explanation: r?.explanation ?? [],
      latencyMs: Math.round((performance.now() - started) * 1000) / 1000,
      // Rejected input is the caller's error, not a degraded answer.
      degraded: failure !== null && failure.errorClass !== 'validation',
      errorClass: failure?.errorClass ?? null,
      errorMessage: failure ? String((failure.error as Error)?.message ?? failure.error).slice(0, 500) : null,
      requestId,
      createdAt: new Date(),
    };
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function write(db: Db, ctx: DecisionContext, r: DecisionRow) {
  if (ctx.log !== false) logDecision(db, r);
}

function candidate(v: ServingVersion): Candidate {
  return { id: v.id, label: v.label, implementationKey: v.implementationKey, params: v.params, builtin: false };
}

function dedupe(list: (Candidate | null)[]): Candidate[] {
  const seen = new Set<string>();
  return list.filter((c): c is Candidate => c !== null && !seen.has(c.label) && (seen.add(c.label), true));
}

export type { Attempt };
