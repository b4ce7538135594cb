/** How many products each recommendation section shows (shared by server prefetch and client query). */
export const HOME_RECS_LIMIT = 8;
export const PRODUCT_RECS_LIMIT = 8;
