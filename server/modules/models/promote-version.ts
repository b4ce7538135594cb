// Moving a version through draft → shadow → canary(n%) → production, one legal step at a
// time. Serving traffic (canary, production) needs a passing offline evaluation and the
// approvals; promoting to production retires the version it replaces.
import { withTx, type Db } from '@/server/db/client';
import { ConflictError } from '@/server/errors';
import { checkApprovals, consumeApprovals } from './approve-version';
import { changeStage, lockVersion } from './change-stage';
import { checkEvaluationGate } from './evaluation-gate';
import { ApprovalRequiredError, CanaryShareError, IllegalStageTransitionError } from './model-errors';
import { requestModelApproval } from './request-approval';
import { STAGE_TRANSITIONS } from './model-kinds';
import { promoteInput, setCanaryShareInput, type PromoteInput, type SetCanaryShareInput } from './models.schema';
import { publishInvalidation } from '@/server/lib/cache-bus';

const DEFAULT_CANARY_SHARE = 1;

/**
 * `fileApprovalRequest`: who is promoting, from the console. When approvals are missing the
 * promotion is refused as before, and a sign-off request is filed in the one review queue
 * (kind model_approval, idempotent while unanswered), so a promotion awaiting approval always
 * shows up there without a second click.
 */
export async function promoteVersion(db: Db, raw: PromoteInput, opts: { fileApprovalRequest?: { id: string; email: string } } = {}) {
  try {
    return await promote(db, raw);
  } catch (err) {
    const target = raw.to === 'canary' || raw.to === 'production' ? raw.to : null;
    if (!(err instanceof ApprovalRequiredError) || !opts.fileApprovalRequest || !target) throw err;
    const item = await requestModelApproval(db, opts.fileApprovalRequest, { versionId: raw.versionId, targetStage: target });
    throw new ApprovalRequiredError(`${err.message}. A sign-off request is waiting in Console → Reviews.`, { ...err.details, reviewId: item.id });
  }
}

async function promote(db: Db, raw: PromoteInput) {
  // Range is checked before zod so the service names the problem the same way for callers
  // that skip the door.
  if (raw.canaryShare !== undefined && !(raw.canaryShare >= 0 && raw.canaryShare <= 100))
    throw new CanaryShareError(raw.canaryShare);
  const input = promoteInput.parse(raw);
  const result = await withTx(db, async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    if (!STAGE_TRANSITIONS[version.stage].includes(input.to)) {
      throw new IllegalStageTransitionError(version.label, version.stage, input.to);
    }
    if (input.to === 'canary' || input.to === 'production') {
      await checkEvaluationGate(tx, version);
      await checkApprovals(tx, version, input.to);
    }
    if (input.to === 'canary') {
      const other = await tx.modelVersion.findFirst({
        where: { kind: version.kind, stage: 'canary' },
        select: { id: true },
      });
      if (other)
        throw new ConflictError(
          `another ${version.kind} version (${other.id}) is already the canary; roll it back first`,
        );
    }
    if (input.to === 'production') {
      const current = await tx.modelVersion.findFirst({
        where: { kind: version.kind, stage: 'production' },
        select: { id: true },
      });
      if (current) {
        const replaced = await lockVersion(tx, current.id);
        await changeStage(tx, replaced, 'retired', { actor: input.actor, reason: `replaced by ${version.label}` });
      }
    }
    const changeId = await changeStage(tx, version, input.to, {
      actor: input.actor,
      reason: input.reason,
      canaryShare: input.to === 'canary' ? (input.canaryShare ?? DEFAULT_CANARY_SHARE) : undefined,
    });
    // The approvals this promotion needed are spent: the next promotion needs new ones.
    if (input.to === 'canary' || input.to === 'production') await consumeApprovals(tx, version.id, [input.to], changeId);
    return { versionId: version.id, from: version.stage, to: input.to };
  });
  await publishInvalidation(db, 'models.serving');
  return result;
}

export async function setCanaryShare(db: Db, raw: SetCanaryShareInput) {
  if (!(raw.share >= 0 && raw.share <= 100)) throw new CanaryShareError(raw.share);
  const input = setCanaryShareInput.parse(raw);
  const result = await withTx(db, async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    if (version.stage !== 'canary')
      throw new ConflictError(`${version.label} is ${version.stage}, not a canary; its share cannot be set`);
    await changeStage(tx, version, 'canary', {
      actor: input.actor,
      reason: input.reason || `${version.label}: canary ${version.canaryShare}% → ${input.share}%`,
      canaryShare: input.share,
      action: 'model_version.canary_share',
    });
    return { versionId: version.id, share: input.share };
  });
  await publishInvalidation(db, 'models.serving');
  return result;
}
