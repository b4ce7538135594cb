'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '@/components/providers/trpc-provider';

/** Header link to the cart with its item count. */
export function CartLink() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.cart.get.queryOptions());
  const count = data?.itemCount ?? 0;
  return (
    <Link href="/cart" className="flex items-center gap-1.5 font-medium hover:text-foreground" aria-label={`Cart, ${count} item${count === 1 ? '' : 's'}`}>
      <svg viewBox="0 0 24 24" aria-hidden className="size-5 fill-none stroke-current stroke-2">
        <path d="M3 4h2l2.4 11.2a1 1 0 0 0 1 .8h9.2a1 1 0 0 0 1-.8L20 8H6.2" />
        <circle cx="9" cy="20" r="1.2" />
        <circle cx="17" cy="20" r="1.2" />
      </svg>
      Cart
      <span className="min-w-5 rounded-full bg-primary px-1.5 text-center text-xs text-primary-foreground">{count}</span>
    </Link>
  );
}
