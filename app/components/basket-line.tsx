import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { quantityInputValue, quantityStepMilli } from "~/domain/basket";
import { useFormat } from "./i18n";
import type { Unit } from "~generated/prisma/enums.ts";

export interface BasketLineData {
  productId: string;
  productName: string;
  unit: Unit;
  quantityMilli: number;
  unitPriceMinor: number;
  retailUnitPriceMinor: number;
  lineTotalMinor: number;
  wholesaleApplied: boolean;
  stockMilli: number;
  problem: string | null;
}

export function BasketLine({ line, currency }: { line: BasketLineData; currency: string }) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const update = useFetcher<{ ok: boolean; message: string }>();
  const remove = useFetcher<{ ok: boolean; message: string }>();
  const id = useId();
  const step = quantityStepMilli(line.unit) / 1000;
  const error =
    (update.state === "idle" && update.data && !update.data.ok ? update.data.message : null) ??
    (remove.data && !remove.data.ok ? remove.data.message : null);
  const removing = remove.state !== "idle";
  const unitWords = t(`units.${line.unit}.many`);
  return (
    <li className="basket-line" style={removing ? { opacity: 0.5 } : undefined} data-testid="basket-line">
      <div>
        <div className="basket-line-name">{line.productName}</div>
        <div className="basket-line-meta">
          {t(`unitPrice.${line.unit}`, { price: format.money(line.unitPriceMinor, currency) })}
          {line.wholesaleApplied ? (
            <>
              {" "}
              <span className="badge badge-info">{t("wholesale")}</span>{" "}
              <s aria-label={t("basketLine.retailPrice")}>{format.money(line.retailUnitPriceMinor, currency)}</s>
            </>
          ) : null}
        </div>
      </div>
      <div className="basket-line-controls">
        <update.Form method="post" action="/basket">
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="productId" value={line.productId} />
          <label htmlFor={`${id}-q`} className="visually-hidden">
            {t("quantityOf", { product: line.productName, unit: unitWords })}
          </label>
          <input
            id={`${id}-q`}
            className="input add-to-basket-qty"
            type="number"
            name="quantity"
            min={step}
            step={step}
            inputMode={step < 1 ? "decimal" : "numeric"}
            defaultValue={quantityInputValue(line.quantityMilli)}
            key={line.quantityMilli}
            aria-describedby={error || line.problem ? `${id}-err` : undefined}
            aria-invalid={error || line.problem ? true : undefined}
          />
          <span className="add-to-basket-unit">{unitWords}</span>
          <button type="submit" className="btn btn-secondary btn-small" disabled={update.state !== "idle"}>
            {update.state !== "idle" ? t("common:actions.saving") : t("basketLine.update")}
          </button>
        </update.Form>
        <remove.Form method="post" action="/basket">
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="productId" value={line.productId} />
          <button
            type="submit"
            className="btn btn-ghost btn-small"
            disabled={removing}
            aria-label={t("basketLine.removeLabel", { product: line.productName })}
          >
            {t("basketLine.remove")}
          </button>
        </remove.Form>
      </div>
      <div
        className="basket-line-total"
        aria-label={t("basketLine.lineTotal", { quantity: format.quantity(line.quantityMilli, line.unit) })}
      >
        {line.problem ? <span className="muted">—</span> : format.money(line.lineTotalMinor, currency)}
      </div>
      {error || line.problem ? (
        <p id={`${id}-err`} className="basket-line-error" role="alert">
          {error ?? line.problem}
        </p>
      ) : null}
    </li>
  );
}
