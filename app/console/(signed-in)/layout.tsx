import Link from 'next/link';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConsoleNav } from '@/components/console/console-nav';
import { currentStaff } from '@/server/api/current-staff';

export const metadata = { title: { default: 'Console', template: '%s · Console' } };

// Every console page needs a signed-in staff member; the procedures they call check permissions.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const staff = await currentStaff();
  if (!staff) redirect('/console/sign-in');
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-60 shrink-0 flex-col gap-6 bg-sidebar p-4">
        <Link href="/console" className="px-3 pt-2 text-base font-semibold text-card">
          Luma Home <span className="font-normal text-sidebar-foreground/60">Console</span>
        </Link>
        <ConsoleNav />
        <div className="mt-auto flex flex-col gap-2 px-3 text-xs text-sidebar-foreground/60">
          <span className="truncate" title={staff.email}>
            {staff.email}
          </span>
          <form action="/api/auth/sign-out" method="post">
            <button type="submit" className="hover:text-card">
              Sign out
            </button>
          </form>
          <Link href="/" className="hover:text-card">
            ← View storefront
          </Link>
        </div>
      </aside>
      <div className="flex-1 overflow-x-auto p-8">{children}</div>
    </div>
  );
}
