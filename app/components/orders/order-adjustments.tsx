// "What changed after packing" on the buyer's order and invoice pages (docs/decisions/036): each
// change with the line's old and new amounts, its numbered credit or debit note, and for a card
// order the refund (made, or on its way) or what the hub covered.
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { TableWrap } from "~/components/ui/table-wrap";
import type { Unit } from "~generated/prisma/enums.ts";

export interface OrderAdjustmentRow {
  id: string;
  kind: string;
  unit: string;
  createdAt: string;
  fromProductName: string;
  toProductName: string;
  fromQuantityMilli: number;
  toQuantityMilli: number;
  toGrams: number;
  fromTotalMinor: number;
  toTotalMinor: number;
  note: string;
  document: { number: string; kind: "CREDIT_NOTE" | "DEBIT_NOTE"; amountMinor: number } | null;
  refund: { amountMinor: number; made: boolean } | null;
  absorbedMinor: number;
}

export function OrderAdjustments({
  adjustments,
  currency,
  timeZone,
  issuedTotalMinor,
  totalMinor,
}: {
  adjustments: OrderAdjustmentRow[];
  currency: string;
  timeZone: string;
  issuedTotalMinor: number | null;
  totalMinor: number;
}) {
  const { t } = useTranslation("buyer");
  const format = useFormat();
  if (adjustments.length === 0) return null;
  const money = (minor: number) => format.money(minor, currency);
  const what = (a: OrderAdjustmentRow) => {
    const unit = a.unit as Unit;
    switch (a.kind) {
      case "WEIGHT":
        return t("adjustments.kinds.weight", {
          product: a.toProductName,
          quantity: format.quantity(a.toQuantityMilli, unit),
          weight: format.quantity(a.toGrams, "KG"),
        });
      case "SHORT":
        return t("adjustments.kinds.short", {
          product: a.fromProductName,
          quantity: format.quantity(a.toQuantityMilli, unit),
        });
      case "SUBSTITUTE":
        return t("adjustments.kinds.substitute", { product: a.fromProductName, substitute: a.toProductName });
      default:
        return t("adjustments.kinds.asOrdered", { product: a.toProductName });
    }
  };
  return (
    <section aria-labelledby="adjustments-title" className="order-adjustments">
      <h2 id="adjustments-title">{t("adjustments.title")}</h2>
      {issuedTotalMinor !== null ? (
        <p className="small muted">
          {t("adjustments.summary", { issued: money(issuedTotalMinor), total: money(totalMinor) })}
        </p>
      ) : null}
      <TableWrap>
        <table>
          <caption className="visually-hidden">{t("adjustments.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("adjustments.columns.when")}</th>
              <th scope="col">{t("adjustments.columns.what")}</th>
              <th scope="col" className="num">
                {t("adjustments.columns.line")}
              </th>
              <th scope="col">{t("adjustments.columns.document")}</th>
            </tr>
          </thead>
          <tbody>
            {adjustments.map((a) => (
              <tr key={a.id}>
                <td>{format.dateTime(a.createdAt, timeZone)}</td>
                <td>
                  {what(a)}
                  {a.note ? (
                    <span className="small muted block">{t("adjustments.farmNote", { note: a.note })}</span>
                  ) : null}
                </td>
                <td className="num">
                  {t("adjustments.fromTo", { from: money(a.fromTotalMinor), to: money(a.toTotalMinor) })}
                </td>
                <td>
                  {a.document ? (
                    <span className="block" data-testid="adjustment-document">
                      {t(a.document.kind === "CREDIT_NOTE" ? "adjustments.creditNote" : "adjustments.debitNote", {
                        number: a.document.number,
                        amount: money(Math.abs(a.document.amountMinor)),
                      })}
                    </span>
                  ) : null}
                  {a.refund ? (
                    <span className="block" data-testid="adjustment-refund">
                      {t(a.refund.made ? "adjustments.refunded" : "adjustments.refundPending", {
                        amount: money(a.refund.amountMinor),
                      })}
                    </span>
                  ) : null}
                  {a.absorbedMinor > 0 ? (
                    <span className="block">{t("adjustments.absorbed", { amount: money(a.absorbedMinor) })}</span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
