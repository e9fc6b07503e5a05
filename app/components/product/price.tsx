// Price per unit, per kg, and (for restaurants) the wholesale price with its minimum.
import { perUnitLabel, UNIT_SYMBOLS, type Unit } from "~/domain/catalogue";
import { formatQuantity } from "~/domain/quantity";
import { formatMoney } from "~/utils/format";

export function PriceBlock({
  unit,
  priceMinor,
  pricePerKgMinor,
  wholesalePriceMinor,
  wholesaleMinMilli,
  currency,
}: {
  currency: string;
  unit: Unit;
  priceMinor: number;
  pricePerKgMinor: number | null;
  wholesalePriceMinor: number | null;
  wholesaleMinMilli: number | null;
}) {
  return (
    <div className="price-line">
      <strong>{formatMoney(priceMinor, currency)}</strong> <span className="muted">{perUnitLabel(unit)}</span>
      {pricePerKgMinor !== null && unit !== "KG" ? (
        <div className="small muted">{formatMoney(pricePerKgMinor, currency)} per kg</div>
      ) : null}
      {wholesalePriceMinor !== null && wholesaleMinMilli !== null ? (
        <div className="small">
          Wholesale {formatMoney(wholesalePriceMinor, currency)} {perUnitLabel(unit)} from{" "}
          {formatQuantity(wholesaleMinMilli, unit)}
          {unit === "EACH" ? ` ${UNIT_SYMBOLS.EACH}` : ""}
        </div>
      ) : null}
    </div>
  );
}

export function StockBadge({ stockMilli, unit }: { stockMilli: number; unit: Unit }) {
  if (stockMilli <= 0) return <span className="badge badge-danger">Sold out</span>;
  return <span className="badge">{formatQuantity(stockMilli, unit)} in stock</span>;
}
