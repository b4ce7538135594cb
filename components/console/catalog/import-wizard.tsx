'use client';
// Console → Catalog → Import: choose a file → the report (nothing written yet) → import the
// valid rows → a progress bar polled every second → the summary, with the review queue one click away.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { Badge } from '@/components/ui/badge';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Table, TBody, Td, Th, THead } from '@/components/ui/table';
import { formatFromName, MAX_IMPORT_BYTES, type ImportFormat, type ImportReport } from '@/server/modules/catalog/import/import.schema';

type Picked = { format: ImportFormat; content: string; fileName: string };

export function ImportWizard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<Picked | null>(null);
  const [pickError, setPickError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  // A new key clears the file input for "Import another file".
  const [inputKey, setInputKey] = useState(0);
  const preview = useMutation(trpc.catalog.import.preview.mutationOptions({ onSuccess: setReport }));
  const start = useMutation(
    trpc.catalog.import.start.mutationOptions({
      onSuccess: (r) => {
        setImportId(r.importId);
        void queryClient.invalidateQueries({ queryKey: trpc.catalog.import.list.queryKey() });
      },
    }),
  );

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    setReport(null);
    setImportId(null);
    preview.reset();
    start.reset();
    setFile(null);
    setPickError(null);
    if (!f) return;
    const format = formatFromName(f.name, f.type);
    if (!format) return setPickError('Choose a .csv or .json file.');
    if (f.size > MAX_IMPORT_BYTES) return setPickError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    const picked = { format, content: await f.text(), fileName: f.name };
    setFile(picked);
    preview.mutate(picked);
  }

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader>
          <CardTitle>1. Choose a file</CardTitle>
          <p className="text-sm text-muted-foreground">
            CSV with a header row, or JSON (an array of products). Every row is checked before anything is written.
          </p>
        </CardHeader>
        <CardContent className="flex flex-col gap-2">
          <label className="flex flex-col gap-1 text-sm font-medium">
            Catalog file
            <input
              key={inputKey}
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={pick}
              disabled={start.isPending || (importId !== null && !start.isError)}
              className="text-sm file:mr-3 file:rounded-md file:border file:bg-card file:px-3 file:py-1.5 file:text-sm"
            />
          </label>
          {pickError ? <p className="text-sm text-destructive" role="alert">{pickError}</p> : null}
          {preview.isPending ? <p className="text-sm text-muted-foreground">Checking {file?.fileName}…</p> : null}
          {preview.error ? <p className="text-sm text-destructive" role="alert">{preview.error.message}</p> : null}
        </CardContent>
      </Card>

      {report ? <ReportPanel report={report} /> : null}

      {report && file && !importId ? (
        <div className="flex items-center gap-3">
          <Button onClick={() => start.mutate(file)} disabled={report.validRows === 0 || start.isPending}>
            {start.isPending ? 'Starting…' : `Import ${report.validRows.toLocaleString('en-US')} valid rows`}
          </Button>
          {report.invalidRows > 0 ? (
            <span className="text-sm text-muted-foreground">
              {report.invalidRows.toLocaleString('en-US')} rows with problems will be skipped.
            </span>
          ) : null}
          {start.error ? <span className="text-sm text-destructive" role="alert">{start.error.message}</span> : null}
        </div>
      ) : null}

      {importId ? (
        <ImportProgress
          importId={importId}
          onAnother={() => {
            setImportId(null);
            setInputKey((k) => k + 1);
            setReport(null);
            setFile(null);
            preview.reset();
            start.reset();
          }}
        />
      ) : null}
    </div>
  );
}

