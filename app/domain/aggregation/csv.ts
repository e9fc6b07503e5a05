import { toCsv, type CsvCell } from "../csv";
import { message, renderMessage } from "../message";
import type { BuiltReport, CellValue, ColumnFormat, ReportText } from "./types";
import { reportText } from "./build";

/** A cell as a spreadsheet should receive it: plain numbers in display units, no symbols. */
export function csvValue(value: CellValue, format: ColumnFormat): string {
  if (value === null || value === undefined) return "";
  switch (format) {
    case "grams":
      return typeof value === "number" ? (value / 1000).toFixed(3) : String(value);
    case "quantity":
      return typeof value === "number" ? String(value / 1000) : String(value);
    case "money":
      return typeof value === "number" ? (value / 100).toFixed(2) : String(value);
    case "flag":
      return value === true ? renderMessage(message("messages:reports.yes")) : value === false ? "" : String(value);
    default:
      return String(value);
  }
}

function header(label: string, format: ColumnFormat): string {
  if (format === "grams") return renderMessage(message("messages:reports.kgColumn", { label }));
  return label;
}

/**
 * One CSV per report. Grouped reports get a leading group column so every row stands alone;
 * subtotal and total rows follow their group as in the printed sheet.
 */
export function reportToCsv(
  report: BuiltReport,
  { groupLabel = message("messages:reports.group") }: { groupLabel?: ReportText } = {},
): string {
  const grouped = report.grouped;
  const lines: CsvCell[][] = [];
  const head = report.columns.map((c) => header(c.label, c.format));
  lines.push(grouped ? [reportText(groupLabel), ...head] : head);
  const line = (group: string | null, cells: CellValue[]) => {
    const values = cells.map((cell, i) => csvValue(cell, report.columns[i]?.format ?? "text"));
    lines.push(grouped ? [group ?? "", ...values] : values);
  };
  for (const group of report.groups) {
    for (const row of group.rows) line(group.label, row);
    if (group.subtotal) line(group.label, group.subtotal);
  }
  if (report.total) line(grouped ? renderMessage(message("messages:reports.all")) : null, report.total);
  return toCsv(lines);
}
