'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { SynonymEntry } from '@/server/modules/search/synonyms';
import { SaveVersionForm } from './save-version-form';
import { SynonymAddForm } from './synonym-add-form';
import { synonymText } from './synonym-text';
import { VersionedSettings } from './versioned-settings';

export function SynonymsPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.searchAdmin.synonyms.queryOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.searchAdmin.synonyms.queryKey() });
  const activate = useMutation(trpc.searchAdmin.activateSynonyms.mutationOptions({ onSuccess: invalidate }));
  // The versions list is typed as ranking-or-synonym rows; these are synonym rows.
  const versions = data.versions.map((v) => ({
    ...v,
    title: 'entries' in v && Array.isArray(v.entries) ? `${v.entries.length} entries` : `version ${v.version}`,
  }));
  // A new active version resets the draft to it (the key).
  return (
    <VersionedSettings
      draft={
        <SynonymDraft
          key={data.active.version}
          version={data.active.version}
          entries={data.active.entries}
          onSaved={async (message) => {
            setSaved(message);
            await invalidate();
          }}
        />
      }
      saved={saved}
      heading="Version history"
      label="Synonym versions"
      versions={versions}
      activateError={activate.error?.message ?? null}
      activating={activate.isPending ? (activate.variables?.version ?? null) : null}
      onActivate={(version) => activate.mutate({ version })}
    />
  );
}

type DraftProps = { version: number; entries: SynonymEntry[]; onSaved: (message: string) => Promise<void> };

function SynonymDraft({ version, entries, onSaved }: DraftProps) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState(entries);
  const save = useMutation(trpc.searchAdmin.saveSynonyms.mutationOptions());
  const dirty = JSON.stringify(draft) !== JSON.stringify(entries);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Synonyms · version {version}</CardTitle>
        <p className="text-sm text-muted-foreground">
          {version === 0 ? 'The built-in starter set. ' : ''}Edit the list, then save it as a new version.
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {draft.length === 0 ? (
          <p className="text-sm text-muted-foreground">No synonyms: search matches only the words shoppers type.</p>
        ) : (
          <ul aria-label="Synonyms" className="flex flex-wrap gap-2">
            {draft.map((e, i) => (
              <li
                key={`${synonymText(e)}-${i}`}
                className="flex items-center gap-1 rounded-full border bg-muted/50 py-1 pl-3 pr-1 text-sm"
              >
                {synonymText(e)}
                <Button
                  variant="ghost"
                  size="sm"
                  className="h-6 rounded-full px-2"
                  aria-label={`Remove ${synonymText(e)}`}
                  onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}
                >
                  ×
                </Button>
              </li>
            ))}
          </ul>
        )}
        <SynonymAddForm onAdd={(entry) => setDraft((d) => [...d, entry])} />
        <div className="border-t pt-4">
          <SaveVersionForm
            label="Save as new version"
            disabled={!dirty}
            pending={save.isPending}
            error={save.error?.message ?? null}
            onSave={({ note, activate }) =>
              save.mutate(
                { entries: draft, note: note || undefined, activate },
                {
                  onSuccess: (r) =>
                    onSaved(`Saved version ${r.version}${activate ? ' and activated it' : ' as a draft'}.`),
                },
              )
            }
          />
        </div>
      </CardContent>
    </Card>
  );
}
