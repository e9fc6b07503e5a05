// Producer statements and payouts (issue 15, docs/decisions/037). A farm's statement of a cycle is
// computed live while it is a draft (from the counted order lines as packed), frozen on approval
// (once the cycle is delivered), then paid: by a Stripe transfer to the farm's Connect account
// (separate charges and transfers, one transfer group per cycle) or by hand with a bank-transfer
// reference. Every money movement is an immutable ledger entry. Stripe is called outside the
// database transaction and recorded after it answers; its idempotency keys make a retry safe.
import { commissionBasisPoints } from "~/domain/commission";
import { toCsv } from "~/domain/csv";
import { minorToInput } from "~/domain/money";
import {
  computeStatement,
  cycleMoney,
  isCycleDelivered,
  transferGroupOf,
  type StatementLine,
  type StatementStatus,
} from "~/domain/statement";
import { serverT } from "~/i18n/i18n.server";
import {
  createStatementTransfer,
  isStripeConfigured,
  reverseStatementTransfer,
  stripeFailure,
} from "~/integrations/stripe.server";
import { defaultDb, withTransaction } from "~/models/database.server";
import {
  addStatementLedgerEntry,
  approveStatementRow,
  bumpTransferAttempt,
  collectedFromBuyers,
  getCycleForStatements,
  getFarmStatementForOwner,
  getHubStatement,
  listCycleFarms,
  listCycleSoldLines,
  listCycleStatements,
  listFarmStatementsForOwner,
  lockStatement,
  lockStatementById,
  markStatementPaid,
  markStatementReversed,
  type StoredStatement,
} from "~/models/statement.server";

export type StatementFailure = { ok: false; status: 400 | 404 | 409 | 503; message: string };

const fail = (
  status: StatementFailure["status"],
  key: string,
  values: Record<string, unknown> = {},
): StatementFailure => ({
  ok: false,
  status,
  message: serverT("messages")(`statements.${key}`, values),
});

/** One farm's statement as the coordinator's page shows it. */
export interface StatementView {
  /** Null while the draft has never been stored (drafts are computed live). */
  id: string | null;
  farmId: string;
  farmName: string;
  payoutStatus: string;
  status: StatementStatus;
  grossMinor: number;
  commissionBasisPoints: number;
  commissionMinor: number;
  netMinor: number;
  lineCount: number;
  version: number;
  approvedAt: Date | null;
  paidAt: Date | null;
  payoutMethod: "STRIPE" | "MANUAL" | null;
  payoutReference: string | null;
  stripeTransferId: string | null;
  reversedMinor: number;
  /** The buttons that apply now. */
  canApprove: boolean;
  canPayByStripe: boolean;
  canMarkPaid: boolean;
}

const storedLines = (statement: StoredStatement): StatementLine[] =>
  Array.isArray(statement.lines) ? (statement.lines as unknown as StatementLine[]) : [];

/** Whether a farm's statement is paid through Stripe (its account can receive transfers) or by hand. */
function paysByStripe(farm: { payoutStatus: string; stripeAccountId: string | null }, netMinor: number) {
  return isStripeConfigured() && farm.payoutStatus === "ENABLED" && farm.stripeAccountId !== null && netMinor > 0;
}

