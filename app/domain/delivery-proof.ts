// Proof of delivery (docs/decisions/032): what a driver must record for each outcome of a delivery
// stop, what each order line of the stop then delivered, and until when a driver may correct a
// mark. Pure: the service loads the stop, asks here, and writes what comes back.
import type { Unit } from "./catalogue";
import { message, type Message } from "./message";
import { zonedDate } from "./time-zone";

export const FAILURE_CODES = ["NOBODY_HOME", "ADDRESS_NOT_FOUND", "ACCESS_PROBLEM", "REFUSED", "OTHER"] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const SHORTAGE_REASONS = ["DAMAGED", "MISSING", "REFUSED", "OTHER"] as const;
export type ShortageReasonCode = (typeof SHORTAGE_REASONS)[number];

export const PROOF_KINDS = ["PHOTO", "RECIPIENT", "SAFE_PLACE", "SIGNATURE"] as const;
export type ProofKindCode = (typeof PROOF_KINDS)[number];

/** The outcomes a driver picks; PENDING is an undo. */
export type MarkStatus = "DONE" | "PARTIAL" | "FAILED" | "PENDING";

export interface ProofInput {
  kind: ProofKindCode | null;
  recipient: string | null;
  safePlace: string | null;
  hasPhoto: boolean;
  /** A signature drawn on the driver's screen came with the mark. */
  hasSignature?: boolean;
}

export interface StoredProof {
  proofKind: ProofKindCode | null;
  proofRecipient: string | null;
  proofSafePlace: string | null;
}

/**
 * A delivered (or partly delivered) stop needs one proof: a photo, who took it, or where it was
 * left; the chosen kind's field must be filled. A photo may come with any kind (the parcel on the
 * porch). A signature (drawn on the driver's screen) needs the signer's name. Returns the proof to store, or what to fix.
 */
export function checkProof(proof: ProofInput): { ok: true; proof: StoredProof } | { ok: false; error: Message } {
  const recipient = proof.recipient?.trim() || null;
  const safePlace = proof.safePlace?.trim() || null;
  switch (proof.kind) {
    case "PHOTO":
      if (!proof.hasPhoto) return { ok: false, error: message("messages:delivery.proof.photoMissing") };
      return { ok: true, proof: { proofKind: "PHOTO", proofRecipient: null, proofSafePlace: null } };
    case "RECIPIENT":
      if (!recipient) return { ok: false, error: message("messages:delivery.proof.recipientMissing") };
      return { ok: true, proof: { proofKind: "RECIPIENT", proofRecipient: recipient, proofSafePlace: null } };
    case "SIGNATURE":
      // The signer's name is kept where "handed to" keeps it.
      if (!proof.hasSignature) return { ok: false, error: message("messages:delivery.proof.signatureMissing") };
      if (!recipient) return { ok: false, error: message("messages:delivery.proof.signerMissing") };
      return { ok: true, proof: { proofKind: "SIGNATURE", proofRecipient: recipient, proofSafePlace: null } };
    case "SAFE_PLACE":
      if (!safePlace) return { ok: false, error: message("messages:delivery.proof.safePlaceMissing") };
      return { ok: true, proof: { proofKind: "SAFE_PLACE", proofRecipient: null, proofSafePlace: safePlace } };
    default:
      return { ok: false, error: message("messages:delivery.proof.required") };
  }
}

export interface StopLine {
  id: string;
  quantityMilli: number;
}

export interface ShortageInput {
  lineId: string;
  /** How much of the line was not delivered; null: all of it. */
  shortMilli: number | null;
  reason: ShortageReasonCode;
  note: string | null;
}

export interface LineOutcome {
  id: string;
  deliveredQuantityMilli: number | null;
  shortReason: ShortageReasonCode | null;
  shortNote: string | null;
}

/**
 * What each line of the stop delivered: all of it (DONE), all less what was short (PARTIAL), none
 * (FAILED), unknown again (PENDING, an undo). A partly delivered stop names at least one short
 * line of this stop, each short by more than nothing and at most the line, with a reason (OTHER
 * with a note); a stop where nothing at all arrived is failed, not partly delivered.
 */
