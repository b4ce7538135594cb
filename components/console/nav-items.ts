export type ConsoleSection = { slug: string; label: string; summary: string };

/** The console's sections; pages land here as their issues are built. */
export const CONSOLE_SECTIONS: ConsoleSection[] = [
  { slug: 'catalog', label: 'Catalog', summary: 'Products, variants, prices and stock, and catalog imports.' },
  { slug: 'search', label: 'Search', summary: 'Synonyms, pins and boosts, and relevance reports on judged queries.' },
  { slug: 'policies', label: 'Policies', summary: 'Versioned risk, discount and recovery policies with approval.' },
  { slug: 'promotions', label: 'Promotions', summary: 'Codes and automatic promotions with eligibility and limits.' },
  {
    slug: 'experiments',
    label: 'Experiments',
    summary: 'A/B tests on ranking, policies and discounts, with guardrails.',
  },
  { slug: 'models', label: 'Models', summary: 'Model registry: shadow, canary, production and rollback.' },
  { slug: 'reviews', label: 'Reviews', summary: 'One queue for every decision a policy sends to a human.' },
  { slug: 'orders', label: 'Orders', summary: 'Orders, payments, holds and refunds.' },
  { slug: 'payments', label: 'Payments', summary: 'Payment provider webhooks: inbox, processing state and replay.' },
  { slug: 'automations', label: 'Automations', summary: 'Background functions: runs, steps, retries, replay and cancel.' },
  { slug: 'health', label: 'Health', summary: 'Traffic, errors and latency per route, decisions, the automation queue and slow traces.' },
  { slug: 'audit', label: 'Audit', summary: 'Who changed what, when, and why.' },
  { slug: 'settings', label: 'Settings', summary: 'Staff, roles, API keys and store settings.' },
  {
    slug: 'recommendations',
    label: 'Recommendations',
    summary: 'Pin or exclude products in recommendations, with a preview.',
  },
  { slug: 'staff', label: 'Staff & roles', summary: 'Invite people, assign roles, define custom roles.' },
  { slug: 'api-keys', label: 'API keys', summary: 'Keys for systems calling REST v1, scoped by permission.' },
  { slug: 'privacy', label: 'Privacy', summary: 'Data map, retention, and shoppers’ export and erasure requests.' },
  { slug: 'recovery', label: 'Cart recovery', summary: 'Recovery emails vs a holdout: recovered revenue and conversion with confidence intervals.' },
  { slug: 'webhooks', label: 'Webhooks', summary: 'Signed outbound webhooks: endpoints, deliveries and test events.' },
  { slug: 'mailbox', label: 'Mailbox (dev)', summary: 'Outgoing mail: delivery status, and every message readable when SMTP is not configured.' },
];
