import { cn } from '@/components/ui/cn';

// The catalog has no photos; a calm tile tinted by category stands in for one.
const TINTS = ['bg-accent', 'bg-muted', 'bg-warning/15', 'bg-success/10', 'bg-primary/10', 'bg-destructive/10'];

function tintFor(key: string): string {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return TINTS[h % TINTS.length]!;
}

export function ProductArt({ title, category, className }: { title: string; category: string | null; className?: string }) {
  const initials = title
    .split(' ')
    .filter((w) => /^[A-Za-z]/.test(w))
    .slice(0, 2)
    .map((w) => w[0])
    .join('');
  return (
    <div
      aria-hidden
      className={cn('flex aspect-square items-center justify-center rounded-lg', tintFor(category ?? title), className)}
    >
      <span className="text-3xl font-semibold text-foreground/30">{initials}</span>
    </div>
  );
}
