'use client';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A secret or single-use link shown once after it is made (API key, invite link, webhook signing
 * secret): the message, a read-only field that selects itself, and a copy button. Remount it (key
 * on the value) so a new secret starts "not copied".
 */
export function ShownOnce({
  value,
  label,
  copyLabel = 'Copy',
  tone = 'warning',
  children,
}: {
  value: string;
  label: string;
  copyLabel?: string;
  tone?: 'warning' | 'muted';
  children: ReactNode;
}) {
  const [copied, setCopied] = useState(false);
  const box = tone === 'warning' ? 'border-warning bg-warning/10' : 'bg-muted/50';
  return (
    <div role="status" className={`flex flex-col gap-2 rounded-md border p-3 text-sm ${box}`}>
      <p>{children}</p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          value={value}
          aria-label={label}
          className="h-9 min-w-0 flex-1 rounded-md border bg-card px-3 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button
          type="button"
          size="sm"
          variant="outline"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? 'Copied' : copyLabel}
        </Button>
      </div>
    </div>
  );
}
