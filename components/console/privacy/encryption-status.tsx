import { Badge } from '@/components/ui/badge';
import type { EncryptionStatus } from '@/server/modules/privacy/encrypt-backfill';

const LABELS: Record<keyof EncryptionStatus['inClear'], string> = {
  customersEmail: 'customer emails',
  ordersEmail: 'order emails',
  ordersShippingAddress: 'shipping addresses',
  ordersBillingAddress: 'billing addresses',
  shoppersEmail: 'shopper account emails',
  recoveryContactsEmail: 'cart reminder emails',
  mailRecipients: 'mail recipients',
  webhookSecrets: 'webhook signing secrets',
};

/** Encryption at rest (ADR 027): what is still in clear, and which keys protect the rest. */
export function EncryptionStatusCard({ status }: { status: EncryptionStatus }) {
  const left = Object.entries(status.inClear).filter(([, n]) => n > 0) as [keyof EncryptionStatus['inClear'], number][];
  return (
    <section aria-label="Encryption at rest" className="mt-10 rounded-md border p-4 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold">Encryption at rest</h2>
        <Badge variant={status.totalInClear === 0 ? 'success' : 'warning'}>{status.totalInClear === 0 ? 'nothing in clear' : `${status.totalInClear} values in clear`}</Badge>
        {status.developmentKeys.length ? <Badge variant="destructive">public development keys</Badge> : null}
      </div>
      <p className="mt-2 text-muted-foreground">
        Order and customer emails, order addresses and webhook signing secrets are stored encrypted (AES-256-GCM, current key &ldquo;{status.currentKeyId}&rdquo;); orders are
        found by email through a keyed hash.
      </p>
      {left.length ? (
        <p className="mt-2">
          Still in clear: {left.map(([k, n]) => `${n} ${LABELS[k]}`).join(', ')}. Run <code>npm run privacy:encrypt-backfill</code>.
        </p>
      ) : null}
      {status.developmentKeys.length ? (
        <p className="mt-2 text-destructive">
          {status.developmentKeys.join(' and ')} {status.developmentKeys.length > 1 ? 'are' : 'is'} not set: data is encrypted with keys published in the source. Set them before this
          database holds real shoppers&apos; data.
        </p>
      ) : null}
    </section>
  );
}
