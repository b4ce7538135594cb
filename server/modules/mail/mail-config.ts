// How mail leaves the building: SMTP when SMTP_URL is set (production), otherwise the dev
// mailbox (messages stay in the outbox table, readable at Console → Mailbox).
export type MailConfig = { transport: 'smtp'; smtpUrl: string; from: string } | { transport: 'dev'; from: string };

export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const from = env.MAIL_FROM || 'Luma Home <no-reply@luma.example>';
  const smtpUrl = env.SMTP_URL?.trim();
  return smtpUrl ? { transport: 'smtp', smtpUrl, from } : { transport: 'dev', from };
}
