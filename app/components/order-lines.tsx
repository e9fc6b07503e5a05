import { formatQuantity } from "~/domain/basket";
import { formatMoney, formatWeight } from "~/utils/format";
import type { Unit } from "~generated/prisma/enums.ts";
import { TableWrap } from "~/components/ui/table-wrap";

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
  }>;
}

/** An order's lines grouped by farm, with the totals in the footer. */
export function OrderLines({
  groups,
  currency,
  subtotalMinor,
  deliveryFeeMinor,
  totalMinor,
  totalGrams,
}: {
  groups: OrderLinesGroup[];
  currency: string;
  subtotalMinor: number;
  deliveryFeeMinor: number;
  totalMinor: number;
  totalGrams: number;
}) {
  return (
    <TableWrap>
      <table>
        <caption className="visually-hidden">Items by farm</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Total
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
            {group.lines.map((line) => (
              <tr key={line.id}>
                <td>
                  {line.productName}{" "}
                  {line.wholesaleApplied ? <span className="badge badge-info">Wholesale</span> : null}
                </td>
                <td className="num">{formatQuantity(line.quantityMilli, line.unit as Unit)}</td>
                <td className="num">{formatMoney(line.unitPriceMinor, currency)}</td>
                <td className="num">{formatMoney(line.lineTotalMinor, currency)}</td>
              </tr>
            ))}
          </tbody>
        ))}
        <tfoot>
          <tr>
            <td colSpan={3}>Subtotal ({formatWeight(totalGrams)})</td>
            <td className="num">{formatMoney(subtotalMinor, currency)}</td>
          </tr>
          <tr>
            <td colSpan={3}>Delivery</td>
            <td className="num">{formatMoney(deliveryFeeMinor, currency)}</td>
          </tr>
          <tr>
            <td colSpan={3}>Total</td>
            <td className="num" data-testid="order-total">
              {formatMoney(totalMinor, currency)}
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
  if (isAbandonedPayment({ status, paymentStatus, paymentMethod }))
    return (
      <span className="badge badge-neutral" data-testid="order-status">
        Payment not completed
      </span>
    );
  const tone =
    status === "CANCELLED" || status === "FAILED"
      ? "badge-danger"
      : status === "PENDING_PAYMENT"
        ? "badge-warning"
        : "";
  const label: Record<string, string> = {
    PENDING_PAYMENT: "Awaiting payment",
    CONFIRMED: "Confirmed",
    OUT_FOR_DELIVERY: "Out for delivery",
    DELIVERED: "Delivered",
    FAILED: "Delivery failed",
    CANCELLED: "Cancelled",
  };
  return (
    <span className="row" style={{ gap: "0.3rem", display: "inline-flex" }}>
      <span className={`badge ${tone}`} data-testid="order-status">
        {label[status] ?? status}
      </span>
      {paymentStatus === "PAID" ? (
        <span className="badge">Paid</span>
      ) : paymentStatus === "REFUNDED" ? (
        <span className="badge badge-neutral">Refunded</span>
      ) : null}
    </span>
  );
}
