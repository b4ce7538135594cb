'use client';
import type { ReactNode } from 'react';
import { VersionHistory, type VersionRow } from './version-history';

/**
 * The shape both versioned search settings share (synonyms, ranking rules): the draft
 * editor, a status line after saving, and the version history with Activate buttons.
 */
export function VersionedSettings({
  draft,
  saved,
  heading,
  label,
  versions,
  activateError,
  activating,
  onActivate,
}: {
  draft: ReactNode;
  saved: string | null;
  heading: string;
  /** Accessible name of the history list. */
  label: string;
  versions: VersionRow[];
  activateError: string | null;
  activating: number | null;
  onActivate: (version: number) => void;
}) {
  return (
    <div className="flex flex-col gap-6">
      {draft}
      {saved ? (
        <p role="status" className="-mt-3 text-sm text-success">
          {saved}
        </p>
      ) : null}
      <section className="flex flex-col gap-3">
        <h2 className="text-base font-semibold">{heading}</h2>
        {activateError ? (
          <p role="alert" className="text-sm text-destructive">
            {activateError}
          </p>
        ) : null}
        <VersionHistory label={label} versions={versions} activating={activating} onActivate={onActivate} />
      </section>
    </div>
  );
}
