// Shared by the server prefetch and the client grid so both build the same query key.
export const PAGE_SIZE = 24;

export const productListPaging = {
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor ?? undefined,
};
