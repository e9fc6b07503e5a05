import { useTranslation } from "react-i18next";
import { orderStatusLabel } from "~/i18n/labels";
import type { Unit } from "~generated/prisma/enums.ts";
import { TableWrap } from "~/components/ui/table-wrap";
import { useFormat } from "./i18n";

export interface OrderLinesGroup {
  farmId: string;
  farmName: string;
  subtotalMinor: number;
  lines: Array<{
    id: string;
    productName: string;
    unit: string;
    quantityMilli: number;
    unitPriceMinor: number;
    lineTotalMinor: number;
    grams: number;
    wholesaleApplied: boolean;
    /** Sold by estimated weight: the total follows the actual weight packed. */
    soldByWeight?: boolean;
    /** As ordered, once adjusted after the cut-off (docs/decisions/036). */
    ordered?: { productName: string; quantityMilli: number; totalMinor: number; grams: number } | null;
  }>;
}

/**
 * An order's lines grouped by farm, with the totals in the footer. Lines adjusted after the cut-off
 * show what was packed and what was ordered; `asIssued` shows them as ordered (an issued invoice is
 * never rewritten: its notes follow it).
 */
export function OrderLines({
  groups,
  currency,
  subtotalMinor,
  deliveryFeeMinor,
  totalMinor,
  totalGrams,
  asIssued = false,
}: {
  groups: OrderLinesGroup[];
  currency: string;
  subtotalMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  totalGrams: number;
  asIssued?: boolean;
}) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  const shown = (line: OrderLinesGroup["lines"][number]) =>
    asIssued && line.ordered
      ? {
          ...line,
          productName: line.ordered.productName,
          quantityMilli: line.ordered.quantityMilli,
          lineTotalMinor: line.ordered.totalMinor,
          grams: line.ordered.grams,
          ordered: null,
        }
      : line;
  return (
    <TableWrap>
      <table>
        <caption className="visually-hidden">{t("orderLines.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("orderLines.columns.item")}</th>
            <th scope="col" className="num">
              {t("orderLines.columns.quantity")}
            </th>
            <th scope="col" className="num">
              {t("orderLines.columns.unitPrice")}
            </th>
            <th scope="col" className="num">
              {t("totals.total")}
            </th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.farmId}>
            <tr>
              <th scope="rowgroup" colSpan={4} style={{ background: "#fff" }}>
                {group.farmName}
              </th>
            </tr>
            {group.lines.map(shown).map((line) => (
              <tr key={line.id}>
                <td>
                  {line.productName}{" "}
                  {line.wholesaleApplied ? <span className="badge badge-info">{t("wholesale")}</span> : null}
                  {line.ordered ? (
                    <span className="small muted block" data-testid="line-adjusted">
                      {line.ordered.productName !== line.productName
                        ? t("orderLines.adjusted.substitute", { product: line.ordered.productName })
                        : line.soldByWeight
                          ? t("orderLines.adjusted.weight", {
                              weight: format.quantity(line.grams, "KG"),
                              estimate: format.weight(line.ordered.grams),
                            })
                          : t("orderLines.adjusted.short", {
                              ordered: format.quantity(line.ordered.quantityMilli, line.unit as Unit),
                            })}{" "}
                      {t("orderLines.adjusted.was", { total: format.money(line.ordered.totalMinor, currency) })}
                    </span>
                  ) : line.soldByWeight ? (
                    <span className="small muted block">
                      {t("orderLines.aboutWeight", {
                        weight: format.weight(line.grams),
                        perKg: format.money(
                          line.grams > 0 ? Math.round((line.lineTotalMinor * 1000) / line.grams) : 0,
                          currency,
                        ),
                      })}
                    </span>
                  ) : null}
                </td>
                <td className="num">{format.quantity(line.quantityMilli, line.unit as Unit)}</td>
                <td className="num">{format.money(line.unitPriceMinor, currency)}</td>
                <td className="num">{format.money(line.lineTotalMinor, currency)}</td>
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <td colSpan={3}>{t("orderLines.subtotalWeight", { weight: format.weight(totalGrams) })}</td>
            <td className="num">{format.money(subtotalMinor, currency)}</td>
          </tr>
          <tr>
            <td colSpan={3}>{t("totals.delivery")}</td>
            <td className="num">{format.money(deliveryFeeMinor, currency)}</td>
          </tr>
          <tr>
            <td colSpan={3}>{t("totals.total")}</td>
            <td className="num" data-testid="order-total">
              {format.money(totalMinor, currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

/**
 * A card order whose payment was never completed (Checkout left, declined or expired) is cancelled
 * without anything ordered or charged: it says so instead of "Cancelled".
 */
export function isAbandonedPayment(order: { status: string; paymentMethod?: string; paymentStatus?: string }): boolean {
  return order.status === "CANCELLED" && order.paymentMethod === "CARD" && order.paymentStatus === "UNPAID";
}

export function OrderStatusBadge({
  status,
  paymentStatus,
  paymentMethod,
}: {
  status: string;
  paymentStatus?: string;
  paymentMethod?: string;
}) {
  const { t } = useTranslation("buyer");
  if (isAbandonedPayment({ status, paymentStatus, paymentMethod }))
    return (
      <span className="badge badge-neutral" data-testid="order-status">
        {t("orderStatus.paymentNotCompleted")}
      </span>
    );
  const tone =
    status === "CANCELLED" || status === "FAILED"
      ? "badge-danger"
      : status === "PENDING_PAYMENT" || status === "PARTLY_DELIVERED"
        ? "badge-warning"
        : "";
  return (
    <span className="row" style={{ gap: "0.3rem", display: "inline-flex" }}>
      <span className={`badge ${tone}`} data-testid="order-status">
        {orderStatusLabel(status, t)}
      </span>
      {paymentStatus === "PAID" ? (
        <span className="badge">{t("orderStatus.paid")}</span>
      ) : paymentStatus === "REFUNDED" ? (
        <span className="badge badge-neutral">{t("orderStatus.refunded")}</span>
      ) : null}
    </span>
  );
}
