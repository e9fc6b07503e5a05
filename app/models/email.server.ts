// Notification rows: every email is stored; without SMTP it stays in the outbox.
import { prisma } from "~/utils/db.server";
import type { EmailStatus } from "~generated/prisma/enums.ts";

export function createEmailMessage(data: {
  to: string;
  subject: string;
  text: string;
  kind: string;
  /** Set for a message sent at most once: a second create with the same key is a unique violation. */
  onceKey?: string;
}) {
  return prisma.emailMessage.create({ data, select: { id: true } });
}

export function setEmailStatus({ id, status, error }: { id: string; status: EmailStatus; error?: string | null }) {
  return prisma.emailMessage.update({
    where: { id },
    data: { status, error: error ?? null, sentAt: status === "SENT" ? new Date() : null },
    select: { id: true },
  });
}

export function emailKindExists({ to, kind }: { to: string; kind: string }) {
  return prisma.emailMessage.count({ where: { to, kind } }).then((n) => n > 0);
}

export function listEmailMessages({ take = 200, status }: { take?: number; status?: EmailStatus } = {}) {
  return prisma.emailMessage.findMany({
    where: status ? { status } : {},
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      to: true,
      subject: true,
      text: true,
      kind: true,
      status: true,
      error: true,
      createdAt: true,
      sentAt: true,
    },
  });
}

export function countEmailMessages() {
  return prisma.emailMessage.groupBy({ by: ["status"], _count: { _all: true } });
}
