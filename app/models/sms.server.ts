// Text-message rows (docs/decisions/033): every SMS is stored; without a provider it stays in the outbox.
import { prisma } from "~/utils/db.server";
import type { SmsStatus } from "~generated/prisma/enums.ts";

export function createSmsMessage(data: { to: string; text: string; kind: string; onceKey?: string }) {
  return prisma.smsMessage.create({ data, select: { id: true } });
}

export function setSmsOutcome({
  id,
  status,
  attempts,
  error,
  providerId,
}: {
  id: string;
  status: SmsStatus;
  attempts: number;
  error?: string | null;
  providerId?: string | null;
}) {
  return prisma.smsMessage.update({
    where: { id },
    data: {
      status,
      attempts,
      error: error ?? null,
      providerId: providerId ?? null,
      sentAt: status === "SENT" ? new Date() : null,
    },
    select: { id: true },
  });
}

export function listSmsMessages({ take = 200 }: { take?: number } = {}) {
  return prisma.smsMessage.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      to: true,
      text: true,
      kind: true,
      status: true,
      attempts: true,
      error: true,
      createdAt: true,
      sentAt: true,
    },
  });
}
