// Farm statements of a cycle and their ledger entries (docs/decisions/037). Reads are scoped by hub
// (the coordinator) or by the farm's owner (the farmer); writes take the service's transaction.
import type { LedgerKind, StatementPayoutMethod } from "~generated/prisma/enums.ts";
import type { Prisma } from "~generated/prisma/client.ts";
import { COUNTED_ORDER_STATUSES } from "~/domain/order-status";
import type { SoldLine, StatementLine } from "~/domain/statement";
import { defaultDb, type Db } from "./database.server";

const STATEMENT_SELECT = {
  id: true,
  hubId: true,
  farmId: true,
  cycleId: true,
  status: true,
  currency: true,
  grossMinor: true,
  commissionBasisPoints: true,
  commissionMinor: true,
  netMinor: true,
  lines: true,
  approvedAt: true,
  approvedById: true,
  paidAt: true,
  payoutMethod: true,
  payoutReference: true,
  stripeTransferId: true,
  transferAttempt: true,
  stripeReversalId: true,
  reversedAt: true,
  reversedMinor: true,
  version: true,
  createdAt: true,
} satisfies Prisma.FarmStatementSelect;

export type StoredStatement = Prisma.FarmStatementGetPayload<{ select: typeof STATEMENT_SELECT }>;

/** The cycle of the hub with what statements need: its status, currency, rate and counted orders' statuses. */
export async function getCycleForStatements(db: Db, { hubId, cycleId }: { hubId: string; cycleId: string }) {
  const cycle = await db.deliveryCycle.findFirst({
    where: { id: cycleId, hubId },
    select: {
      id: true,
      name: true,
      status: true,
      deliveryDate: true,
      hub: { select: { id: true, name: true, currency: true, commissionBasisPoints: true } },
      orders: { where: { status: { in: [...COUNTED_ORDER_STATUSES] } }, select: { status: true } },
    },
  });
  if (!cycle) return null;
  return { ...cycle, countedOrderStatuses: cycle.orders.map((o) => o.status as string) };
}

/**
 * The farms that sold in the cycle (a counted order line), or have a statement of it (an approved
 * statement stays even if its orders were cancelled since), with their rate and payout account.
 */
export function listCycleFarms(db: Db, { hubId, cycleId }: { hubId: string; cycleId: string }) {
  return db.farm.findMany({
    where: {
      OR: [
        { orderLines: { some: { order: { cycleId, hubId, status: { in: [...COUNTED_ORDER_STATUSES] } } } } },
        { statements: { some: { cycleId, hubId } } },
      ],
    },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      commissionBasisPoints: true,
      payoutStatus: true,
      stripeAccountId: true,
    },
  });
}
export type CycleFarm = Awaited<ReturnType<typeof listCycleFarms>>[number];

/** The counted order lines of the cycle, of one farm or all of them, as packed (after adjustments). */
export async function listCycleSoldLines(
  db: Db,
  { hubId, cycleId, farmId }: { hubId: string; cycleId: string; farmId?: string },
): Promise<Array<SoldLine & { farmId: string }>> {
  const lines = await db.orderLine.findMany({
    where: {
      ...(farmId ? { farmId } : {}),
      order: { cycleId, hubId, status: { in: [...COUNTED_ORDER_STATUSES] } },
    },
    orderBy: [{ order: { number: "asc" } }, { productName: "asc" }],
    select: {
      farmId: true,
      productName: true,
      unit: true,
      quantityMilli: true,
      unitPriceMinor: true,
      lineTotalMinor: true,
      orderedTotalMinor: true,
      order: { select: { id: true, number: true, status: true } },
    },
  });
  return lines.map((line) => ({
    farmId: line.farmId,
    orderId: line.order.id,
    orderNumber: line.order.number,
    orderStatus: line.order.status,
    productName: line.productName,
    unit: line.unit,
    quantityMilli: line.quantityMilli,
    unitPriceMinor: line.unitPriceMinor,
    lineTotalMinor: line.lineTotalMinor,
    orderedTotalMinor: line.orderedTotalMinor,
  }));
}

