import { RETENTION_RULES, retentionDays } from './retention';

/** The enforced retention rules as the console shows them. */
export function retentionSummary() {
  return RETENTION_RULES.map((r) => ({ key: r.key, table: r.table, label: r.label, days: retentionDays(r), action: r.action }));
}
