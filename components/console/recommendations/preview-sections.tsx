'use client';
// A rules preview's sections (title, strategy, and each item with its position and reason),
// as both rules panels show them.
type PreviewSection = {
  id: string;
  title: string;
  strategy: string;
  items: { position: number; reason: string; product: { id: string; title: string } }[];
};

export function PreviewSections({ sections, labelPrefix }: { sections: PreviewSection[]; labelPrefix: string }) {
  return sections.map((s) => (
    <section key={s.id} aria-label={`${labelPrefix}: ${s.title}`}>
      <h3 className="mb-2 text-sm font-semibold">
        {s.title} <span className="font-normal text-muted-foreground">({s.strategy})</span>
      </h3>
      <ol className="flex flex-col gap-1 text-sm">
        {s.items.map((i) => (
          <li key={i.product.id} className="flex justify-between gap-3">
            <span className="truncate">
              {i.position + 1}. {i.product.title}
            </span>
            <span className="shrink-0 text-xs text-muted-foreground">{i.reason}</span>
          </li>
        ))}
      </ol>
    </section>
  ));
}
