import { Badge } from '@/components/ui/badge';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import type { DataMapEntry, ErasureAction } from '@/server/modules/privacy/data-map';

const ERASURE: Record<ErasureAction, { label: string; variant: 'destructive' | 'warning' | 'secondary' | 'default' }> = {
  delete: { label: 'delete', variant: 'destructive' },
  anonymise: { label: 'anonymise', variant: 'warning' },
  keep_for_accounting: { label: 'keep for accounting', variant: 'secondary' },
  none: { label: 'none', variant: 'default' },
};

/** Every place personal data can live, as declared in server/modules/privacy/data-map.ts. */
export function DataMapTable({ entries }: { entries: DataMapEntry[] }) {
  return (
    <Table aria-label="Data map">
      <THead>
        <tr>
          <Th>Where</Th>
          <Th>Category</Th>
          <Th>Purpose</Th>
          <Th>Retention</Th>
          <Th>On erasure</Th>
        </tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <tr key={`${e.table}.${e.column}.${e.path ?? ''}`}>
            <Td className="font-mono text-xs">
              {e.table}.{e.column}
              {e.path ? <span className="block text-muted-foreground">{e.path}</span> : null}
            </Td>
            <Td>
              {e.category.replace('_', ' ')}
              {e.atRest ? (
                <Badge variant="secondary" className="mt-1 block w-fit">
                  {e.atRest === 'encrypted' ? 'encrypted at rest' : 'keyed hash'}
                </Badge>
              ) : null}
            </Td>
            <Td>{e.purpose}</Td>
            <Td className="text-xs">{e.retention}</Td>
            <Td>
              <Badge variant={ERASURE[e.erasure].variant}>{ERASURE[e.erasure].label}</Badge>
              {e.howErased ? <span className="mt-1 block text-xs text-muted-foreground">{e.howErased}</span> : null}
            </Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}

export function RetentionTable({ rules }: { rules: { key: string; table: string; label: string; days: number; action: string }[] }) {
  return (
    <Table aria-label="Retention rules">
      <THead>
        <tr>
          <Th>Data</Th>
          <Th>Table</Th>
          <Th className="text-right">Kept for</Th>
          <Th>Then</Th>
        </tr>
      </THead>
      <TBody>
        {rules.map((r) => (
          <tr key={r.key}>
            <Td>{r.label}</Td>
            <Td className="font-mono text-xs">{r.table}</Td>
            <Td className="text-right tabular-nums">{r.days === 0 ? 'until expiry' : `${r.days} days`}</Td>
            <Td>{r.action === 'clear' ? 'cleared' : r.action === 'anonymise' ? 'anonymised' : 'deleted'}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
