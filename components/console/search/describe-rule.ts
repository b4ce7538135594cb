import type { MerchRule } from '@/server/modules/search/ranking-config';

type Target = Extract<MerchRule['action'], { target: unknown }>['target'];

function targetText(t: Target): string {
  if ('productId' in t) return `product ${t.productId}`;
  if ('category' in t) return `category “${t.category}”`;
  return `${t.attribute.key === 'color' ? 'colour' : t.attribute.key} “${t.attribute.value}”`;
}

/** One line a merchant can read: "Boost category “Sofas” ×2 for “couch”". */
export function describeRule(rule: MerchRule): string {
  const a = rule.action;
  const what =
    a.type === 'pin'
      ? `Pin product ${a.productId} at #${a.position}`
      : a.type === 'hide'
        ? `Hide ${targetText(a.target)}`
        : `${a.type === 'boost' ? 'Boost' : 'Bury'} ${targetText(a.target)} ×${a.factor}`;
  return rule.query ? `${what} for “${rule.query}”` : `${what} on every query`;
}

/**
 * Rules match the normalised query (lower-case, single spaces). The server compares
 * lower-cased text only, so the console normalises before saving.
 */
export function normaliseRuleQuery(q: string): string | undefined {
  const norm = q.toLowerCase().replace(/\s+/g, ' ').trim();
  return norm || undefined;
}

export function newRuleId(): string {
  return `rule_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
