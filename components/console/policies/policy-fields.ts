// The editor's fields per policy kind: how a body maps to form inputs and back. Client-safe.
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';

export type FieldType = 'int' | 'number' | 'percent-of-one' | 'money' | 'money-or-none' | 'list';
export type FieldDef = { path: string[]; label: string; type: FieldType; hint?: string };

export const POLICY_FIELDS: Record<PolicyKind, { title: string; groups: { title: string; fields: FieldDef[] }[] }> = {
  risk: {
    title: 'Risk policy',
    groups: [
      {
        title: 'Score thresholds (0–99)',
        fields: [
          { path: ['reviewThreshold'], label: 'Review at score ≥', type: 'int' },
          { path: ['rejectThreshold'], label: 'Reject at score ≥', type: 'int' },
        ],
      },
      {
        title: 'Amount limits',
        fields: [
          {
            path: ['amountLimits', 'reviewAboveCents'],
            label: 'Review orders above ($)',
            type: 'money-or-none',
            hint: 'empty: no limit',
          },
          {
            path: ['amountLimits', 'rejectAboveCents'],
            label: 'Reject orders above ($)',
            type: 'money-or-none',
            hint: 'empty: no limit',
          },
        ],
      },
      {
        title: 'Country rules (shipping country, ISO codes)',
        fields: [
          { path: ['countryRules', 'review'], label: 'Always review', type: 'list', hint: 'e.g. BR, NG' },
          { path: ['countryRules', 'reject'], label: 'Always reject', type: 'list' },
        ],
      },
      {
        title: 'Block list (always rejected)',
        fields: [
          { path: ['block', 'emailDomains'], label: 'Email domains', type: 'list' },
          { path: ['block', 'emails'], label: 'Emails (stored as tokens)', type: 'list' },
          { path: ['block', 'countries'], label: 'Countries', type: 'list' },
        ],
      },
      {
        title: 'Allow list (accepted whatever the score; amount limits still apply)',
        fields: [
          { path: ['allow', 'emailDomains'], label: 'Email domains', type: 'list' },
          { path: ['allow', 'emails'], label: 'Emails (stored as tokens)', type: 'list' },
          { path: ['allow', 'countries'], label: 'Countries', type: 'list' },
        ],
      },
    ],
  },
  discount: {
    title: 'Discount policy',
    groups: [
      {
        title: 'Bounds on every offer',
        fields: [
          { path: ['maxPercent'], label: 'Maximum discount (%)', type: 'number', hint: 'at most 90' },
          {
            path: ['marginFloor'],
            label: 'Margin floor (%)',
            type: 'percent-of-one',
            hint: 'margin left after the discount, on discounted revenue',
          },
          {
            path: ['excludedCategories'],
            label: 'Excluded categories',
            type: 'list',
            hint: 'top-level category names',
          },
        ],
      },
      {
        title: 'Frequency and budget',
        fields: [
          { path: ['frequency', 'maxOffers'], label: 'Offers per customer', type: 'int' },
          { path: ['frequency', 'perDays'], label: '…in any (days)', type: 'int' },
          { path: ['dailyBudgetCents'], label: 'Budget per day ($)', type: 'money' },
        ],
      },
    ],
  },
};

const key = (p: string[]) => p.join('.');

function get(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
    obj,
  );
}

export type FormState = Record<string, string>;

export function toForm(kind: PolicyKind, body: unknown): FormState {
  const state: FormState = {};
  for (const g of POLICY_FIELDS[kind].groups)
    for (const f of g.fields) {
      const v = get(body, f.path);
      state[key(f.path)] =
        f.type === 'list'
          ? ((v as string[] | undefined) ?? []).join(', ')
          : v === null || v === undefined
            ? ''
            : f.type === 'money' || f.type === 'money-or-none'
              ? String(Number(v) / 100)
              : f.type === 'percent-of-one'
                ? String(Math.round(Number(v) * 1000) / 10)
                : String(v);
    }
  return state;
}

/** Form → body; unparseable numbers are kept as NaN so the server names the field. */
export function toBody(kind: PolicyKind, state: FormState, base: unknown): unknown {
  const body = structuredClone((base ?? {}) as Record<string, unknown>);
  for (const g of POLICY_FIELDS[kind].groups)
    for (const f of g.fields) {
      const raw = (state[key(f.path)] ?? '').trim();
      let value: unknown;
      if (f.type === 'list') value = raw.split(/[\s,]+/).filter(Boolean);
      else if (f.type === 'money-or-none') value = raw === '' ? null : Math.round(Number(raw) * 100);
      else if (f.type === 'money') value = Math.round(Number(raw) * 100);
      else if (f.type === 'percent-of-one') value = Number(raw) / 100;
      else value = Number(raw);
      let target = body;
      for (const k of f.path.slice(0, -1)) {
        target[k] = { ...((target[k] as Record<string, unknown>) ?? {}) };
        target = target[k] as Record<string, unknown>;
      }
      target[f.path.at(-1)!] = value;
    }
  return body;
}

export function fieldKey(f: FieldDef) {
  return key(f.path);
}
