// Registering models and their versions. A version starts as a draft and serves nothing
// until it is promoted; its params are checked against its kind now, not at serve time.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { withTx, type Db } from '@/server/db/client';
import type { Prisma } from '@/server/db/generated/client';
import { ConflictError, InvalidError, NotFoundError } from '@/server/errors';
import { newId } from '@/server/lib/ids';
import { recordAudit } from '@/server/modules/audit/record-audit';
import { personalWeights } from '@/server/modules/search/personal-rerank';
import { getRankingVersion } from '@/server/modules/search/settings-versions';
import { guardrailThresholds, modelLabel, type ModelKindName } from './model-kinds';
import { createModelInput, createVersionInput, type CreateModelInput, type CreateVersionInput } from './models.schema';

/**
 * A search ranking version names the search_ranking_versions row it serves (0 = built-in);
 * a personalized one may carry its re-rank weights (bounded), so a new weighting is a new
 * version rather than a deploy (ADR 031).
 */
export const searchRankingParams = z
  .object({ rankingVersion: z.number().int().min(0), personal: personalWeights.strict().optional() })
  .strict();

export async function createModel(db: Db, raw: CreateModelInput) {
  const input = createModelInput.parse(raw);
  return withTx(db, async (tx) => {
    if (await tx.model.findUnique({ where: { key: input.key }, select: { id: true } })) {
      throw new ConflictError(`model key ${input.key} is already taken`, { key: input.key });
    }
    const id = newId('mdl');
    const model = await tx.model.create({
      data: {
        id,
        key: input.key,
        name: input.name,
        kind: input.kind,
        description: input.description,
        owner: input.owner,
        guardrails: guardrailThresholds.parse(input.guardrails),
        createdBy: input.actor,
      },
    });
    await recordAudit(tx, { actor: input.actor, action: 'model.create', entity: 'model', entityId: id, after: model });
    return model;
  });
}

export async function createModelVersion(db: Db, raw: CreateVersionInput) {
  const input = createVersionInput.parse(raw);
  return withTx(db, async (tx) => {
    const model = await tx.model.findUnique({
      where: { id: input.modelId },
      select: { id: true, key: true, kind: true },
    });
    if (!model) throw new NotFoundError('model', input.modelId);
    await checkParams(tx, model.kind, input.params);
    const last = await tx.modelVersion.aggregate({ where: { modelId: model.id }, _max: { version: true } });
    const version = (last._max.version ?? 0) + 1;
    const id = newId('mver');
    const row = await tx.modelVersion.create({
      data: {
        id,
        modelId: model.id,
        kind: model.kind,
        version,
        implementationKey: input.implementationKey,
        params: input.params as Prisma.InputJsonValue,
        artifactRef: input.artifactRef ?? null,
        trainingDataRef: input.trainingDataRef ?? null,
        note: input.note,
        salt: randomBytes(8).toString('hex'),
        createdBy: input.actor,
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'model_version.create',
      entity: 'model_version',
      entityId: id,
      after: {
        label: modelLabel(model.key, version),
        implementationKey: row.implementationKey,
        params: row.params,
        stage: row.stage,
      },
    });
    return row;
  });
}

async function checkParams(db: Db, kind: ModelKindName, params: Record<string, unknown>) {
  if (kind !== 'search_ranking') return;
  const parsed = searchRankingParams.safeParse(params);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `params.${issue.path.join('.')}` : 'params';
    throw new InvalidError(
      `search ranking params must be { rankingVersion: integer ≥ 0, personal?: weights }: ${field} ${issue?.message ?? 'is invalid'}`,
      { params, field },
    );
  }
  // Throws NotFound naming the ranking version, so a version can never point at nothing.
  await getRankingVersion(db, parsed.data.rankingVersion);
}
