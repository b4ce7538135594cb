import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DecisionExplanation } from '@/components/storefront/decision-explanation';
import { OrderStatus } from '@/components/storefront/order-status';
import { PayReinstatedOrder } from '@/components/storefront/pay-reinstated-order';
import { serverCaller } from '@/server/api/rsc';
import { NotFoundError } from '@/server/errors';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your order' };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ email?: string; pay?: string }> };

async function loadOrder(orderId: string, email: string | undefined) {
  try {
    return await (await serverCaller()).checkout.getOrder({ orderId, ...(email ? { email } : {}) });
  } catch (err) {
    // Not this shopper's order, or a malformed id: the same 404 either way.
    if (err instanceof Error && (err.cause instanceof NotFoundError || (err as { code?: string }).code === 'BAD_REQUEST')) return null;
    throw err;
  }
}

/** The payment link of a reinstated order: the token is the credential (any mismatch is a 404). */
async function loadPayLink(orderId: string, token: string) {
  try {
    return await (await serverCaller()).appeals.payLink({ orderId, token });
  } catch (err) {
    if (err instanceof Error && (err.cause instanceof NotFoundError || (err as { code?: string }).code === 'BAD_REQUEST')) return null;
    throw err;
  }
}

export default async function OrderPage(props: Props) {
  const [{ id }, { email, pay }] = await Promise.all([props.params, props.searchParams]);
  if (pay) {
    const link = await loadPayLink(id, pay);
    if (!link) notFound();
    return (
      <div className="flex flex-col gap-6">
        <PayReinstatedOrder
          orderId={id}
          token={pay}
          totalCents={link.order.totalCents}
          currency={link.order.currency}
          payable={link.payable}
          message={link.message}
          expiresAt={link.expiresAt}
        />
        <OrderStatus order={link.order} />
      </div>
    );
  }
  const order = await loadOrder(id, email);
  if (!order) notFound();
  const caller = await serverCaller();
  const [explanation, refunds] = await Promise.all([
    caller.privacy.explainOrder({ orderId: id, ...(email ? { email } : {}) }),
    caller.refunds.forShopper({ orderId: id, ...(email ? { email } : {}) }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <DecisionExplanation explanation={explanation} email={email} />
      <OrderStatus order={order} refunds={refunds} />
    </div>
  );
}
