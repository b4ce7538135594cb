'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { cn } from '@/components/ui/cn';
import { PERSONALIZATION_COOKIE } from '@/server/lib/personalization';

/**
 * The shopper's personalization switch. The choice lives in a cookie the server reads on
 * every door; turning it off means recommendations use nothing about this visitor.
 */
export function RecsToggle({ initialOn }: { initialOn: boolean }) {
  const [on, setOn] = useState(initialOn);
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toggle = () => {
    const next = !on;
    document.cookie = `${PERSONALIZATION_COOKIE}=${next ? 'on' : 'off'}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
    setOn(next);
    startTransition(() => {
      void queryClient.invalidateQueries();
      router.refresh();
    });
  };
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      aria-label="Personalized recommendations"
      onClick={toggle}
      disabled={pending}
      className="flex items-center gap-2 text-muted-foreground hover:text-foreground disabled:opacity-60"
      title={on ? 'Recommendations use what you viewed and searched here' : 'Recommendations use nothing about you'}
    >
      <span
        className={cn(
          'relative inline-flex h-5 w-9 items-center rounded-full border transition-colors',
          on ? 'bg-primary' : 'bg-muted',
        )}
      >
        <span
          className={cn(
            'inline-block h-4 w-4 rounded-full bg-card shadow transition-transform',
            on ? 'translate-x-4' : 'translate-x-0.5',
          )}
        />
      </span>
      <span>Personalization {on ? 'on' : 'off'}</span>
    </button>
  );
}
