// Delivery day: a driver starts a route and marks stops delivered or failed; buyers see the
// order's status move (OUT_FOR_DELIVERY → DELIVERED / FAILED). The manifest and the driver page
// read the same route sheet: each stop with the items to collect or drop, for its part of the
// place's goods (a place with chilled and ambient goods is two stops, maybe on two routes).
import { randomUUID } from "node:crypto";
import type { Unit } from "~/domain/catalogue";
import {
  checkFailure,
  checkProof,
  driverMayCorrect,
  lineOutcomes,
  photoTakenAtToKeep,
  type FailureCode,
  type MarkPosition,
  type MarkStatus,
  type ProofKindCode,
  type ShortageInput,
  type StopOutcomeView,
} from "~/domain/delivery-proof";
import { message, type Message } from "~/domain/message";
import { messageText } from "~/i18n/messages";
import { cycleRangeConditions, effectiveRangeMetres, stopCarriesLine, stopPartLabel } from "~/domain/planning";
import { cycleStatusAfterDeliveryMarks } from "~/domain/cycles";
import { orderStatusFromParts } from "~/domain/planning/progress";
import { defaultDb, isUniqueViolation, withTransaction } from "~/models/database.server";
import {
  applyStopOutcome,
  createDeliveryMark,
  findDeliveryMark,
  findProofPhotoViewers,
  findStopForMark,
  listOrderStopOutcomes,
  setLineDeliveries,
  type StopOutcomeData,
} from "~/models/delivery-mark.server";
import { checkSignatureImage, deleteImage, readImage, saveImage, UPLOAD_NAME_PATTERN } from "~/services/upload.server";
import { setCycleStatus } from "~/models/hub.server";
import { setOrderDeliveryOutcome } from "~/models/order.server";
import {
  countPendingDeliveryStops,
  findCurrentPlanId,
  findRouteForHub,
  listFarmPickLines,
  listOrderDeliveryParts,
  markRouteOrdersOut,
} from "~/models/route-plan.server";
import { serverT } from "~/i18n/i18n.server";
import { afterRouteStarted, afterStopMarked } from "./delivery-notice.server";

export type DeliveryMarkResult =
  | { ok: true; count: number; /** A replay of a recorded mark: nothing changed. */ replayed?: boolean }
  | { ok: false; status: 400 | 404 | 409; message: string };

const superseded = () => serverT("messages")("delivery.superseded");

export interface SheetItem {
  productName: string;
  quantityMilli: number;
  unit: Unit;
  chilled: boolean;
}

/**
 * Who may open a route: the hub's coordinator (`driverId` null: any route of the hub) or a driver
 * of the hub (only the routes assigned to them). Anything else finds no route: 404.
 */
export interface RouteAccess {
  hubId: string;
  driverId?: string | null;
}

/**
 * A route with, on each stop, the items handled there (collection: summed per product across
 * orders), and its vehicle's range for the cycle (metres; null: no limit).
 */
export async function getRouteSheet({ hubId, driverId = null, routeId }: RouteAccess & { routeId: string }) {
  const route = await findRouteForHub({ hubId, routeId, driverId });
  if (!route) return null;
  const farmIds = [...new Set(route.stops.flatMap((s) => (s.farm ? [s.farm.id] : [])))];
  const pick = route.kind === "COLLECTION" ? await listFarmPickLines({ cycleId: route.plan.cycle.id, farmIds }) : [];
  const stops = route.stops.map((stop) => {
    const order = stop.order;
    let items: SheetItem[];
    if (stop.farm) {
      const byProduct = new Map<string, SheetItem>();
      for (const line of pick) {
        if (line.farmId !== stop.farm.id || !stopCarriesLine(stop.cargo, line.chilled)) continue;
        const key = `${line.productId}|${line.unit}|${line.chilled}`;
        const item = byProduct.get(key) ?? {
          productName: line.productName,
          quantityMilli: 0,
          unit: line.unit,
          chilled: line.chilled,
        };
        item.quantityMilli += line.quantityMilli;
        byProduct.set(key, item);
      }
      items = [...byProduct.values()];
    } else {
      items = (order?.lines ?? [])
        .filter((l) => stopCarriesLine(stop.cargo, l.chilled))
        .map((l) => ({ productName: l.productName, quantityMilli: l.quantityMilli, unit: l.unit, chilled: l.chilled }));
    }
    return {
      ...stop,
      items,
      partLabel: stopPartLabel(stop.cargo),
    };
  });
  const { hub, ...cycle } = route.plan.cycle;
  const rangeMetres = effectiveRangeMetres(route.vehicle, cycleRangeConditions(hub, cycle.deliveryDate));
  return {
    ...route,
    plan: { ...route.plan, cycle },
    stops,
    rangeMetres,
    timeZone: hub.timeZone,
    depot: { lat: hub.depotLat, lng: hub.depotLng },
  };
}

