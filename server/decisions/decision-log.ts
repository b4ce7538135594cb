// The decision log: one row per decision, one per shadow run. Rows are buffered and written
// in batches after the current turn of the event loop (as search events are), so a request
// pays for a push onto an array, not for an INSERT.
import type { Db } from '@/server/db/client';
import { hotExecute, hotSql } from '@/server/db/hot-sql';
import type { Prisma } from '@/server/db/generated/client';
import type { ModelKindName } from '@/server/modules/models/model-kinds';
import { logger } from '@/server/observability/logger';

export type DecisionRow = {
  id: string;
  kind: ModelKindName;
  subjectKey: string;
  arm: 'production' | 'canary' | 'builtin' | 'experiment';
  modelVersionId: string | null;
  modelVersion: string;
  servedVersion: string;
  policyVersion: string | null;
  inputDigest: string;
  features: Record<string, unknown>;
  output: unknown;
  score: number | null;
  confidence: number | null;
  explanation: unknown[];
  latencyMs: number;
  degraded: boolean;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  requestId: string | null;
  createdAt: Date;
};

export type ShadowRow = {
  id: string;
  decisionId: string;
  kind: ModelKindName;
  modelVersionId: string;
  modelVersion: string;
  output: unknown;
  score: number | null;
  latencyMs: number;
  agreement: number | null;
  errorClass: ErrorClass | null;
  createdAt: Date;
};

export type ErrorClass = 'timeout' | 'model_error' | 'validation';

type Pending = { db: Db; decisions: DecisionRow[]; shadows: ShadowRow[] };
let pending = new Map<Db, Pending>();
let scheduled: Promise<void> | undefined;
const inFlight = new Set<Promise<unknown>>();
const MAX_BATCH = 500;

export const logStats = { written: 0, lost: 0 };

export function logDecision(db: Db, row: DecisionRow): void {
  entry(db).decisions.push(row);
  schedule();
}

export function logShadow(db: Db, row: ShadowRow): void {
  entry(db).shadows.push(row);
  schedule();
}

/** Work that must finish before a flush counts as complete (shadow runs). */
export function trackBackground(work: Promise<unknown>): void {
  inFlight.add(work);
  void work.finally(() => inFlight.delete(work));
}

/** Waits for background work and writes everything buffered; awaited by tests, benchmarks and shutdown. */
export async function flushDecisionLog(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight]);
  await writeBuffered();
  if (scheduled) await scheduled;
  // A scheduled write that took its batch before this flush began is still running: wait for it
  // too, or a caller could read the log before rows it already handed over are in.
  while (writing.size) await Promise.allSettled([...writing]);
}

function entry(db: Db): Pending {
  let e = pending.get(db);
  if (!e) pending.set(db, (e = { db, decisions: [], shadows: [] }));
  return e;
}

function schedule() {
  if (!scheduled) scheduled = new Promise((resolve) => setImmediate(resolve)).then(writeBuffered);
}

const writing = new Set<Promise<void>>();

function writeBuffered(): Promise<void> {
  const work = writeBatch();
  writing.add(work);
  void work.finally(() => writing.delete(work));
  return work;
}

async function writeBatch(): Promise<void> {
  const batch = pending;
  pending = new Map();
  scheduled = undefined;
  for (const { db, decisions, shadows } of batch.values()) {
    for (let i = 0; i < decisions.length; i += MAX_BATCH)
      await write(db, 'decisions', decisions.slice(i, i + MAX_BATCH));
    for (let i = 0; i < shadows.length; i += MAX_BATCH) await write(db, 'shadows', shadows.slice(i, i + MAX_BATCH));
  }
}

async function write(db: Db, what: 'decisions' | 'shadows', rows: DecisionRow[] | ShadowRow[]) {
  if (!rows.length) return;
  try {
    if (what === 'decisions') await insertDecisions(db, rows as DecisionRow[]);
    else await db.decisionShadowResult.createMany({ data: (rows as ShadowRow[]).map(toShadowData) });
    logStats.written += rows.length;
  } catch (err) {
    // Losing log rows must never fail a decision; it is counted and reported instead.
    logStats.lost += rows.length;
    logger.error({ count: rows.length, err }, `decision log ${what} lost`);
  }
}

const json = (v: unknown) =>
  v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);

/**
 * One statement per batch, straight to the pool when the client has one (server/db/hot-sql.ts):
 * the decision log is written for every checkout, so Prisma's per-statement CPU counted.
 */
async function insertDecisions(db: Db, rows: DecisionRow[]): Promise<void> {
  const data = rows.map((r) => ({ ...toDecisionData(r), createdAt: r.createdAt.toISOString() }));
  await hotExecute(db, hotSql`
    INSERT INTO decision_logs (id, kind, subject_key, arm, model_version_id, model_version, served_version, policy_version,
      input_digest, features, output, score, confidence, explanation, latency_ms, degraded, error_class, error_message,
      request_id, created_at)
    SELECT d."id", d."kind"::model_kind, d."subjectKey", d."arm", d."modelVersionId", d."modelVersion", d."servedVersion",
      d."policyVersion", d."inputDigest", d."features", d."output", d."score", d."confidence", d."explanation", d."latencyMs",
      d."degraded", d."errorClass", d."errorMessage", d."requestId", d."createdAt"
    FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS d("id" text, "kind" text, "subjectKey" text, "arm" text,
      "modelVersionId" text, "modelVersion" text, "servedVersion" text, "policyVersion" text, "inputDigest" text,
      "features" jsonb, "output" jsonb, "score" float8, "confidence" float8, "explanation" jsonb, "latencyMs" float8,
      "degraded" boolean, "errorClass" text, "errorMessage" text, "requestId" text, "createdAt" timestamptz)`);
}

function toDecisionData(r: DecisionRow): Prisma.DecisionLogCreateManyInput {
  return { ...r, features: json(r.features) ?? {}, output: json(r.output), explanation: json(r.explanation) ?? [] };
}

function toShadowData(r: ShadowRow): Prisma.DecisionShadowResultCreateManyInput {
  return { ...r, output: json(r.output) };
}
