'use client';
import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { MerchRule, RankingConfig } from '@/server/modules/search/ranking-config';
import { newRuleId, normaliseRuleQuery } from './describe-rule';
import { FieldInput } from './field-input';
import { MerchRuleForm } from './merch-rule-form';
import { RuleList } from './rule-list';
import { RulePreview } from './rule-preview';
import { SaveVersionForm } from './save-version-form';
import { VersionedSettings } from './versioned-settings';

export function MerchRulesPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data } = useSuspenseQuery(trpc.searchAdmin.ranking.queryOptions());
  const [saved, setSaved] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.searchAdmin.ranking.queryKey() });
  const activate = useMutation(trpc.searchAdmin.activateRanking.mutationOptions({ onSuccess: invalidate }));
  const versions = data.versions.map((v) => ({ ...v, title: 'name' in v ? v.name : `version ${v.version}` }));
  return (
    <VersionedSettings
      draft={
        <RulesDraft
          key={data.active.version}
          version={data.active.version}
          config={data.active.config}
          onSaved={async (message) => {
            setSaved(message);
            await invalidate();
          }}
        />
      }
      saved={saved}
      heading="Ranking versions"
      label="Ranking versions"
      versions={versions}
      activateError={activate.error?.message ?? null}
      activating={activate.isPending ? (activate.variables?.version ?? null) : null}
      onActivate={(version) => activate.mutate({ version })}
    />
  );
}

type DraftProps = { version: number; config: RankingConfig; onSaved: (message: string) => Promise<void> };

function RulesDraft({ version, config, onSaved }: DraftProps) {
  const trpc = useTRPC();
  const [removed, setRemoved] = useState<Set<string>>(new Set());
  const [added, setAdded] = useState<MerchRule[]>([]);
  const [name, setName] = useState('');
  const save = useMutation(trpc.searchAdmin.saveRanking.mutationOptions());
  const kept = config.rules.filter((r) => !removed.has(r.id));
  const rules = [...kept, ...added];
  const dirty = added.length > 0 || removed.size > 0;
  const add = (rule: MerchRule) => setAdded((list) => [...list, rule]);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Merchandising rules · ranking version {version}</CardTitle>
        <p className="text-sm text-muted-foreground">
          Pin, hide, boost or bury products. Preview a query, then save the rules as a new ranking version.
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-6">
        <RuleList
          active={config.rules}
          removed={removed}
          added={added}
          onToggleActive={(id) =>
            setRemoved((s) => {
              const next = new Set(s);
              if (!next.delete(id)) next.add(id);
              return next;
            })
          }
          onRemoveAdded={(id) => setAdded((list) => list.filter((r) => r.id !== id))}
        />
        <MerchRuleForm onAdd={add} />
        <div className="border-t pt-4">
          <RulePreview
            rules={rules}
            onQuickRule={(q, action, productId) =>
              add({
                id: newRuleId(),
                query: normaliseRuleQuery(q),
                action:
                  action === 'pin' ? { type: 'pin', productId, position: 1 } : { type: 'hide', target: { productId } },
              })
            }
          />
        </div>
        <div className="border-t pt-4">
          <SaveVersionForm
            label="Save as new ranking version"
            disabled={!dirty}
            pending={save.isPending}
            error={save.error?.message ?? null}
            onSave={({ note, activate }) =>
              save.mutate(
                { name: name.trim() || defaultName(), config: { ...config, rules }, note: note || undefined, activate },
                {
                  onSuccess: (r) =>
                    onSaved(`Saved ranking version ${r.version}${activate ? ' and activated it' : ' as a draft'}.`),
                },
              )
            }
          >
            <FieldInput
              label="Version name"
              value={name}
              onChange={setName}
              maxLength={120}
              placeholder={defaultName()}
              className="w-56"
            />
          </SaveVersionForm>
        </div>
      </CardContent>
    </Card>
  );
}

function defaultName(): string {
  return `Merchandising ${new Date().toISOString().slice(0, 10)}`;
}