/** Marks from an old driver link (a plan replaced since) are refused: they would land on stops nobody drives. */
async function currentRoute({ hubId, driverId, routeId }: RouteAccess & { routeId: string }) {
  const route = await findRouteForHub({ hubId, routeId, driverId });
  if (!route) return { ok: false, status: 404, message: serverT("messages")("delivery.routeNotFound") } as const;
  if ((await findCurrentPlanId({ cycleId: route.plan.cycle.id })) !== route.plan.id)
    return { ok: false, status: 409, message: superseded() } as const;
  return { ok: true, route } as const;
}

/** The route a mark names, for a page that checks it before reading the form: 404 or 409 (superseded). */
export async function checkRouteForMarks(access: RouteAccess & { routeId: string }) {
  const found = await currentRoute(access);
  return found.ok ? ({ ok: true } as const) : found;
}

export async function startRoute({
  hubId,
  driverId = null,
  routeId,
  now = new Date(),
}: RouteAccess & { routeId: string; now?: Date }): Promise<DeliveryMarkResult> {
  const found = await currentRoute({ hubId, driverId, routeId });
  if (!found.ok) return found;
  if (found.route.kind !== "DELIVERY") return { ok: true, count: 0 };
  const result = { ok: true, count: await markRouteOrdersOut({ routeId }) } as const;
  await afterRouteStarted({ result, routeId, now });
  return result;
}

export interface MarkProof {
  kind: ProofKindCode | null;
  recipient?: string | null;
  safePlace?: string | null;
  /** The uploaded photo (an empty file input counts as none). */
  photo?: File | null;
  /** The signature drawn on the driver's screen, a PNG (SIGNATURE proofs; `recipient` is the signer). */
  signature?: File | null;
  /** The photo file's time (ms since 1970) as the browser saw it; kept only when plausible. */
  photoTakenAtMs?: number | null;
}

/**
 * Marks a stop (docs/decisions/032): DONE, PARTIAL (some lines short) or FAILED, or PENDING to undo
 * a mark. A delivery stop's DONE and PARTIAL need a proof; FAILED a reason from the list. `markId`
 * is the form's own id: a replay of a recorded mark answers ok and changes nothing
 * (`replayed`). `expectedVersion` is the stop's version the form was drawn from: a mark on a stop
 * that changed since is refused (409), so a stale tab never overwrites a newer mark; without it,
 * only an unmarked stop may be marked.
 */