/** The cycle's statements (drafts computed live, approved and paid ones from their snapshot) and the hub's money. */
export async function getCycleStatements({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const db = defaultDb;
  const cycle = await getCycleForStatements(db, { hubId, cycleId });
  if (!cycle) return null;
  const [farms, lines, stored, collectedMinor] = await Promise.all([
    listCycleFarms(db, { hubId, cycleId }),
    listCycleSoldLines(db, { hubId, cycleId }),
    listCycleStatements(db, { hubId, cycleId }),
    collectedFromBuyers(db, { hubId, cycleId }),
  ]);
  const delivered = isCycleDelivered(cycle.status, cycle.countedOrderStatuses);
  const byFarm = new Map(stored.map((s) => [s.farmId, s]));
  const statements: StatementView[] = farms.map((farm) => {
    const row = byFarm.get(farm.id);
    const base = { farmId: farm.id, farmName: farm.name, payoutStatus: farm.payoutStatus };
    if (row && row.status !== "DRAFT") {
      const net = row.netMinor ?? 0;
      return {
        ...base,
        id: row.id,
        status: row.status,
        grossMinor: row.grossMinor ?? 0,
        commissionBasisPoints: row.commissionBasisPoints ?? 0,
        commissionMinor: row.commissionMinor ?? 0,
        netMinor: net,
        lineCount: storedLines(row).length,
        version: row.version,
        approvedAt: row.approvedAt,
        paidAt: row.paidAt,
        payoutMethod: row.payoutMethod,
        payoutReference: row.payoutReference,
        stripeTransferId: row.stripeTransferId,
        reversedMinor: row.reversedMinor ?? 0,
        canApprove: false,
        canPayByStripe: row.status === "APPROVED" && paysByStripe(farm, net),
        canMarkPaid: row.status === "APPROVED" && !paysByStripe(farm, net),
      };
    }
    const figures = computeStatement(
      lines.filter((l) => l.farmId === farm.id),
      commissionBasisPoints(cycle.hub, farm),
    );
    return {
      ...base,
      id: row?.id ?? null,
      status: "DRAFT",
      grossMinor: figures.grossMinor,
      commissionBasisPoints: figures.commissionBasisPoints,
      commissionMinor: figures.commissionMinor,
      netMinor: figures.netMinor,
      lineCount: figures.lines.length,
      version: row?.version ?? 0,
      approvedAt: null,
      paidAt: null,
      payoutMethod: null,
      payoutReference: null,
      stripeTransferId: null,
      reversedMinor: 0,
      canApprove: delivered,
      canPayByStripe: false,
      canMarkPaid: false,
    };
  });
  return {
    cycle: { id: cycle.id, name: cycle.name, status: cycle.status, deliveryDate: cycle.deliveryDate },
    currency: cycle.hub.currency,
    delivered,
    stripe: isStripeConfigured(),
    statements,
    money: cycleMoney(collectedMinor, statements),
  };
}
export type CycleStatements = NonNullable<Awaited<ReturnType<typeof getCycleStatements>>>;

/**
 * Approves a farm's statement of a delivered cycle: freezes its figures and lines and writes the
 * hub's COMMISSION ledger entry, in one transaction. The row is locked and moved only from DRAFT,
 * so a double click or two coordinators approve once (the second finds it approved: not an error).
 */
export async function approveStatement({
  hubId,
  cycleId,
  farmId,
  userId,
  version,
  now = new Date(),
}: {
  hubId: string;
  cycleId: string;
  farmId: string;
  userId: string;
  /** The version the form was made from (a stale form is refused). */
  version?: number;
  now?: Date;
}): Promise<{ ok: true; statementId: string; approvedNow: boolean } | StatementFailure> {
  const cycle = await getCycleForStatements(defaultDb, { hubId, cycleId });
  if (!cycle) return fail(404, "cycleNotFound");
  const farm = (await listCycleFarms(defaultDb, { hubId, cycleId })).find((f) => f.id === farmId);
  if (!farm) return fail(404, "farmNotInCycle");
  if (!isCycleDelivered(cycle.status, cycle.countedOrderStatuses)) return fail(409, "notDelivered");
  return withTransaction(async (tx) => {
    const row = await lockStatement(tx, { hubId, farmId, cycleId, currency: cycle.hub.currency });
    if (row.status !== "DRAFT") return { ok: true as const, statementId: row.id, approvedNow: false };
    if (version !== undefined && version !== row.version) return fail(409, "stale");
    const figures = computeStatement(
      await listCycleSoldLines(tx, { hubId, cycleId, farmId }),
      commissionBasisPoints(cycle.hub, farm),
    );
    const approved = await approveStatementRow(tx, { id: row.id, ...figures, byUserId: userId, now });
    if (!approved) return { ok: true as const, statementId: row.id, approvedNow: false };
    await addStatementLedgerEntry(tx, {
      key: `commission:${row.id}`,
      hubId,
      farmId,
      statementId: row.id,
      kind: "COMMISSION",
      amountMinor: figures.commissionMinor,
      currency: row.currency,
      createdAt: now,
    });
    return { ok: true as const, statementId: row.id, approvedNow: true };
  });
}

/**
 * Pays an approved statement by a Stripe transfer of its net to the farm's Connect account. Paying
 * twice pays once: the transfer's idempotency key is the statement's (`statement-transfer-<id>`),
 * so a retry, a double click or a retry after a crash between Stripe's answer and our write gets the
 * same transfer back, and the payment is recorded only from APPROVED. When Stripe refuses (nothing
 * moved), the next try uses a new key (`statement-transfer-<id>-<n>`), since Stripe would replay the
 * refusal under the old one.
 */
export async function payStatement({
  hubId,
  statementId,
  userId,
  version,
  now = new Date(),
}: {
  hubId: string;
  statementId: string;
  userId: string;
  version?: number;
  now?: Date;
}): Promise<{ ok: true; transferId: string; paidNow: boolean } | StatementFailure> {
  const statement = await getHubStatement(defaultDb, { hubId, statementId });
  if (!statement) return fail(404, "notFound");
  if (statement.status === "PAID") {
    if (statement.payoutMethod === "STRIPE" && statement.stripeTransferId)
      return { ok: true, transferId: statement.stripeTransferId, paidNow: false };
    return fail(409, "alreadyPaidByHand");
  }
  if (statement.status !== "APPROVED") return fail(409, "notApproved");
  if (!isStripeConfigured()) return fail(409, "stripeNotConfigured");
  const net = statement.netMinor ?? 0;
  if (net <= 0) return fail(409, "nothingToTransfer");
  if (statement.farm.payoutStatus !== "ENABLED" || !statement.farm.stripeAccountId)
    return fail(409, "farmNotEnabled", { farm: statement.farm.name });
  if (version !== undefined && version !== statement.version) return fail(409, "stale");

  let transfer: { id: string; amount: number };
  try {
    transfer = await createStatementTransfer({
      statementId: statement.id,
      farmId: statement.farmId,
      cycleId: statement.cycleId,
      amountMinor: net,
      currency: statement.currency,
      destination: statement.farm.stripeAccountId,
      transferGroup: transferGroupOf(statement.cycleId),
      attempt: statement.transferAttempt,
    });
  } catch (error) {
    const failure = stripeFailure(error);
    console.error("[statements] Stripe transfer failed:", failure.message);
    if (failure.refused) {
      await bumpTransferAttempt(defaultDb, { id: statement.id, attempt: statement.transferAttempt });
      return fail(409, "transferRefused", { reason: failure.message });
    }
    return fail(503, "stripeUnavailable");
  }

  return withTransaction(async (tx) => {
    // The money moved: its ledger entry is written whatever the statement's state (keyed by the
    // transfer id, so the same transfer is recorded once).
    await addStatementLedgerEntry(tx, {
      key: `transfer:${transfer.id}`,
      hubId,
      farmId: statement.farmId,
      statementId: statement.id,
      kind: "TRANSFER",
      amountMinor: transfer.amount,
      currency: statement.currency,
      stripeTransferId: transfer.id,
      createdAt: now,
    });
    const paid = await markStatementPaid(tx, {
      id: statement.id,
      method: "STRIPE",
      stripeTransferId: transfer.id,
      byUserId: userId,
      now,
    });
    if (paid) return { ok: true as const, transferId: transfer.id, paidNow: true };
    const current = await lockStatementById(tx, { hubId, statementId });
    if (current?.stripeTransferId === transfer.id)
      return { ok: true as const, transferId: transfer.id, paidNow: false };
    // Marked paid by hand while the transfer was being made: the farm got both. Say so plainly.
    console.error(`[statements] statement ${statementId} paid by hand and by transfer ${transfer.id}`);
    return fail(409, "paidTwice", { transfer: transfer.id });
  });
}

/**
 * Records an approved statement as paid by hand (a bank transfer), with its reference: for farms
 * that cannot receive Stripe transfers. A PAYOUT ledger entry of the net, once.
 */
export async function markStatementPaidByHand({
  hubId,
  statementId,
  reference,
  userId,
  version,
  now = new Date(),
}: {
  hubId: string;
  statementId: string;
  reference: string;
  userId: string;
  version?: number;
  now?: Date;
}): Promise<{ ok: true; paidNow: boolean } | StatementFailure> {
  const ref = reference.trim();
  if (!ref) return fail(400, "referenceRequired");
  const statement = await getHubStatement(defaultDb, { hubId, statementId });
  if (!statement) return fail(404, "notFound");
  if (statement.status === "PAID") {
    if (statement.payoutMethod === "MANUAL" && statement.payoutReference === ref) return { ok: true, paidNow: false };
    return fail(409, statement.payoutMethod === "STRIPE" ? "alreadyPaidByStripe" : "alreadyPaidByHand");
  }
  if (statement.status !== "APPROVED") return fail(409, "notApproved");
  if (paysByStripe(statement.farm, statement.netMinor ?? 0)) return fail(409, "useStripe");
  if (version !== undefined && version !== statement.version) return fail(409, "stale");
  return withTransaction(async (tx) => {
    const paid = await markStatementPaid(tx, {
      id: statement.id,
      method: "MANUAL",
      reference: ref,
      byUserId: userId,
      now,
    });
    if (!paid) {
      const current = await lockStatementById(tx, { hubId, statementId });
      if (current?.payoutMethod === "MANUAL" && current.payoutReference === ref)
        return { ok: true as const, paidNow: false };
      return fail(409, "alreadyPaidByHand");
    }
    await addStatementLedgerEntry(tx, {
      key: `payout:${statement.id}`,
      hubId,
      farmId: statement.farmId,
      statementId: statement.id,
      kind: "PAYOUT",
      amountMinor: statement.netMinor ?? 0,
      currency: statement.currency,
      createdAt: now,
    });
    return { ok: true as const, paidNow: true };
  });
}

/**
 * Takes back (part of) a paid statement's Stripe transfer, e.g. after a later refund to a buyer:
 * `transfers.createReversal`, once per statement (idempotency key `statement-reversal-<id>`), and
 * a REVERSAL ledger entry (negative: money back from the farm).
 */
export async function reverseStatement({
  hubId,
  statementId,
  amountMinor,
  now = new Date(),
}: {
  hubId: string;
  statementId: string;
  /** Default: the whole net. */
  amountMinor?: number;
  now?: Date;
}): Promise<{ ok: true; reversalId: string; reversedNow: boolean } | StatementFailure> {
  const statement = await getHubStatement(defaultDb, { hubId, statementId });
  if (!statement) return fail(404, "notFound");
  if (statement.stripeReversalId) return { ok: true, reversalId: statement.stripeReversalId, reversedNow: false };
  if (statement.status !== "PAID" || statement.payoutMethod !== "STRIPE" || !statement.stripeTransferId)
    return fail(409, "notReversible");
  const net = statement.netMinor ?? 0;
  const amount = amountMinor ?? net;
  if (!Number.isInteger(amount) || amount < 1 || amount > net)
    return fail(400, "reversalAmount", { max: minorToInput(net) });
  if (!isStripeConfigured()) return fail(409, "stripeNotConfigured");
  let reversal: { id: string; amount: number };
  try {
    reversal = await reverseStatementTransfer({
      statementId: statement.id,
      transferId: statement.stripeTransferId,
      amountMinor: amount,
    });
  } catch (error) {
    const failure = stripeFailure(error);
    console.error("[statements] Stripe reversal failed:", failure.message);
    if (failure.refused) return fail(409, "reversalRefused", { reason: failure.message });
    return fail(503, "stripeUnavailable");
  }
  return withTransaction(async (tx) => {
    await addStatementLedgerEntry(tx, {
      key: `reversal:${reversal.id}`,
      hubId,
      farmId: statement.farmId,
      statementId: statement.id,
      kind: "REVERSAL",
      amountMinor: -reversal.amount,
      currency: statement.currency,
      stripeTransferId: reversal.id,
      createdAt: now,
    });
    const reversed = await markStatementReversed(tx, {
      id: statement.id,
      reversalId: reversal.id,
      amountMinor: reversal.amount,
      now,
    });
    return { ok: true as const, reversalId: reversal.id, reversedNow: reversed };
  });
}

/** The cycle's statements as a CSV file (one row per farm), in the current request's language. */
export async function getCycleStatementsCsv({ hubId, cycleId }: { hubId: string; cycleId: string }) {
  const data = await getCycleStatements({ hubId, cycleId });
  if (!data) return null;
  const t = serverT("hub");
  const header = [
    "statements.csv.farm",
    "statements.csv.status",
    "statements.csv.currency",
    "statements.csv.gross",
    "statements.csv.commissionPercent",
    "statements.csv.commission",
    "statements.csv.net",
    "statements.csv.payoutMethod",
    "statements.csv.reference",
    "statements.csv.reversed",
    "statements.csv.approvedAt",
    "statements.csv.paidAt",
  ].map((key) => t(key));
  const rows = data.statements.map((s) => [
    s.farmName,
    s.status,
    data.currency,
    minorToInput(s.grossMinor),
    (s.commissionBasisPoints / 100).toFixed(2),
    minorToInput(s.commissionMinor),
    minorToInput(s.netMinor),
    s.payoutMethod ?? "",
    s.payoutMethod === "STRIPE" ? (s.stripeTransferId ?? "") : (s.payoutReference ?? ""),
    minorToInput(s.reversedMinor),
    s.approvedAt?.toISOString() ?? "",
    s.paidAt?.toISOString() ?? "",
  ]);
  return { csv: toCsv([header, ...rows]), cycleName: data.cycle.name };
}

// ----- The farmer's side -----

/** The farmer's statements (approved or paid), newest cycle first. */
export async function listOwnStatements({ ownerId }: { ownerId: string }) {
  const rows = await listFarmStatementsForOwner({ ownerId });
  return rows.map((s) => ({
    id: s.id,
    cycleName: s.cycle.name,
    deliveryDate: s.cycle.deliveryDate,
    status: s.status,
    currency: s.currency,
    grossMinor: s.grossMinor ?? 0,
    commissionMinor: s.commissionMinor ?? 0,
    netMinor: s.netMinor ?? 0,
    paidAt: s.paidAt,
    payoutMethod: s.payoutMethod,
    reversedMinor: s.reversedMinor ?? 0,
  }));
}

/** One statement of the farmer's own farm, with its lines (null: not theirs, or not approved yet). */
export async function getOwnStatement({ ownerId, statementId }: { ownerId: string; statementId: string }) {
  const s = await getFarmStatementForOwner({ ownerId, statementId });
  if (!s) return null;
  return {
    id: s.id,
    farmName: s.farm.name,
    farmAddress: s.farm.address,
    hubName: s.hub.name,
    cycleName: s.cycle.name,
    deliveryDate: s.cycle.deliveryDate,
    status: s.status,
    currency: s.currency,
    lines: storedLines(s),
    grossMinor: s.grossMinor ?? 0,
    commissionBasisPoints: s.commissionBasisPoints ?? 0,
    commissionMinor: s.commissionMinor ?? 0,
    netMinor: s.netMinor ?? 0,
    approvedAt: s.approvedAt,
    paidAt: s.paidAt,
    payoutMethod: s.payoutMethod,
    payoutReference: s.payoutReference,
    stripeTransferId: s.stripeTransferId,
    reversedMinor: s.reversedMinor ?? 0,
    reversedAt: s.reversedAt,
  };
}
export type OwnStatement = NonNullable<Awaited<ReturnType<typeof getOwnStatement>>>;

/** A statement of the farmer's own farm as a CSV file: its lines, then gross, commission and net. */
export async function getOwnStatementCsv({ ownerId, statementId }: { ownerId: string; statementId: string }) {
  const s = await getOwnStatement({ ownerId, statementId });
  if (!s) return null;
  const t = serverT("farmer");
  const rows: Array<Array<string | number>> = [
    [
      "statements.csv.order",
      "statements.csv.product",
      "statements.csv.quantity",
      "statements.csv.unit",
      "statements.csv.unitPrice",
      "statements.csv.lineTotal",
      "statements.csv.orderedTotal",
    ].map((k) => t(k)),
    ...s.lines.map((l) => [
      l.orderNumber,
      l.productName,
      (l.quantityMilli / 1000).toString(),
      l.unit,
      minorToInput(l.unitPriceMinor),
      minorToInput(l.lineTotalMinor),
      l.orderedTotalMinor === null ? "" : minorToInput(l.orderedTotalMinor),
    ]),
    [],
    [t("statements.csv.gross"), "", "", "", "", minorToInput(s.grossMinor)],
    [
      t("statements.csv.commission", { percent: (s.commissionBasisPoints / 100).toFixed(2) }),
      "",
      "",
      "",
      "",
      minorToInput(-s.commissionMinor),
    ],
    [t("statements.csv.net"), "", "", "", "", minorToInput(s.netMinor)],
  ];
  return { csv: toCsv(rows), filename: `${s.farmName}-${s.cycleName}-statement.csv` };
}