export function lineOutcomes(
  status: MarkStatus,
  lines: readonly StopLine[],
  shortages: readonly ShortageInput[] = [],
): { ok: true; lines: LineOutcome[] } | { ok: false; error: Message } {
  if (status !== "PARTIAL") {
    return {
      ok: true,
      lines: lines.map((l) => ({
        id: l.id,
        deliveredQuantityMilli: status === "DONE" ? l.quantityMilli : status === "FAILED" ? 0 : null,
        shortReason: null,
        shortNote: null,
      })),
    };
  }
  if (shortages.length === 0) return { ok: false, error: message("messages:delivery.partial.noneShort") };
  const byLine = new Map<string, ShortageInput>();
  for (const s of shortages) {
    const line = lines.find((l) => l.id === s.lineId);
    if (!line || byLine.has(s.lineId)) return { ok: false, error: message("messages:delivery.partial.unknownLine") };
    const shortMilli = s.shortMilli ?? line.quantityMilli;
    if (!Number.isInteger(shortMilli) || shortMilli <= 0 || shortMilli > line.quantityMilli)
      return { ok: false, error: message("messages:delivery.partial.quantity") };
    const note = s.note?.trim() || null;
    if (s.reason === "OTHER" && !note) return { ok: false, error: message("messages:delivery.partial.noteNeeded") };
    byLine.set(s.lineId, { ...s, shortMilli, note });
  }
  const outcomes = lines.map((l) => {
    const s = byLine.get(l.id);
    return {
      id: l.id,
      deliveredQuantityMilli: l.quantityMilli - (s?.shortMilli ?? 0),
      shortReason: s?.reason ?? null,
      shortNote: s?.note ?? null,
    };
  });
  if (outcomes.every((o) => o.deliveredQuantityMilli === 0))
    return { ok: false, error: message("messages:delivery.partial.nothingDelivered") };
  return { ok: true, lines: outcomes };
}

/** A failed stop: a reason from the list; OTHER needs a note (3 characters at least). */
export function checkFailure(
  code: FailureCode | null,
  note: string | null,
): { ok: true; failureCode: FailureCode; failureReason: string | null } | { ok: false; error: Message } {
  const text = note?.trim() || null;
  if (!code) return { ok: false, error: message("messages:delivery.failure.reasonRequired") };
  if (code === "OTHER" && (!text || text.length < 3))
    return { ok: false, error: message("messages:delivery.failure.noteNeeded") };
  return { ok: true, failureCode: code, failureReason: text };
}

/**
 * A driver may change or undo a mark until the end of the cycle's delivery day, in the hub's time
 * zone (the route is still being driven); after that the marks are the record, and the hub's
 * coordinator corrects them.
 */
export function driverMayCorrect({
  now,
  deliveryDate,
  timeZone,
}: {
  now: Date;
  deliveryDate: Date;
  timeZone: string;
}): boolean {
  return zonedDate(now, timeZone) <= zonedDate(deliveryDate, timeZone);
}

/** A stop's outcome as pages show it (driver page, manifest, the buyer's order): JSON-safe. */
export interface StopOutcomeView {
  status: "PENDING" | "DONE" | "PARTIAL" | "FAILED";
  version: number;
  failureCode: string | null;
  failureNote: string | null;
  proofKind: string | null;
  photo: { full: string; small: string } | null;
  /** The signature drawn on the driver's screen (SIGNATURE proofs; `recipient` is the signer). */
  signature: string | null;
  /** When the photo was taken, when known (ISO). */
  photoTakenAt: string | null;
  recipient: string | null;
  safePlace: string | null;
  completedAt: string | null;
  shortLines: Array<{
    id: string;
    productName: string;
    unit: Unit;
    quantityMilli: number;
    deliveredQuantityMilli: number;
    shortReason: string | null;
    shortNote: string | null;
  }>;
}

/** How long before the mark a proof photo's capture time is believed; older (or later than the mark) is dropped. */
export const PHOTO_TIME_WINDOW_MS = 24 * 3_600_000;
/** A phone's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * The proof photo's capture time to keep (from the file's lastModified, sent by the browser): null
 * when unknown, in the future (beyond two minutes of clock skew) or older than 24 h before the
 * mark — a photo chosen from the gallery, or a wrong clock, says nothing about the delivery.
 */
export function photoTakenAtToKeep(takenAtMs: number | null | undefined, now: Date): Date | null {
  if (takenAtMs === null || takenAtMs === undefined || !Number.isFinite(takenAtMs)) return null;
  const age = now.getTime() - takenAtMs;
  if (age < -CLOCK_SKEW_MS || age > PHOTO_TIME_WINDOW_MS) return null;
  return new Date(Math.min(takenAtMs, now.getTime()));
}

/** The device's position at a mark (degrees, accuracy in metres). */
export interface MarkPosition {
  latitude: number;
  longitude: number;
  accuracyM: number | null;
}