export async function markStop({
  hubId,
  driverId = null,
  userId = null,
  routeId,
  stopId,
  status,
  reason,
  failureCode = null,
  proof,
  shortages = [],
  markId,
  expectedVersion,
  position = null,
  now = new Date(),
}: {
  hubId: string;
  driverId?: string | null;
  /** Who marks (the driver, or the coordinator on the driver page), for the history. */
  userId?: string | null;
  routeId: string;
  stopId: string;
  status: MarkStatus;
  /** The failure's note (or an older form's free-text reason). */
  reason: string | null;
  failureCode?: FailureCode | null;
  proof?: MarkProof;
  shortages?: readonly ShortageInput[];
  markId?: string;
  expectedVersion?: number;
  /** Where the device was at the mark, when the driver allowed it (never required). */
  position?: MarkPosition | null;
  now?: Date;
}): Promise<DeliveryMarkResult> {
  const found = await currentRoute({ hubId, driverId, routeId });
  if (!found.ok) return found;
  const t = serverT("messages");
  const replay = markId ? await replayOf({ markId, stopId }) : null;
  if (replay) return replay;

  const stop = await findStopForMark({ db: defaultDb, routeId, stopId });
  if (!stop) return { ok: false, status: 404, message: t("delivery.stopNotFound") };
  const delivery = stop.route.kind === "DELIVERY" && stop.orderId !== null;
  const refuse = (status: 400 | 409, error: Message): DeliveryMarkResult => ({
    ok: false,
    status,
    message: messageText(error),
  });

  // What the mark records, decided before anything is written.
  let stored: Pick<
    StopOutcomeData,
    "failureCode" | "failureReason" | "proofKind" | "proofRecipient" | "proofSafePlace"
  > = {
    failureCode: null,
    failureReason: null,
    proofKind: null,
    proofRecipient: null,
    proofSafePlace: null,
  };
  const photo = proof?.photo && proof.photo.size > 0 ? proof.photo : null;
  const signature = proof?.kind === "SIGNATURE" && proof.signature && proof.signature.size > 0 ? proof.signature : null;
  if (status === "PARTIAL" && !delivery) return refuse(400, message("messages:delivery.partial.collection"));
  if (status === "FAILED") {
    const failure = checkFailure(failureCode ?? (reason?.trim() ? "OTHER" : null), reason);
    if (!failure.ok) return refuse(400, failure.error);
    stored = { ...stored, failureCode: failure.failureCode, failureReason: failure.failureReason };
  } else if ((status === "DONE" || status === "PARTIAL") && delivery) {
    const checked = checkProof({
      kind: proof?.kind ?? null,
      recipient: proof?.recipient ?? null,
      safePlace: proof?.safePlace ?? null,
      hasPhoto: photo !== null,
      hasSignature: signature !== null,
    });
    if (!checked.ok) return refuse(400, checked.error);
    if (signature && !(await checkSignatureImage(signature)))
      return refuse(400, message("messages:delivery.proof.signatureBlank"));
    stored = { ...stored, ...checked.proof };
  }
  const stopLines = (stop.order?.lines ?? []).filter((l) => stopCarriesLine(stop.cargo, l.chilled));
  const lines = delivery ? lineOutcomes(status, stopLines, shortages) : ({ ok: true, lines: [] } as const);
  if (!lines.ok) return refuse(400, lines.error);

  // Undo and corrections: only of a marked stop, by a driver only on the delivery day; the stop
  // must still be as the form saw it.
  if (status === "PENDING" && stop.status === "PENDING") return refuse(409, message("messages:delivery.nothingToUndo"));
  if (status === "PENDING" && stop.route.plan.cycle.status === "DELIVERED")
    return refuse(409, message("messages:delivery.cycleDelivered"));
  const { cycle } = stop.route.plan;
  if (
    stop.status !== "PENDING" &&
    driverId &&
    !driverMayCorrect({ now, deliveryDate: cycle.deliveryDate, timeZone: cycle.hub.timeZone })
  )
    return refuse(409, message("messages:delivery.correctionClosed"));
  const version = expectedVersion ?? (stop.status === "PENDING" ? stop.version : null);
  if (version !== stop.version) return stale(stop.status);

  // The photo goes through the photo pipeline into the private proofs folder first (files are not
  // transactional); a mark that is then refused removes it.
  let photoPath: string | null = null;
  if (photo && delivery && (status === "DONE" || status === "PARTIAL")) {
    const saved = await saveImage(photo, { folder: "proofs" });
    if (!saved.ok) return { ok: false, status: 400, message: saved.message };
    photoPath = saved.name;
  }
  let signaturePath: string | null = null;
  if (signature && delivery && (status === "DONE" || status === "PARTIAL")) {
    const saved = await saveImage(signature, { folder: "proofs" });
    if (!saved.ok) {
      await deleteImage(photoPath, { folder: "proofs" });
      return { ok: false, status: 400, message: saved.message };
    }
    signaturePath = saved.name;
  }
  const photoTakenAt = photoPath ? photoTakenAtToKeep(proof?.photoTakenAtMs, now) : null;
  const removeFiles = async () => {
    await deleteImage(photoPath, { folder: "proofs" });
    await deleteImage(signaturePath, { folder: "proofs" });
  };
  const id = markId ?? randomUUID();
  let result: DeliveryMarkResult;
  try {
    result = await withTransaction(async (tx): Promise<DeliveryMarkResult> => {
      const applied = await applyStopOutcome({
        db: tx,
        stopId,
        expectedVersion: version,
        outcome: {
          status,
          ...stored,
          proofPhotoPath: photoPath,
          proofSignaturePath: signaturePath,
          proofPhotoTakenAt: photoTakenAt,
          completedAt: status === "PENDING" ? null : now,
        },
      });
      if (!applied) return stale(null);
      await createDeliveryMark({
        db: tx,
        markId: id,
        stopId,
        userId,
        status,
        version: version + 1,
        photoPath,
        signaturePath,
        photoTakenAt,
        position,
        detail: { ...stored, shortages: shortages.map((s) => ({ ...s })) },
      });
      if (delivery && stop.orderId) {
        await setLineDeliveries({ db: tx, orderId: stop.orderId, lines: lines.lines });
        // An order may be two stops (chilled and ambient parts, maybe on two routes): its status
        // follows all of them.
        const parts = await listOrderDeliveryParts({ db: tx, orderId: stop.orderId, planId: stop.route.planId });
        await setOrderDeliveryOutcome({ db: tx, orderId: stop.orderId, outcome: orderStatusFromParts(parts), now });
        // The route is under way: its other orders are out for delivery.
        await markRouteOrdersOut({ db: tx, routeId });
        const pending = await countPendingDeliveryStops({ db: tx, planId: stop.route.planId });
        const cycleStatus = cycleStatusAfterDeliveryMarks(pending);
        if (cycleStatus) await setCycleStatus({ db: tx, hubId, cycleId: stop.route.plan.cycleId, status: cycleStatus });
      }
      return { ok: true, count: 1 };
    });
  } catch (error) {
    await removeFiles();
    // The same mark sent twice at once: the first recorded it; this one is its replay.
    if (isUniqueViolation(error)) return (await replayOf({ markId: id, stopId })) ?? stale(null);
    throw error;
  }
  if (!result.ok) {
    await removeFiles();
    // Lost the race to a mark that is this one, sent twice (a retry while the first was saving).
    if (result.status === 409 && markId) return (await replayOf({ markId, stopId })) ?? result;
  }
  // Messages to buyers, after the commit (docs/decisions/033); a replay sends nothing again.
  await afterStopMarked({ result, routeId, stopId, now });
  return result;
}

