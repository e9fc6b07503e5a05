// The driver's mark of a delivery stop (docs/decisions/032): Delivered (with a proof), Partly
// delivered (which lines were not, how much, why) or Not delivered (a reason from the list), plus
// Undo for a marked stop. Each form carries its own mark id, made in the browser, so a request
// retried on a bad network is recorded once; and the stop's version, so a stale tab is refused.
import { Form } from "@remix-run/react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { FAILURE_CODES, SHORTAGE_REASONS } from "~/domain/delivery-proof";
import type { Unit } from "~/domain/catalogue";
import { milliToInput } from "~/domain/quantity";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { DevicePosition } from "./device-position";
import { useOfflineMarks } from "./offline";
import { SignaturePad } from "./signature-pad";

/** A random v4 UUID: crypto.randomUUID where the page is a secure context, else from getRandomValues. */
export function newMarkId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Photos larger than this are scaled down in the browser before they are sent. */
const SHRINK_ABOVE_BYTES = 1024 * 1024;

/**
 * A phone camera's photo (often 3–6 MB) scaled in the browser to at most 1,600 px and re-encoded as
 * JPEG before it is sent: quicker on a weak signal and under the upload limit. The server
 * re-encodes it anyway (decision 013). Where the browser cannot (no createImageBitmap, canvas or
 * DataTransfer), the file is sent as chosen.
 */
async function shrinkPhoto(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  if (!file || file.size <= SHRINK_ABOVE_BYTES || typeof createImageBitmap !== "function") return;
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.85));
    if (!blob || blob.size >= file.size) return;
    const files = new DataTransfer();
    files.items.add(new File([blob], file.name.replace(/\.[^.]*$/, "") + ".jpg", { type: "image/jpeg" }));
    input.files = files.files;
  } catch {
    // Sent as chosen: the server checks and re-encodes it.
  }
}

/**
 * The form's mark id: the loader's (so the form works before the page's script runs) replaced by
 * one made in the browser once it does.
 */
function useMarkId(fallback: string): string {
  const [id, setId] = useState(fallback);
  useEffect(() => setId(newMarkId()), []);
  return id;
}

export interface MarkLine {
  id: string;
  productName: string;
  unit: Unit;
  quantityMilli: number;
  chilled: boolean;
}

/** The form's outcome choices: the values of its `intent` radio. */
const OUTCOMES = ["delivered", "partial", "failed"] as const;
type Outcome = (typeof OUTCOMES)[number];

