// "Add to basket" for a product card or row: posts intent=add to /basket without leaving the page,
// with a unit-aware quantity input and a result announced to screen readers.
import { useFetcher } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { quantityStepMilli, WHOLE_UNITS } from "~/domain/basket";
import orderingCss from "~/styles/ordering.css";
import type { Unit } from "~generated/prisma/enums.ts";

/** Spread into the `links` export of a route that renders <AddToBasket> (styles live in ordering.css). */
export const addToBasketLinks = [{ rel: "stylesheet", href: orderingCss }];

export interface AddToBasketProps {
  productId: string;
  unit: Unit;
  productName: string;
  /** Stock left, in milli of the unit; 0 shows "Sold out". */
  maxMilli?: number;
}

export interface BasketActionData {
  ok: boolean;
  message: string;
  basketCount?: number;
}

export function AddToBasket({ productId, unit, productName, maxMilli }: AddToBasketProps) {
  const { t } = useTranslation("buyer");
  const fetcher = useFetcher<BasketActionData>();
  const id = useId();
  const step = quantityStepMilli(unit) / 1000;
  const pending = fetcher.state !== "idle";
  const soldOut = maxMilli !== undefined && maxMilli <= 0;
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const unitLabel = WHOLE_UNITS.includes(unit) ? t(`units.${unit}.many`) : t(`units.${unit}.one`);
  return (
    <fetcher.Form
      method="post"
      action="/basket"
      className="add-to-basket"
      aria-label={t("addToBasket.label", { product: productName })}
    >
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      <div className="add-to-basket-row">
        <label htmlFor={`${id}-qty`} className="visually-hidden">
          {t("quantityOf", { product: productName, unit: unitLabel })}
        </label>
        <input
          id={`${id}-qty`}
          name="quantity"
          type="number"
          inputMode={step < 1 ? "decimal" : "numeric"}
          min={step}
          step={step}
          max={maxMilli !== undefined && maxMilli > 0 ? maxMilli / 1000 : undefined}
          defaultValue={1}
          required
          disabled={soldOut}
          className="input add-to-basket-qty"
          aria-describedby={`${id}-status`}
        />
        <span className="add-to-basket-unit" aria-hidden="true">
          {unitLabel}
        </span>
        <button
          type="submit"
          className="btn btn-primary btn-small"
          disabled={pending || soldOut}
          aria-disabled={pending || soldOut || undefined}
        >
          {soldOut ? (
            t("addToBasket.soldOut")
          ) : pending ? (
            <>
              <span className="spinner" aria-hidden="true" /> {t("addToBasket.adding")}
            </>
          ) : (
            t("addToBasket.add")
          )}
        </button>
      </div>
      <p
        id={`${id}-status`}
        className={`add-to-basket-status ${result && !result.ok ? "is-error" : ""}`}
        role="status"
        aria-live="polite"
      >
        {result ? (
          result.ok ? (
            <>
              {result.message} <a href="/basket">{t("addToBasket.viewBasket")}</a>
            </>
          ) : (
            result.message
          )
        ) : null}
      </p>
    </fetcher.Form>
  );
}
