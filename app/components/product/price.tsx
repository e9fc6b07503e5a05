// Price per unit, per kg, and (for restaurants) the wholesale price with its minimum.
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import type { Unit } from "~/domain/catalogue";

export function PriceBlock({
  unit,
  priceMinor,
  pricePerKgMinor,
  estimatedGrams = null,
  wholesalePriceMinor,
  wholesaleMinMilli,
  currency,
}: {
  currency: string;
  unit: Unit;
  priceMinor: number;
  pricePerKgMinor: number | null;
  /** Sold by estimated weight: about this many grams per unit; the buyer pays the actual weight. */
  estimatedGrams?: number | null;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
}) {
  const { t } = useTranslation("discover");
  const format = useFormat();
  const perUnit = t(`price.per.${unit}`);
  return (
    <div className="price-line">
      <strong>{format.money(priceMinor, currency)}</strong> <span className="muted">{perUnit}</span>
      {estimatedGrams !== null && pricePerKgMinor !== null ? (
        <div className="small muted">
          {t("price.byWeight", {
            weight: format.weight(estimatedGrams),
            price: format.money(pricePerKgMinor, currency),
          })}
        </div>
      ) : pricePerKgMinor !== null && unit !== "KG" ? (
        <div className="small muted">{t("price.perKg", { price: format.money(pricePerKgMinor, currency) })}</div>
      ) : null}
      {wholesalePriceMinor !== null && wholesaleMinMilli !== null ? (
        <div className="small">
          {t("price.wholesale", {
            price: format.money(wholesalePriceMinor, currency),
            perUnit,
            quantity:
              unit === "EACH"
                ? t("price.eachQuantity", {
                    count: wholesaleMinMilli / 1000,
                    value: format.number(wholesaleMinMilli / 1000, { maximumFractionDigits: 3 }),
                  })
                : format.quantity(wholesaleMinMilli, unit),
          })}
        </div>
      ) : null}
    </div>
  );
}

export function StockBadge({ stockMilli, unit }: { stockMilli: number; unit: Unit }) {
  const { t } = useTranslation("discover");
  const format = useFormat();
  if (stockMilli <= 0) return <span className="badge badge-danger">{t("price.soldOut")}</span>;
  return <span className="badge">{t("price.inStock", { quantity: format.quantity(stockMilli, unit) })}</span>;
}
