// SMTP through nodemailer when SMTP_URL is set; otherwise nothing is sent and the caller keeps the
// message in the outbox table.
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "~/utils/env.server";

let transport: { url: string; transporter: Transporter } | undefined;

export function isMailConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

export async function sendMail(message: { to: string; subject: string; text: string }): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) throw new Error("SMTP is not configured");
  if (!transport || transport.url !== env.SMTP_URL) {
    transport = { url: env.SMTP_URL, transporter: nodemailer.createTransport(env.SMTP_URL) };
  }
  await transport.transporter.sendMail({
    from: env.MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
  });
}
