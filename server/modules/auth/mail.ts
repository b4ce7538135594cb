// The mail transport shape senders accept. The app's default is the outbox
// (server/modules/mail/outbox-transport.ts: SMTP or the dev mailbox); logTransport remains
// for scripts that have no database.
export type Mail = { to: string; subject: string; text: string };
export type MailTransport = (mail: Mail) => Promise<void>;

// Deliberately console output, not a log line: this is the development outbox, and the
// developer needs the recipient and the reset link that the logger would redact.
export const logTransport: MailTransport = async (mail) => {
  console.log(`[mail] to ${mail.to} · ${mail.subject}\n${mail.text}`);
};
