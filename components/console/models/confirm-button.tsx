'use client';
import { useState } from 'react';
import { Button, type ButtonProps } from '@/components/ui/button';

/** A button that asks once more before acting: promotions and rollbacks change live traffic. */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  pending,
  variant,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  pending: boolean;
  variant?: ButtonProps['variant'];
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button variant={variant ?? 'outline'} size="sm" disabled={pending} onClick={() => setAsking(true)}>
        {label}
      </Button>
    );
  }
  return (
    <span className="inline-flex items-center gap-2 rounded-md border px-2 py-1 text-sm">
      {confirmLabel}
      <Button
        size="sm"
        variant={variant === 'destructive' ? 'destructive' : 'primary'}
        disabled={pending}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        Confirm
      </Button>
      <Button size="sm" variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
}