/** The statements stored for the cycle (approved or paid; a draft row is made on approval). */
export function listCycleStatements(db: Db, { hubId, cycleId }: { hubId: string; cycleId: string }) {
  return db.farmStatement.findMany({ where: { hubId, cycleId }, select: STATEMENT_SELECT });
}

/** What the cycle's buyers paid: card charges less refunds (ledger), and other orders marked paid. */
export async function collectedFromBuyers(db: Db, { hubId, cycleId }: { hubId: string; cycleId: string }) {
  const [card, other] = await Promise.all([
    db.ledgerEntry.aggregate({
      where: { hubId, kind: { in: ["CHARGE", "REFUND"] }, order: { cycleId } },
      _sum: { amountMinor: true },
    }),
    db.order.aggregate({
      where: {
        hubId,
        cycleId,
        paymentMethod: { not: "CARD" },
        paymentStatus: "PAID",
        status: { in: [...COUNTED_ORDER_STATUSES] },
      },
      _sum: { totalMinor: true },
    }),
  ]);
  return (card._sum.amountMinor ?? 0) + (other._sum.totalMinor ?? 0);
}

/** Makes the farm's draft row for the cycle if there is none (two at once: one row), and locks it. */
export async function lockStatement(
  db: Db,
  { hubId, farmId, cycleId, currency }: { hubId: string; farmId: string; cycleId: string; currency: string },
): Promise<StoredStatement> {
  await db.$executeRaw`
    INSERT INTO "FarmStatement" ("id", "hubId", "farmId", "cycleId", "currency", "updatedAt")
    VALUES (${`stmt_${cycleId}_${farmId}`}, ${hubId}, ${farmId}, ${cycleId}, ${currency}, now())
    ON CONFLICT ("farmId", "cycleId") DO NOTHING`;
  await db.$queryRaw`SELECT id FROM "FarmStatement" WHERE "farmId" = ${farmId} AND "cycleId" = ${cycleId} FOR UPDATE`;
  return db.farmStatement.findUniqueOrThrow({
    where: { farmId_cycleId: { farmId, cycleId } },
    select: STATEMENT_SELECT,
  });
}

/** Locks a stored statement of the hub (null: none such). */
export async function lockStatementById(db: Db, { hubId, statementId }: { hubId: string; statementId: string }) {
  await db.$queryRaw`SELECT id FROM "FarmStatement" WHERE id = ${statementId} AND "hubId" = ${hubId} FOR UPDATE`;
  return db.farmStatement.findFirst({ where: { id: statementId, hubId }, select: STATEMENT_SELECT });
}

export function getHubStatement(db: Db, { hubId, statementId }: { hubId: string; statementId: string }) {
  return db.farmStatement.findFirst({
    where: { id: statementId, hubId },
    select: {
      ...STATEMENT_SELECT,
      farm: { select: { id: true, name: true, payoutStatus: true, stripeAccountId: true } },
    },
  });
}

/** DRAFT → APPROVED with the snapshot, only from DRAFT (a conditional write): true when this call approved it. */
export async function approveStatementRow(
  db: Db,
  input: {
    id: string;
    grossMinor: number;
    commissionBasisPoints: number;
    commissionMinor: number;
    netMinor: number;
    lines: StatementLine[];
    byUserId: string;
    now: Date;
  },
): Promise<boolean> {
  const { count } = await db.farmStatement.updateMany({
    where: { id: input.id, status: "DRAFT" },
    data: {
      status: "APPROVED",
      grossMinor: input.grossMinor,
      commissionBasisPoints: input.commissionBasisPoints,
      commissionMinor: input.commissionMinor,
      netMinor: input.netMinor,
      lines: input.lines as unknown as Prisma.InputJsonValue,
      approvedAt: input.now,
      approvedById: input.byUserId,
      version: { increment: 1 },
    },
  });
  return count === 1;
}

/** APPROVED → PAID, only from APPROVED: true when this call recorded the payment. */
export async function markStatementPaid(
  db: Db,
  input: {
    id: string;
    method: StatementPayoutMethod;
    reference?: string | null;
    stripeTransferId?: string | null;
    byUserId: string;
    now: Date;
  },
): Promise<boolean> {
  const { count } = await db.farmStatement.updateMany({
    where: { id: input.id, status: "APPROVED" },
    data: {
      status: "PAID",
      payoutMethod: input.method,
      payoutReference: input.reference ?? null,
      stripeTransferId: input.stripeTransferId ?? null,
      paidAt: input.now,
      paidById: input.byUserId,
      version: { increment: 1 },
    },
  });
  return count === 1;
}

