import { SearchSkeleton } from '@/components/storefront/search-skeleton';

export default function SearchLoading() {
  return <SearchSkeleton />;
}
