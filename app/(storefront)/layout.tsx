import { cookies } from 'next/headers';
import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import { CartLink } from '@/components/storefront/cart-link';
import { RecsToggle } from '@/components/storefront/recs-toggle';
import { SearchBox, SearchBoxFallback } from '@/components/storefront/search-box';
import { HydrateClient, prefetch, trpc } from '@/server/api/rsc';
import { PERSONALIZATION_COOKIE } from '@/server/lib/personalization';

export default async function StorefrontLayout({ children }: { children: ReactNode }) {
  const personalizationOn = (await cookies()).get(PERSONALIZATION_COOKIE)?.value !== 'off';
  // The header's cart count is the first to ask for the cart. Hydrating it here makes the
  // cart query exist with the server's answer before anything renders; otherwise the header
  // created it empty during server rendering, the page's own hydration (cart, checkout) was
  // deferred to the browser, and the page's suspense query fetched a relative URL on the server.
  prefetch(trpc.cart.get.queryOptions());
  return (
    <div className="flex min-h-screen flex-col">
      <HydrateClient>
        <header className="sticky top-0 z-10 border-b bg-card/95 backdrop-blur">
          <div className="mx-auto flex h-16 max-w-7xl items-center gap-6 px-6">
            <Link href="/" className="text-lg font-semibold tracking-tight">
              Luma Home
            </Link>
            <nav aria-label="Store" className="flex gap-4 text-sm text-muted-foreground">
              <Link href="/" className="hover:text-foreground">
                Shop all
              </Link>
            </nav>
            <div className="max-w-xl flex-1">
              <Suspense fallback={<SearchBoxFallback />}>
                <SearchBox />
              </Suspense>
            </div>
            <div className="ml-auto flex items-center gap-4 text-sm">
              <RecsToggle initialOn={personalizationOn} />
              <CartLink />
              <Link href="/account" className="text-muted-foreground hover:text-foreground">
                Account
              </Link>
              <Link href="/console" className="text-muted-foreground hover:text-foreground">
                Merchant console
              </Link>
            </div>
          </div>
        </header>
      </HydrateClient>
      <main className="mx-auto w-full max-w-7xl flex-1 px-6 py-8">{children}</main>
      <footer className="border-t py-6 text-center text-xs text-muted-foreground">
        Catalog data: WANDS, the Wayfair Annotation Dataset (MIT licence). Prices and stock are illustrative.
      </footer>
    </div>
  );
}
