import { restGet } from '@/server/api/rest';
import { runSearch } from '@/server/modules/search/run-search';
import { searchQueryParams } from '@/server/modules/search/search-query-params';

export const dynamic = 'force-dynamic';

export const GET = restGet(searchQueryParams, (ctx, input) => runSearch(ctx.db, input, ctx));