function ReportPanel({ report }: { report: ImportReport }) {
  const fileProblems = report.problems.filter((p) => p.row === null);
  return (
    <Card>
      <CardHeader>
        <CardTitle>2. Check the report</CardTitle>
        <div className="flex flex-wrap gap-2 text-sm" aria-label="Report summary">
          <Badge variant="secondary">{report.totalRows.toLocaleString('en-US')} rows</Badge>
          <Badge variant="success">{report.validRows.toLocaleString('en-US')} valid</Badge>
          {report.products !== undefined && report.products !== report.validRows ? (
            <Badge variant="secondary">
              {report.products.toLocaleString('en-US')} products with variants
            </Badge>
          ) : null}
          <Badge variant={report.invalidRows ? 'destructive' : 'secondary'}>{report.invalidRows.toLocaleString('en-US')} with problems</Badge>
          <Badge variant={report.flaggedRows ? 'warning' : 'secondary'}>{report.flaggedRows.toLocaleString('en-US')} flagged for review</Badge>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {report.ignoredColumns.length ? (
          <p className="text-sm text-muted-foreground">Ignored columns (not part of the import format): {report.ignoredColumns.join(', ')}</p>
        ) : null}
        {report.problems.length === 0 ? (
          <p className="text-sm text-success">No problems: every row can be imported.</p>
        ) : (
          <div className="flex flex-col gap-2">
            <h4 className="text-sm font-semibold">
              Problems{fileProblems.length ? ' (the file cannot be imported as it is)' : ''}
              {report.problemCount > report.problems.length ? ` — first ${report.problems.length} of ${report.problemCount}` : ''}
            </h4>
            <Table aria-label="Problems">
              <THead>
                <tr>
                  <Th className="w-20">Row</Th>
                  <Th className="w-40">Column</Th>
                  <Th>Problem</Th>
                </tr>
              </THead>
              <TBody>
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <Td className="tabular-nums">
                      {p.row ?? 'file'}
                      {p.ref ? <span className="block text-xs text-muted-foreground">{p.ref}</span> : null}
                    </Td>
                    <Td className="font-mono text-xs">{p.column}</Td>
                    <Td>{p.problem}</Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        {report.flags.length ? (
          <div className="flex flex-col gap-2">
            <h4 className="text-sm font-semibold">Flags (imported, then sent to the review queue)</h4>
            <Table aria-label="Flags">
              <THead>
                <tr>
                  <Th className="w-20">Row</Th>
                  <Th className="w-40">SKU</Th>
                  <Th>Flag</Th>
                </tr>
              </THead>
              <TBody>
                {report.flags.map((f, i) => (
                  <tr key={i}>
                    <Td className="tabular-nums">{f.row}</Td>
                    <Td className="font-mono text-xs">{f.sku}</Td>
                    <Td>
                      <Badge variant="warning">{f.flag.replace(/_/g, ' ')}</Badge> <span className="text-muted-foreground">{f.detail}</span>
                    </Td>
                  </tr>
                ))}
              </TBody>
            </Table>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function ImportProgress({ importId, onAnother }: { importId: string; onAnother: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    ...trpc.catalog.import.get.queryOptions({ importId }),
    // Poll every second until the job is done.
    refetchInterval: (q) => (q.state.data && ['completed', 'failed'].includes(q.state.data.status) ? false : 1000),
  });
  const done = data?.status === 'completed' || data?.status === 'failed';
  useEffect(() => {
    if (done) void queryClient.invalidateQueries({ queryKey: trpc.catalog.import.list.queryKey() });
  }, [done, queryClient, trpc]);
  return (
    <Card>
      <CardHeader>
        <CardTitle>3. Import</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {error ? <p className="text-sm text-destructive" role="alert">{error.message}</p> : null}
        <div className="flex items-center justify-between text-sm">
          <span>
            {data?.status === 'completed'
              ? 'Import finished'
              : data?.status === 'failed'
                ? 'Import failed'
                : data?.status === 'running'
                  ? 'Importing…'
                  : 'Waiting for the background job…'}
          </span>
          <span className="tabular-nums text-muted-foreground">
            {(data?.processed ?? 0).toLocaleString('en-US')} / {(data?.total ?? 0).toLocaleString('en-US')} rows
          </span>
        </div>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={data?.percent ?? 0}
          className="h-3 w-full overflow-hidden rounded-full bg-muted"
        >
          <div
            className={data?.status === 'failed' ? 'h-full bg-destructive transition-all' : 'h-full bg-primary transition-all'}
            style={{ width: `${data?.percent ?? 0}%` }}
          />
        </div>
        {data?.status === 'failed' ? <p className="text-sm text-destructive">{data.error}</p> : null}
        {done && data ? (
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5" aria-label="Import summary">
            {(
              [
                ['Created', data.created],
                ['Updated', data.updated],
                ['Unchanged', data.unchanged],
                ['Skipped (problems)', data.failed],
                ['Flagged for review', data.flagged],
              ] as const
            ).map(([label, n]) => (
              <div key={label} className="rounded-md border p-3">
                <dt className="text-xs text-muted-foreground">{label}</dt>
                <dd className="text-xl font-semibold tabular-nums">{n.toLocaleString('en-US')}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {done ? (
          <div className="flex gap-2">
            {data && data.flagged > 0 ? (
              <Link href="/console/reviews" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
                Review {data.flagged} flagged products
              </Link>
            ) : null}
            <Link href="/console/catalog" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
              Back to the catalog
            </Link>
            <Button variant="ghost" size="sm" onClick={onAnother}>
              Import another file
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
