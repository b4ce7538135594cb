'use client';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { MerchRule } from '@/server/modules/search/ranking-config';
import { previewInput } from '@/server/modules/search/search-admin.schema';
import { newRuleId, normaliseRuleQuery } from './describe-rule';
import { FieldInput } from './field-input';
import { SelectField } from './select-field';

const ruleSchema = previewInput.shape.rules.element;
type ActionType = MerchRule['action']['type'];
type TargetKind = 'productId' | 'category' | 'color' | 'material';

const ACTIONS: Record<ActionType, string> = { pin: 'Pin a product', hide: 'Hide', boost: 'Boost', bury: 'Bury' };
const TARGETS: Record<TargetKind, string> = {
  productId: 'Product id',
  category: 'Category',
  color: 'Colour',
  material: 'Material',
};
const DEFAULT_FACTOR: Record<ActionType, string> = { pin: '', hide: '', boost: '2', bury: '0.5' };

function buildTarget(kind: TargetKind, value: string) {
  if (kind === 'productId') return { productId: value };
  if (kind === 'category') return { category: value };
  return { attribute: { key: kind, value: value.toLowerCase() } };
}

/** Builds one merchandising rule; the shared zod schema decides whether it is valid. */
export function MerchRuleForm({ onAdd }: { onAdd: (rule: MerchRule) => void }) {
  const [type, setType] = useState<ActionType>('boost');
  const [kind, setKind] = useState<TargetKind>('category');
  const [value, setValue] = useState('');
  const [position, setPosition] = useState('1');
  const [factor, setFactor] = useState(DEFAULT_FACTOR.boost);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const v = value.trim();
    const action =
      type === 'pin'
        ? { type, productId: v, position: Number(position) }
        : type === 'hide'
          ? { type, target: buildTarget(kind, v) }
          : { type, target: buildTarget(kind, v), factor: Number(factor) };
    const parsed = ruleSchema.safeParse({ id: newRuleId(), query: normaliseRuleQuery(query), action });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue ? `${issue.path.join('.') || 'rule'}: ${issue.message}` : 'This rule is not valid.');
      return;
    }
    onAdd(parsed.data);
    setValue('');
    setError(null);
  }

  return (
    <form onSubmit={submit} aria-label="Add rule" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Action"
          value={type}
          options={ACTIONS}
          onChange={(t) => {
            setType(t);
            setFactor(DEFAULT_FACTOR[t]);
          }}
        />
        {type !== 'pin' ? <SelectField label="Target" value={kind} options={TARGETS} onChange={setKind} /> : null}
        <FieldInput
          label={type === 'pin' ? 'Product id' : TARGETS[kind]}
          value={value}
          onChange={setValue}
          placeholder={
            type === 'pin' || kind === 'productId'
              ? 'prod_…'
              : kind === 'category'
                ? 'Sofas'
                : kind === 'color'
                  ? 'gray'
                  : 'wood'
          }
          className="w-52"
        />
        {type === 'pin' ? (
          <FieldInput
            label="Position"
            type="number"
            min={1}
            max={50}
            value={position}
            onChange={setPosition}
            className="w-24"
          />
        ) : null}
        {type === 'boost' || type === 'bury' ? (
          <FieldInput
            label={type === 'boost' ? 'Factor (1–10)' : 'Factor (0–1)'}
            type="number"
            step="any"
            min={type === 'boost' ? 1 : 0}
            max={type === 'boost' ? 10 : 1}
            value={factor}
            onChange={setFactor}
            className="w-28"
          />
        ) : null}
        <FieldInput
          label="Only for query (optional)"
          value={query}
          onChange={setQuery}
          placeholder="every query"
          className="w-48"
        />
        <Button type="submit" variant="secondary">
          Add rule
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
