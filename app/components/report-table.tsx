// Renders a built report (domain/aggregation) as an HTML table; print CSS turns it into a sheet.
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import type { BuiltReport, CellValue, ColumnFormat } from "~/domain/aggregation";
import type { Formatter } from "~/i18n/format";
import { TableWrap } from "~/components/ui/table-wrap";

/** One cell's text in the reader's language; `chilled` is the word a chilled line's flag shows. */
export function formatCell(
  value: CellValue,
  format: ColumnFormat,
  fmt: Formatter,
  chilled: string,
  currency = "GBP",
): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "number") {
    if (format === "flag") return value === true ? chilled : "";
    return String(value);
  }
  switch (format) {
    case "grams":
      return fmt.weight(value);
    case "money":
      return fmt.money(value, currency);
    case "quantity":
      return fmt.number(value / 1000, { maximumFractionDigits: 3 });
    case "integer":
      return fmt.number(value);
    default:
      return String(value);
  }
}

const numeric = (format: ColumnFormat) =>
  format === "grams" || format === "money" || format === "quantity" || format === "integer";

export function ReportTable({ report, currency }: { report: BuiltReport; currency?: string }) {
  const { t } = useTranslation("hub");
  const fmt = useFormat();
  const cols = report.columns;
  const cell = (value: CellValue, i: number, header = false) => {
    const col = cols[i]!;
    const text = formatCell(value, col.format, fmt, t("reports.chilled"), currency);
    const className =
      [numeric(col.format) ? "num" : "", col.format === "flag" && value === true ? "chilled-mark" : ""]
        .join(" ")
        .trim() || undefined;
    return header ? (
      <th key={col.key} scope="row" className={className}>
        {text}
      </th>
    ) : (
      <td key={col.key} className={className}>
        {col.format === "flag" && value === true ? <>❄ {text}</> : text}
      </td>
    );
  };
  if (report.rowCount === 0) return <p className="muted">{t("reports.noOrders")}</p>;
  return (
    <TableWrap>
      <table>
        <caption className="visually-hidden">{report.title}</caption>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c.key} scope="col" className={numeric(c.format) ? "num" : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        {report.groups.map((group) => (
          <tbody key={group.key}>
            {group.label !== null ? (
              <tr className="report-group-row">
                <th colSpan={cols.length} scope="colgroup">
                  {group.label}
                </th>
              </tr>
            ) : null}
            {group.rows.map((row, r) => (
              <tr key={r}>{row.map((value, i) => (i === 0 ? cell(value, i, true) : cell(value, i)))}</tr>
            ))}
            {group.subtotal ? (
              <tr className="report-subtotal">{group.subtotal.map((value, i) => cell(value, i))}</tr>
            ) : null}
          </tbody>
        ))}
        {report.total ? (
          <tfoot>
            <tr>{report.total.map((value, i) => cell(value, i))}</tr>
          </tfoot>
        ) : null}
      </table>
    </TableWrap>
  );
}
