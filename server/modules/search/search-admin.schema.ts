import { z } from 'zod';
import { merchRule, rankingConfig } from './ranking-config';
import { searchFilters } from './search.schema';
import { synonymEntries } from './synonyms';

export const saveSynonymsInput = z.object({
  entries: synonymEntries,
  note: z.string().trim().max(500).optional(),
  activate: z.boolean().default(false),
});

export const saveRankingInput = z.object({
  name: z.string().trim().min(1).max(120),
  config: rankingConfig,
  note: z.string().trim().max(500).optional(),
  activate: z.boolean().default(false),
});

export const activateInput = z.object({ version: z.number().int().min(1) });

export const previewInput = z.object({
  q: z.string().trim().min(1).max(200),
  filters: searchFilters.default({}),
  /** The full rule set to try in place of the active configuration's rules. */
  rules: z.array(merchRule).max(500),
});

export const reportInput = z.object({
  days: z.number().int().min(1).max(365).default(30),
  limit: z.number().int().min(1).max(200).default(50),
});
