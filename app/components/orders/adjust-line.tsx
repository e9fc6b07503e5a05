// "Record what was packed" for one order line after the cut-off (docs/decisions/036): as ordered,
// fewer, the actual weight of an estimated-weight product, or a substitute the buyer allowed.
// Posts to the pick list's action; the line's version and a one-time key travel with it, so a
// double click records one adjustment and a form older than the line is refused with words.
import { useFetcher } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { milliToInput } from "~/domain/quantity";
import type { Unit } from "~generated/prisma/enums.ts";

export interface AdjustableLine {
  id: string;
  version: number;
  formKey: string;
  productName: string;
  unit: string;
  quantityMilli: number;
  grams: number;
  soldByWeight: boolean;
  allowSubstitutions: boolean;
  orderNumber: number;
  ordered: { productName: string; quantityMilli: number; totalMinor: number; grams: number } | null;
}

type Kind = "asOrdered" | "short" | "weight" | "substitute";

export interface SubstituteOption {
  id: string;
  farmId: string;
  name: string;
  unit: string;
  chilled: boolean;
}

/**
 * What a line may be replaced with: the same farm's products sold in the same unit and kept the same
 * way (the service checks it again), other than the product ordered.
 */
export function substitutesFor(
  line: {
    farmId: string;
    unit: string;
    chilled: boolean;
    productName: string;
    ordered: { productName: string } | null;
  },
  all: readonly SubstituteOption[],
): SubstituteOption[] {
  const ordered = line.ordered?.productName ?? line.productName;
  return all.filter(
    (p) => p.farmId === line.farmId && p.unit === line.unit && p.chilled === line.chilled && p.name !== ordered,
  );
}

export function AdjustLineForm({
  line,
  substitutes,
}: {
  line: AdjustableLine;
  substitutes: ReadonlyArray<{ id: string; name: string; unit: string }>;
}) {
  const { t } = useTranslation("farmer");
  const format = useFormat();
  const fetcher = useFetcher<{ ok: true; message: string } | { ok: false; error: string }>();
  const pending = fetcher.state !== "idle";
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const orderedQuantity = line.ordered?.quantityMilli ?? line.quantityMilli;
  const [kind, setKind] = useState<Kind>(line.soldByWeight ? "weight" : "short");
  const id = (name: string) => `adjust-${line.id}-${name}`;
  const errorId = id("error");
  const unit = line.unit as Unit;
  const kinds: Kind[] = [
    ...(line.soldByWeight ? (["weight"] as const) : []),
    "short",
    ...(line.allowSubstitutions && substitutes.length > 0 ? (["substitute"] as const) : []),
    ...(line.ordered ? (["asOrdered"] as const) : []),
  ];
  return (
    <details className="adjust-line no-print">
      <summary className="btn btn-secondary btn-small">
        {t("orders.adjust.open")}
        <span className="visually-hidden">
          {t("orders.adjust.openFor", { number: line.orderNumber, product: line.productName })}
        </span>
      </summary>
      <fetcher.Form
        method="post"
        className="adjust-form"
        aria-label={t("orders.adjust.formLabel", { number: line.orderNumber, product: line.productName })}
      >
        <input type="hidden" name="intent" value="adjust" />
        <input type="hidden" name="lineId" value={line.id} />
        <input type="hidden" name="version" value={line.version} />
        <input type="hidden" name="requestKey" value={line.formKey} />
        <fieldset>
          <legend>{t("orders.adjust.legend")}</legend>
          {kinds.map((k) => (
            <label key={k} className="radio">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{" "}
              {t(`orders.adjust.kinds.${k}`)}
            </label>
          ))}
        </fieldset>
        {kind === "short" || kind === "weight" ? (
          <div className="field">
            <label htmlFor={id("quantity")}>
              {t("orders.adjust.quantity", { ordered: format.quantity(orderedQuantity, unit) })}
            </label>
            <input
              id={id("quantity")}
              name="quantity"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={kind === "weight" ? milliToInput(orderedQuantity) : ""}
              required={kind === "short"}
            />
          </div>
        ) : null}
        {kind === "weight" ? (
          <div className="field">
            <label htmlFor={id("weight")}>{t("orders.adjust.weight")}</label>
            <input
              id={id("weight")}
              name="actualWeightKg"
              inputMode="decimal"
              autoComplete="off"
              required
              aria-describedby={id("weight-hint")}
            />
            <p id={id("weight-hint")} className="field-hint">
              {t("orders.adjust.weightHint", { estimate: format.weight(line.ordered?.grams ?? line.grams) })}
            </p>
          </div>
        ) : null}
        {kind === "substitute" ? (
          <>
            <div className="field">
              <label htmlFor={id("substitute")}>{t("orders.adjust.substitute")}</label>
              <select id={id("substitute")} name="substituteProductId" required defaultValue="">
                <option value="" disabled>
                  {t("orders.adjust.chooseSubstitute")}
                </option>
                {substitutes.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id("subQuantity")}>{t("orders.adjust.substituteQuantity")}</label>
              <input id={id("subQuantity")} name="quantity" inputMode="decimal" autoComplete="off" required />
            </div>
          </>
        ) : null}
        <div className="field">
          <label htmlFor={id("note")}>{t("orders.adjust.note")}</label>
          <input id={id("note")} name="note" maxLength={300} autoComplete="off" />
        </div>
        <button
          type="submit"
          className="btn btn-primary btn-small"
          aria-disabled={pending || undefined}
          disabled={pending}
          aria-describedby={result && !result.ok ? errorId : undefined}
        >
          {pending ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t("orders.adjust.saving")}
            </>
          ) : (
            t("orders.adjust.save")
          )}
        </button>
        {result && !result.ok ? (
          <p id={errorId} className="field-errors" role="alert">
            {result.error}
          </p>
        ) : null}
        {result && result.ok ? (
          <p className="field-hint" role="status">
            {result.message}
          </p>
        ) : null}
      </fetcher.Form>
    </details>
  );
}
