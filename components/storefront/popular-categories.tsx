import Link from 'next/link';

/** Category chips offered when a search has nothing to show. */
export function PopularCategories({ names }: { names: string[] }) {
  return (
    <ul aria-label="Popular categories" className="flex flex-wrap justify-center gap-2">
      {names.map((name) => (
        <li key={name}>
          <Link
            href={`/?category=${encodeURIComponent(name)}`}
            className="rounded-full border bg-card px-3 py-1.5 text-sm hover:bg-muted"
          >
            {name}
          </Link>
        </li>
      ))}
    </ul>
  );
}
