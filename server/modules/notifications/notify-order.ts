// Shopper notifications about an order, sent through the mail outbox (server/modules/mail:
// SMTP when SMTP_URL is set, else the dev mailbox). The message carries the order id and
// status only: the email address is the envelope, never the log line's subject.
import type { MailTransport } from '@/server/modules/auth/mail';
import { outboxTransport } from '@/server/modules/mail/outbox-transport';

export type OrderNotice = 'confirmed' | 'in_review' | 'cancelled' | 'refunded' | 'backorder_ships';

const SUBJECTS: Record<OrderNotice, string> = {
  confirmed: 'Your order is confirmed',
  in_review: 'We are checking your order',
  cancelled: 'Your order was cancelled',
  refunded: 'Your order was refunded',
  backorder_ships: 'Your back-ordered item ships',
};

export async function notifyOrder(
  to: string,
  notice: OrderNotice,
  order: { id: string; reason?: string; note?: string },
  transport: MailTransport = outboxTransport('order_notice'),
): Promise<{ notice: OrderNotice; subject: string }> {
  const subject = `${SUBJECTS[notice]} (${order.id})`;
  const lines = [`Order ${order.id}: ${SUBJECTS[notice].toLowerCase()}.`];
  if (order.reason) lines.push(`Why: ${order.reason}`);
  if (order.note) lines.push(order.note);
  if (notice === 'cancelled') lines.push('You have not been charged; any authorisation on your card is released.');
  if (notice === 'in_review') lines.push('A member of our team is reviewing it. You can ask for a person to look at any automated decision by replying.');
  await transport({ to, subject, text: lines.join('\n') });
  return { notice, subject };
}
