import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DecisionExplanation } from '@/components/storefront/decision-explanation';
import { OrderStatus } from '@/components/storefront/order-status';
import { serverCaller } from '@/server/api/rsc';
import { NotFoundError } from '@/server/errors';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your order' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ email?: string }> };

async function loadOrder(orderId: string, email: string | undefined) {
  try {
    return await (await serverCaller()).checkout.getOrder({ orderId, ...(email ? { email } : {}) });
  } catch (err) {
    // Not this shopper's order, or a malformed id: the same 404 either way.
    if (err instanceof Error && (err.cause instanceof NotFoundError || (err as { code?: string }).code === 'BAD_REQUEST')) return null;
    throw err;
  }
}

export default async function OrderPage(props: Props) {
  const [{ id }, { email }] = await Promise.all([props.params, props.searchParams]);
  const order = await loadOrder(id, email);
  if (!order) notFound();
  const explanation = await (await serverCaller()).privacy.explainOrder({ orderId: id, ...(email ? { email } : {}) });
  return (
    <div className="flex flex-col gap-6">
      <DecisionExplanation explanation={explanation} email={email} />
      <OrderStatus order={order} />
    </div>
  );
}
