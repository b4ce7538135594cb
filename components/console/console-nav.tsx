'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { CONSOLE_SECTIONS } from './nav-items';

export function ConsoleNav() {
  const pathname = usePathname();
  const item = (href: string, label: string, active: boolean) => (
    <Link
      key={href}
      href={href}
      aria-current={active ? 'page' : undefined}
      className={cn(
        'rounded-md px-3 py-2 text-sm transition-colors',
        active ? 'bg-sidebar-muted font-medium text-card' : 'text-sidebar-foreground/80 hover:bg-sidebar-muted hover:text-card',
      )}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Console" className="flex flex-col gap-1">
      {item('/console', 'Overview', pathname === '/console')}
      {CONSOLE_SECTIONS.map((s) => item(`/console/${s.slug}`, s.label, pathname.startsWith(`/console/${s.slug}`)))}
    </nav>
  );
}
