// The editor's fields per policy kind: how a body maps to form inputs and back. Client-safe.
import type { PolicyKind } from '@/server/modules/policies/policy-kinds';

export type FieldType = 'int' | 'number' | 'percent-of-one' | 'money' | 'money-or-none' | 'list' | 'text' | 'bool' | 'choice' | 'number-or-none';
export type FieldDef = { path: string[]; label: string; type: FieldType; hint?: string; options?: readonly string[] };

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
      {
        title: 'Promotions that need a reviewer (Console → Reviews)',
        fields: [
          { path: ['approvalAbovePercent'], label: 'Percent off above (%)', type: 'number-or-none', hint: 'empty: no limit' },
          { path: ['approvalAboveAmountCents'], label: 'Amount off above ($)', type: 'money-or-none', hint: 'empty: no limit' },
        ],
      },
    ],
  },
  recovery: {
    title: 'Cart recovery policy',
    groups: [
      {
        title: 'Timing and holdout',
        fields: [
          { path: ['delay'], label: 'First message after', type: 'text', hint: '1m–7d, e.g. 1h' },
          { path: ['reminderDelay'], label: 'Reminder after', type: 'text', hint: '1h–14d, e.g. 23h' },
          { path: ['holdoutPercent'], label: 'Holdout (% of carts)', type: 'number', hint: 'no message; at most 90' },
          { path: ['maxMessagesPerCart'], label: 'Messages per cart', type: 'int', hint: '0 pauses, 1 no reminder, 2' },
        ],
      },
      {
        title: 'Channel and consent',
        fields: [
          { path: ['channels'], label: 'Channels', type: 'list', hint: 'email' },
          { path: ['consentRequired'], label: 'Marketing consent required', type: 'bool', hint: 'required for email' },
        ],
      },
      {
        title: 'Offer in the first message (the discount policy also applies)',
        fields: [
          { path: ['offer', 'enabled'], label: 'Offer a discount', type: 'bool' },
          { path: ['offer', 'type'], label: 'Offer type', type: 'choice', options: ['percent', 'amount'] },
          { path: ['offer', 'maxPercent'], label: 'Largest percent (%)', type: 'number', hint: 'at most 90' },
          { path: ['offer', 'maxAmountCents'], label: 'Largest amount ($)', type: 'money' },
          { path: ['offer', 'expiresInHours'], label: 'Valid for (hours)', type: 'int' },
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
          : f.type === 'bool'
            ? v === true ? 'yes' : 'no'
            : f.type === 'text' || f.type === 'choice'
              ? String(v ?? '')
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
      else if (f.type === 'bool') value = raw === 'yes';
      else if (f.type === 'text' || f.type === 'choice') value = raw;
      else if (f.type === 'money-or-none') value = raw === '' ? null : Math.round(Number(raw) * 100);
      else if (f.type === 'number-or-none') value = raw === '' ? null : Number(raw);
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
