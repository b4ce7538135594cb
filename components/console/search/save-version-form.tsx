'use client';
import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FieldInput } from './field-input';

export type SaveVersionValues = { note: string; activate: boolean };

/** Note + "activate now" + save; shared by the synonym and ranking editors. */
export function SaveVersionForm({
  label,
  disabled,
  pending,
  error,
  onSave,
  children,
}: {
  label: string;
  disabled: boolean;
  pending: boolean;
  error: string | null;
  onSave: (values: SaveVersionValues) => void;
  children?: ReactNode;
}) {
  const [note, setNote] = useState('');
  const [activate, setActivate] = useState(true);
  return (
    <form
      aria-label={label}
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ note: note.trim(), activate });
      }}
    >
      <div className="flex flex-wrap items-end gap-3">
        {children}
        <FieldInput
          label="Note"
          value={note}
          onChange={setNote}
          maxLength={500}
          placeholder="Why this change?"
          className="min-w-64 flex-1"
        />
        <label className="flex h-9 items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={activate}
            onChange={(e) => setActivate(e.target.checked)}
            className="size-4 accent-primary"
          />
          Activate now
        </label>
        <Button type="submit" disabled={disabled || pending}>
          {pending ? 'Saving…' : label}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}
