'use client';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { saveSynonymsInput } from '@/server/modules/search/search-admin.schema';
import type { SynonymEntry } from '@/server/modules/search/synonyms';
import { FieldInput } from './field-input';
import { splitTerms } from './synonym-text';

const entrySchema = saveSynonymsInput.shape.entries.element;

/** Adds one entry to the draft: an equivalent group or a one-way expansion. */
export function SynonymAddForm({ onAdd }: { onAdd: (entry: SynonymEntry) => void }) {
  const [mode, setMode] = useState<'equivalent' | 'oneway'>('equivalent');
  const [terms, setTerms] = useState('');
  const [from, setFrom] = useState('');
  const [error, setError] = useState<string | null>(null);

  function submit(e: FormEvent) {
    e.preventDefault();
    const candidate =
      mode === 'equivalent' ? { terms: splitTerms(terms) } : { from: from.trim().toLowerCase(), to: splitTerms(terms) };
    const parsed = entrySchema.safeParse(candidate);
    if (!parsed.success) {
      setError(
        mode === 'equivalent'
          ? 'List at least two different terms, separated by commas.'
          : 'Give a term and at least one expansion.',
      );
      return;
    }
    onAdd(parsed.data);
    setTerms('');
    setFrom('');
    setError(null);
  }

  return (
    <form onSubmit={submit} aria-label="Add synonym" className="flex flex-col gap-3">
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">Kind of synonym</legend>
        {(['equivalent', 'oneway'] as const).map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input
              type="radio"
              name="synonym-mode"
              checked={mode === m}
              onChange={() => setMode(m)}
              className="accent-primary"
            />
            {m === 'equivalent' ? 'Equivalent (couch = sofa)' : 'One-way (tv stand → media console)'}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        {mode === 'oneway' ? (
          <FieldInput
            label="When shoppers search"
            value={from}
            onChange={setFrom}
            placeholder="tv stand"
            className="w-48"
          />
        ) : null}
        <FieldInput
          label={mode === 'equivalent' ? 'Equivalent terms' : 'Also search for'}
          value={terms}
          onChange={setTerms}
          placeholder={mode === 'equivalent' ? 'couch, sofa' : 'media console, entertainment center'}
          className="min-w-64 flex-1"
        />
        <Button type="submit" variant="secondary">
          Add synonym
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
