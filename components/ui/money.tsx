/** Integer minor units → localized price. The one place money becomes text. */
export function formatMoney(cents: number, currency = 'USD', locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
}

export function Money({ cents, currency, className }: { cents: number; currency?: string; className?: string }) {
  return <span className={className}>{formatMoney(cents, currency)}</span>;
}
