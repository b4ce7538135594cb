// Outgoing staff mail. Only the development transport exists yet: it logs the message (the
// reset link) to the server console. An SMTP transport configured by env slots in here.
export type Mail = { to: string; subject: string; text: string };
export type MailTransport = (mail: Mail) => Promise<void>;

// Deliberately console output, not a log line: this is the development outbox, and the
// developer needs the recipient and the reset link that the logger would redact.
export const logTransport: MailTransport = async (mail) => {
  console.log(`[mail] to ${mail.to} · ${mail.subject}\n${mail.text}`);
};
