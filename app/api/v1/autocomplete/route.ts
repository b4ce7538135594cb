import { restGet } from '@/server/api/rest';
import { autocomplete } from '@/server/modules/search/autocomplete';
import { autocompleteQueryParams } from '@/server/modules/search/search-query-params';

export const dynamic = 'force-dynamic';

export const GET = restGet(autocompleteQueryParams, (ctx, input) => autocomplete(ctx.db, input));
