import Link from 'next/link';
import type { ReactNode } from 'react';
import { ConsoleNav } from '@/components/console/console-nav';

export const metadata = { title: { default: 'Console', template: '%s · Console' } };

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col gap-6 bg-sidebar p-4">
        <Link href="/console" className="px-3 pt-2 text-base font-semibold text-card">
          Luma Home <span className="font-normal text-sidebar-foreground/60">Console</span>
        </Link>
        <ConsoleNav />
        <Link href="/" className="mt-auto px-3 text-xs text-sidebar-foreground/60 hover:text-card">
          ← View storefront
        </Link>
      </aside>
      <div className="flex-1 overflow-x-auto p-8">{children}</div>
    </div>
  );
}
