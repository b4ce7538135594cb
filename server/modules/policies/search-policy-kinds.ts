// Search settings shown and governed as policies (ADR 028): ranking configurations with their
// merchandising rules, and synonym sets. Search keeps its own version tables (a ranking
// version is also a model version and an experiment arm); publishing and rollback go through
// the policies module's four-eyes, approval and audit path. Client-safe.
export const SEARCH_POLICY_KINDS = ['search_rules', 'synonyms'] as const;
export type SearchPolicyKind = (typeof SEARCH_POLICY_KINDS)[number];
export const isSearchPolicyKind = (k: string): k is SearchPolicyKind =>
  (SEARCH_POLICY_KINDS as readonly string[]).includes(k);
/** The search module's name for each. */
export const SEARCH_SETTING_OF = { search_rules: 'ranking', synonyms: 'synonyms' } as const;