/** A mark id for a form drawn on the server (the browser replaces it with its own once its script runs). */
export function newServerMarkId(): string {
  return randomUUID();
}

/** A recorded mark with this id: ok (nothing applied again) for the same stop, 409 for another. */
async function replayOf({ markId, stopId }: { markId: string; stopId: string }): Promise<DeliveryMarkResult | null> {
  const recorded = await findDeliveryMark({ markId });
  if (!recorded) return null;
  if (recorded.stopId !== stopId)
    return { ok: false, status: 409, message: serverT("messages")("delivery.markIdReused") };
  return { ok: true, count: 0, replayed: true };
}

/** The stop changed since the form was drawn: nothing recorded, reload. */
function stale(current: string | null): DeliveryMarkResult {
  const t = serverT("messages");
  return {
    ok: false,
    status: 409,
    message: current ? t("delivery.stale", { outcome: t(`delivery.outcome.${current}`) }) : t("delivery.staleUnknown"),
  };
}

/** URL of a proof photo or signature (served only to its buyer, the hub's coordinator and the route's driver). */
export function proofPhotoUrl(name: string | null, size: "full" | "small" = "full"): string | null {
  if (!name) return null;
  return `/delivery-proofs/${size === "small" ? name.replace(/\.webp$/, "-small.webp") : name}`;
}