/** Stripe refused the transfer (nothing moved): the next try gets a new idempotency key. */
export async function bumpTransferAttempt(db: Db, { id, attempt }: { id: string; attempt: number }) {
  await db.farmStatement.updateMany({
    where: { id, status: "APPROVED", transferAttempt: attempt },
    data: { transferAttempt: { increment: 1 } },
  });
}

/** Records a transfer's reversal once (only where none is recorded). */
export async function markStatementReversed(
  db: Db,
  input: { id: string; reversalId: string; amountMinor: number; now: Date },
): Promise<boolean> {
  const { count } = await db.farmStatement.updateMany({
    where: { id: input.id, status: "PAID", payoutMethod: "STRIPE", stripeReversalId: null },
    data: {
      stripeReversalId: input.reversalId,
      reversedMinor: input.amountMinor,
      reversedAt: input.now,
      version: { increment: 1 },
    },
  });
  return count === 1;
}

export interface StatementLedgerEntry {
  key: string;
  hubId: string;
  farmId: string;
  statementId: string;
  kind: Extract<LedgerKind, "COMMISSION" | "TRANSFER" | "REVERSAL" | "PAYOUT">;
  amountMinor: number;
  currency: string;
  stripeTransferId?: string | null;
  createdAt?: Date;
}

/** Adds a statement's ledger entry once: false when its key (or Stripe id) is already there. */
export async function addStatementLedgerEntry(db: Db, entry: StatementLedgerEntry): Promise<boolean> {
  const count = await db.$executeRaw`
    INSERT INTO "LedgerEntry" ("id", "hubId", "orderId", "farmId", "statementId", "kind", "amountMinor", "currency",
      "stripeTransferId", "key", "createdAt")
    VALUES (${`led_${entry.key}`}, ${entry.hubId}, NULL, ${entry.farmId}, ${entry.statementId},
      ${entry.kind}::"LedgerKind", ${entry.amountMinor}, ${entry.currency}, ${entry.stripeTransferId ?? null},
      ${entry.key}, ${entry.createdAt ?? new Date()})
    ON CONFLICT DO NOTHING`;
  return count === 1;
}

/** The ledger entries of the cycle's statements (reconciliation, CSV). */
export function listCycleStatementLedger(db: Db, { hubId, cycleId }: { hubId: string; cycleId: string }) {
  return db.ledgerEntry.findMany({
    where: { hubId, statement: { cycleId } },
    orderBy: [{ createdAt: "asc" }, { key: "asc" }],
    select: { kind: true, amountMinor: true, statementId: true, farmId: true, stripeTransferId: true, key: true },
  });
}

// ----- The farmer's side: only statements of the farm they own -----

/** The farmer's farm's statements (approved or paid), newest cycle first. */
export function listFarmStatementsForOwner({ ownerId }: { ownerId: string }) {
  return defaultDb.farmStatement.findMany({
    where: { farm: { ownerId }, status: { in: ["APPROVED", "PAID"] } },
    orderBy: [{ cycle: { deliveryDate: "desc" } }, { createdAt: "desc" }],
    select: {
      ...STATEMENT_SELECT,
      farm: { select: { name: true } },
      cycle: { select: { name: true, deliveryDate: true } },
    },
  });
}

/** One statement of the farmer's own farm (null for another farm's, or a draft). */
export function getFarmStatementForOwner({ ownerId, statementId }: { ownerId: string; statementId: string }) {
  return defaultDb.farmStatement.findFirst({
    where: { id: statementId, farm: { ownerId }, status: { in: ["APPROVED", "PAID"] } },
    select: {
      ...STATEMENT_SELECT,
      farm: { select: { name: true, address: true } },
      hub: { select: { name: true } },
      cycle: { select: { name: true, deliveryDate: true } },
    },
  });
}
