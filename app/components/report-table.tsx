// Renders a built report (domain/aggregation) as an HTML table; print CSS turns it into a sheet.
import type { BuiltReport, CellValue, ColumnFormat } from "~/domain/aggregation";
import { formatMoney, formatWeight } from "~/utils/format";
import { TableWrap } from "~/components/ui/table-wrap";

export function formatCell(value: CellValue, format: ColumnFormat, currency = "GBP"): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "number") {
    if (format === "flag") return value === true ? "Chilled" : "";
    return String(value);
  }
  switch (format) {
    case "grams":
      return formatWeight(value);
    case "money":
      return formatMoney(value, currency);
    case "quantity":
      return (value / 1000).toLocaleString("en-GB", { maximumFractionDigits: 3 });
    case "integer":
      return value.toLocaleString("en-GB");
    default:
      return String(value);
  }
}

const numeric = (format: ColumnFormat) =>
  format === "grams" || format === "money" || format === "quantity" || format === "integer";

export function ReportTable({ report, currency }: { report: BuiltReport; currency?: string }) {
  const cols = report.columns;
  const cell = (value: CellValue, i: number, header = false) => {
    const col = cols[i]!;
    const text = formatCell(value, col.format, currency);
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
  if (report.rowCount === 0) return <p className="muted">No orders in this cycle yet.</p>;
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