/** A stop's outcome for a page: proof (photo URLs), failure, and the lines not (all) delivered. */
export function stopOutcomeView(
  stop: {
    status: string;
    version: number;
    failureCode: string | null;
    failureReason: string | null;
    proofKind: string | null;
    proofPhotoPath: string | null;
    proofSignaturePath?: string | null;
    proofPhotoTakenAt?: Date | null;
    proofRecipient: string | null;
    proofSafePlace: string | null;
    completedAt: Date | null;
  },
  lines: ReadonlyArray<{
    id: string;
    productName: string;
    unit: Unit;
    quantityMilli: number;
    deliveredQuantityMilli: number | null;
    shortReason: string | null;
    shortNote: string | null;
  }>,
): StopOutcomeView {
  return {
    status: stop.status as StopOutcomeView["status"],
    version: stop.version,
    failureCode: stop.failureCode,
    failureNote: stop.failureReason,
    proofKind: stop.proofKind,
    photo: stop.proofPhotoPath
      ? { full: proofPhotoUrl(stop.proofPhotoPath)!, small: proofPhotoUrl(stop.proofPhotoPath, "small")! }
      : null,
    signature: proofPhotoUrl(stop.proofSignaturePath ?? null),
    photoTakenAt: stop.proofPhotoTakenAt ? stop.proofPhotoTakenAt.toISOString() : null,
    recipient: stop.proofRecipient,
    safePlace: stop.proofSafePlace,
    completedAt: stop.completedAt ? stop.completedAt.toISOString() : null,
    shortLines:
      stop.status === "PARTIAL"
        ? lines
            .filter((l) => l.deliveredQuantityMilli !== null && l.deliveredQuantityMilli < l.quantityMilli)
            .map((l) => ({
              id: l.id,
              productName: l.productName,
              unit: l.unit,
              quantityMilli: l.quantityMilli,
              deliveredQuantityMilli: l.deliveredQuantityMilli ?? 0,
              shortReason: l.shortReason,
              shortNote: l.shortNote,
            }))
        : [],
  };
}

/**
 * The delivery of a buyer's order: each part's outcome and proof (one stop, or two when chilled
 * and ambient goods travel apart), on the cycle's current plan. Someone else's order: none.
 */
export async function getOrderDeliveryOutcome({ orderId, buyerId }: { orderId: string; buyerId: string }) {
  const { stops, lines } = await listOrderStopOutcomes({ orderId, buyerId });
  return stops.map((stop) => ({
    id: stop.id,
    cargo: stop.cargo,
    outcome: stopOutcomeView(
      stop,
      lines.filter((l) => stopCarriesLine(stop.cargo, l.chilled)),
    ),
  }));
}

/**
 * A proof photo for `userId`: the buyer of its order, the hub's coordinator or the route's driver;
 * anyone else, an unknown name or a missing file: null (the route answers 404).
 */
export async function readProofPhoto({ name, userId }: { name: string; userId: string }) {
  if (!UPLOAD_NAME_PATTERN.test(name)) return null;
  const viewers = await findProofPhotoViewers({ name });
  if (!viewers || ![viewers.buyerId, viewers.driverId, viewers.coordinatorId].includes(userId)) return null;
  return readImage(name, { folder: "proofs" });
}
