// Stripe event ids already handled: the primary key makes a replay a no-op.
import { prisma } from "~/utils/db.server";

/** Records the event; false when it was already recorded (a replay). */
export async function recordPaymentEvent({ id, type }: { id: string; type: string }): Promise<boolean> {
  const rows =
    await prisma.$executeRaw`INSERT INTO "ProcessedPaymentEvent" ("id", "type") VALUES (${id}, ${type}) ON CONFLICT ("id") DO NOTHING`;
  return rows > 0;
}

export async function forgetPaymentEvent({ id }: { id: string }) {
  await prisma.processedPaymentEvent.deleteMany({ where: { id } });
}

export function countPaymentEvents() {
  return prisma.processedPaymentEvent.count();
}