export function MarkStopForm({
  stopId,
  version,
  sequence,
  name,
  lines,
  safePlaceHint,
  markIdFallback,
  error,
  submitLabel,
}: {
  stopId: string;
  version: number;
  sequence: number;
  name: string;
  lines: MarkLine[];
  /** The buyer's delivery notes, offered as the safe place. */
  safePlaceHint: string;
  markIdFallback: string;
  error: string | null;
  submitLabel?: string;
}) {
  const { t } = useTranslation("hub");
  const format = useFormat();
  const markId = useMarkId(markIdFallback);
  const uid = useId();
  const [outcome, setOutcome] = useState<Outcome>("delivered");
  const [proofKind, setProofKind] = useState<string>("");
  const [short, setShort] = useState<Record<string, boolean>>({});
  const [preparing, setPreparing] = useState(false);
  const [signed, setSigned] = useState(false);
  const [photoTakenAt, setPhotoTakenAt] = useState("");
  const [signatureError, setSignatureError] = useState<string | null>(null);
  const offline = useOfflineMarks();
  const errorId = `${uid}-error`;
  const field = (suffix: string) => `${uid}-${suffix}`;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="form mark-form"
      aria-describedby={error ? errorId : undefined}
      data-testid={`mark-form-${sequence}`}
      onSubmit={(e) => {
        // An empty pad is refused here first (the server refuses it too).
        if (outcome !== "failed" && proofKind === "SIGNATURE" && !signed) {
          e.preventDefault();
          setSignatureError(t("proof.form.signatureEmpty"));
          return;
        }
        // Kept on the phone and sent from there, signal or not (docs/decisions/034).
        if (offline?.take(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter)) e.preventDefault();
      }}
    >
      <input type="hidden" name="stopId" value={stopId} />
      <input type="hidden" name="markId" value={markId} />
      <input type="hidden" name="version" value={version} />
      <DevicePosition />
      <input type="hidden" name="photoTakenAt" value={photoTakenAt} />
      {error ? (
        <p id={errorId} className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      <fieldset>
        <legend>{t("proof.form.outcome", { sequence, name })}</legend>
        {OUTCOMES.map((value) => (
          <label key={value} className="mark-choice">
            <input
              type="radio"
              name="intent"
              value={value}
              checked={outcome === value}
              onChange={() => setOutcome(value)}
            />{" "}
            {t(`proof.form.choice.${value}`)}
          </label>
        ))}
      </fieldset>
      {outcome === "failed" ? (
        <fieldset>
          <legend>{t("proof.form.whyFailed")}</legend>
          <div className="field">
            <label htmlFor={field("code")}>{t("proof.form.reason")}</label>
            <select id={field("code")} name="failureCode" required defaultValue="">
              <option value="" disabled>
                {t("proof.form.chooseReason")}
              </option>
              {FAILURE_CODES.map((code) => (
                <option key={code} value={code}>
                  {t(`proof.failureCode.${code}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={field("note")}>{t("proof.form.failureNote")}</label>
            <input
              id={field("note")}
              name="failureNote"
              maxLength={300}
              placeholder={t("proof.form.notePlaceholder")}
            />
          </div>
        </fieldset>
      ) : (
        <fieldset>
          <legend>{t("proof.form.proof")}</legend>
          <p className="small muted" style={{ margin: 0 }}>
            {t("proof.form.proofHint")}
          </p>
          <label className="mark-choice">
            <input
              type="radio"
              name="proofKind"
              value="PHOTO"
              checked={proofKind === "PHOTO"}
              onChange={() => setProofKind("PHOTO")}
            />{" "}
            {t("proof.form.kind.PHOTO")}
          </label>
          <div className="field">
            <label htmlFor={field("photo")} className="visually-hidden">
              {t("proof.form.photo")}
            </label>
            <input
              id={field("photo")}
              type="file"
              name="photo"
              accept="image/*"
              capture="environment"
              onChange={(e) => {
                if (e.currentTarget.files?.length) setProofKind("PHOTO");
                // The file's time before it is scaled (the scaled copy is new): the server keeps it only within 24 h.
                setPhotoTakenAt(String(e.currentTarget.files?.[0]?.lastModified ?? ""));
                setPreparing(true);
                void shrinkPhoto(e.currentTarget).finally(() => setPreparing(false));
              }}
            />
          </div>
          <label className="mark-choice">
            <input
              type="radio"
              name="proofKind"
              value="RECIPIENT"
              checked={proofKind === "RECIPIENT"}
              onChange={() => setProofKind("RECIPIENT")}
            />{" "}
            {t("proof.form.kind.RECIPIENT")}
          </label>
          <div className="field">
            <label htmlFor={field("recipient")} className="visually-hidden">
              {t("proof.form.recipient")}
            </label>
            <input
              id={field("recipient")}
              name="recipient"
              maxLength={120}
              autoComplete="off"
              placeholder={t("proof.form.recipientPlaceholder")}
              onChange={(e) => {
                if (e.currentTarget.value.trim()) setProofKind("RECIPIENT");
              }}
            />
          </div>
          <label className="mark-choice">
            <input
              type="radio"
              name="proofKind"
              value="SAFE_PLACE"
              checked={proofKind === "SAFE_PLACE"}
              onChange={() => setProofKind("SAFE_PLACE")}
            />{" "}
            {t("proof.form.kind.SAFE_PLACE")}
          </label>
          <div className="field">
            <label htmlFor={field("place")} className="visually-hidden">
              {t("proof.form.safePlace")}
            </label>
            <input
              id={field("place")}
              name="safePlace"
              maxLength={300}
              defaultValue={safePlaceHint}
              placeholder={t("proof.form.safePlacePlaceholder")}
              onFocus={() => setProofKind("SAFE_PLACE")}
            />
          </div>
          <label className="mark-choice">
            <input
              type="radio"
              name="proofKind"
              value="SIGNATURE"
              checked={proofKind === "SIGNATURE"}
              onChange={() => setProofKind("SIGNATURE")}
            />{" "}
            {t("proof.form.kind.SIGNATURE")}
          </label>
          {proofKind === "SIGNATURE" ? (
            <>
              <SignaturePad
                error={signatureError}
                onDrawn={(drawn) => {
                  setSigned(drawn);
                  if (drawn) setSignatureError(null);
                }}
              />
              <div className="field">
                <label htmlFor={field("signer")}>{t("proof.form.signer")}</label>
                <input
                  id={field("signer")}
                  name="signer"
                  maxLength={120}
                  autoComplete="off"
                  required
                  placeholder={t("proof.form.signerPlaceholder")}
                />
              </div>
            </>
          ) : null}
        </fieldset>
      )}
      {outcome === "partial" ? (
        <fieldset>
          <legend>{t("proof.form.whatShort")}</legend>
          {lines.map((line) => (
            <div key={line.id} className="short-line">
              <label className="mark-choice">
                <input
                  type="checkbox"
                  name="short"
                  value={line.id}
                  checked={Boolean(short[line.id])}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setShort((s) => ({ ...s, [line.id]: checked }));
                  }}
                />{" "}
                {t("proof.form.lineNotDelivered", {
                  quantity: format.quantity(line.quantityMilli, line.unit),
                  product: line.productName,
                })}
              </label>
              {short[line.id] ? (
                <div className="short-details">
                  <div className="field">
                    <label htmlFor={field(`qty-${line.id}`)}>{t("proof.form.howMuchShort", { unit: line.unit })}</label>
                    <input
                      id={field(`qty-${line.id}`)}
                      name={`shortQty.${line.id}`}
                      inputMode="decimal"
                      defaultValue={milliToInput(line.quantityMilli)}
                    />
                  </div>
                  <div className="field">
                    <label htmlFor={field(`reason-${line.id}`)}>{t("proof.form.shortReason")}</label>
                    <select id={field(`reason-${line.id}`)} name={`shortReason.${line.id}`} defaultValue="MISSING">
                      {SHORTAGE_REASONS.map((reason) => (
                        <option key={reason} value={reason}>
                          {t(`proof.shortReason.${reason}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label htmlFor={field(`note-${line.id}`)}>{t("proof.form.shortNote")}</label>
                    <input id={field(`note-${line.id}`)} name={`shortNote.${line.id}`} maxLength={300} />
                  </div>
                </div>
              ) : null}
            </div>
          ))}
        </fieldset>
      ) : null}
      <SubmitButton
        variant={outcome === "failed" ? "danger" : "primary"}
        className="btn-block"
        pendingText={t("proof.form.saving")}
        // Only while the photo is being scaled: the button's own pending state stays in charge otherwise.
        {...(preparing ? { disabled: true } : {})}
      >
        {preparing ? t("proof.form.preparingPhoto") : (submitLabel ?? t(`proof.form.submit.${outcome}`, { sequence }))}
      </SubmitButton>
    </Form>
  );
}

/** Undo a mark: the stop is to deliver again (only while the driver may still correct it). */
export function UndoMarkForm({
  stopId,
  version,
  sequence,
  markIdFallback,
}: {
  stopId: string;
  version: number;
  sequence: number;
  markIdFallback: string;
}) {
  const { t } = useTranslation("hub");
  const markId = useMarkId(markIdFallback);
  const offline = useOfflineMarks();
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      onSubmit={(e) => {
        if (offline?.take(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter)) e.preventDefault();
      }}
    >
      <input type="hidden" name="stopId" value={stopId} />
      <input type="hidden" name="markId" value={markId} />
      <input type="hidden" name="version" value={version} />
      <DevicePosition />
      <SubmitButton
        name="intent"
        value="undo"
        variant="secondary"
        className="btn-block"
        confirm={t("proof.form.confirmUndo", { sequence })}
      >
        {t("proof.form.undo", { sequence })}
      </SubmitButton>
    </Form>
  );
}
