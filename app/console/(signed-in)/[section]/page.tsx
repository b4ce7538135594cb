import { notFound } from 'next/navigation';
import { CONSOLE_SECTIONS } from '@/components/console/nav-items';
import { PageHeader } from '@/components/console/page-header';
import { EmptyState } from '@/components/ui/empty-state';

// Sections whose pages are not built yet say so plainly instead of 404ing.
export default async function ConsoleSectionPage(props: { params: Promise<{ section: string }> }) {
  const { section } = await props.params;
  const meta = CONSOLE_SECTIONS.find((s) => s.slug === section);
  if (!meta) notFound();
  return (
    <>
      <PageHeader title={meta.label} description={meta.summary} />
      <EmptyState title={`${meta.label} is not set up yet`} description="This part of the console arrives in a later release." />
    </>
  );
}
