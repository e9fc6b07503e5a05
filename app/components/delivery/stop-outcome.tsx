// A delivery stop's outcome with its proof (docs/decisions/032), as the driver, the coordinator's
// manifest and the buyer's order page show it: delivered / partly delivered / not delivered, the
// photo (a thumbnail that opens full size), the signature drawn on screen, who took it or where it was left, and what was short.
import { useTranslation } from "react-i18next";
import type { StopOutcomeView } from "~/domain/delivery-proof";
import { useFormat } from "~/components/i18n";

export function StopOutcome({
  outcome,
  timeZone,
  testId,
}: {
  outcome: StopOutcomeView;
  timeZone: string;
  testId?: string;
}) {
  const { t } = useTranslation("hub");
  const format = useFormat();
  if (outcome.status === "PENDING") return null;
  const at = outcome.completedAt ? format.dateTime(outcome.completedAt, timeZone) : null;
  const tone = outcome.status === "FAILED" ? "badge-danger" : outcome.status === "PARTIAL" ? "badge-warning" : "";
  return (
    <div className="stop-outcome" data-testid={testId} data-outcome={outcome.status}>
      <p style={{ margin: 0 }}>
        <span className={`badge ${tone}`} role="status">
          {t(`proof.outcome.${outcome.status}`)}
        </span>
        {at ? <span className="small muted"> {t("proof.at", { time: at })}</span> : null}
      </p>
      {outcome.status === "FAILED" ? (
        <p className="small" style={{ margin: "0.25rem 0 0" }}>
          {outcome.failureCode
            ? t("proof.failedBecause", { reason: t(`proof.failureCode.${outcome.failureCode}`) })
            : null}
          {outcome.failureNote ? (
            <>
              {outcome.failureCode ? " " : null}
              {t("proof.note", { note: outcome.failureNote })}
            </>
          ) : null}
        </p>
      ) : null}
      {outcome.recipient ? (
        <p className="small" style={{ margin: "0.25rem 0 0" }} data-testid="proof-recipient">
          {t(outcome.proofKind === "SIGNATURE" ? "proof.signedBy" : "proof.handedTo", { name: outcome.recipient })}
        </p>
      ) : null}
      {outcome.signature ? (
        <p style={{ margin: "0.5rem 0 0" }}>
          <img
            src={outcome.signature}
            alt={t("proof.signatureAlt", { name: outcome.recipient ?? "" })}
            width={240}
            height={120}
            loading="lazy"
            data-testid="proof-signature"
            style={{
              background: "#fff",
              border: "1px solid #d1d5db",
              borderRadius: "0.25rem",
              maxWidth: "100%",
              height: "auto",
            }}
          />
        </p>
      ) : null}
      {outcome.safePlace ? (
        <p className="small" style={{ margin: "0.25rem 0 0" }} data-testid="proof-safe-place">
          {t("proof.leftAt", { place: outcome.safePlace })}
        </p>
      ) : null}
      {outcome.photo ? (
        <p style={{ margin: "0.5rem 0 0" }}>
          <a href={outcome.photo.full} target="_blank" rel="noreferrer" className="proof-photo">
            <img
              src={outcome.photo.small}
              alt={t("proof.photoAlt")}
              width={160}
              height={120}
              loading="lazy"
              data-testid="proof-photo"
            />
            <span className="small">{t("proof.openPhoto")}</span>
          </a>
          {outcome.photoTakenAt ? (
            <span className="small muted" data-testid="proof-photo-taken">
              {" "}
              {t("proof.photoTakenAt", { time: format.dateTime(outcome.photoTakenAt, timeZone) })}
            </span>
          ) : null}
        </p>
      ) : null}
      {outcome.shortLines.length > 0 ? (
        <div className="small" style={{ marginTop: "0.5rem" }}>
          <p style={{ margin: 0 }}>
            <strong>{t("proof.notDelivered")}</strong>
          </p>
          <ul className="manifest-items" data-testid="short-lines">
            {outcome.shortLines.map((l) => (
              <li key={l.id}>
                {t("proof.shortLine", {
                  product: l.productName,
                  short: format.quantity(l.quantityMilli - l.deliveredQuantityMilli, l.unit),
                  ordered: format.quantity(l.quantityMilli, l.unit),
                })}
                {l.shortReason ? ` — ${t(`proof.shortReason.${l.shortReason}`)}` : null}
                {l.shortNote ? ` (${l.shortNote})` : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
