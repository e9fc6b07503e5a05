import { message, renderMessage } from "../message";
import type { BuiltGroup, BuiltReport, CellValue, ColumnDefinition, ReportDefinition, ReportText } from "./types";

/** A report's words in the current language. */
export const reportText = (text: ReportText): string => (typeof text === "string" ? text : renderMessage(text));

function summarise<Row>(columns: ReadonlyArray<ColumnDefinition<Row>>, rows: Row[], label: string): CellValue[] {
  return columns.map((column, index) => {
    if (column.summary === "sum") {
      return rows.reduce((sum, row) => sum + (Number(column.value(row)) || 0), 0);
    }
    if (column.summary === "count-distinct") {
      return new Set(rows.map((row) => String(column.value(row)))).size;
    }
    if (column.summary === "label" || index === 0) return label;
    return null;
  });
}

function mergeRows<Row>(definition: ReportDefinition<Row>, rows: readonly Row[]): Row[] {
  if (!definition.rowKey) return [...rows];
  if (!definition.merge) throw new Error(`Report ${definition.id} has a rowKey without merge`);
  const merged = new Map<string, Row>();
  for (const row of rows) {
    const key = definition.rowKey(row);
    const existing = merged.get(key);
    merged.set(key, existing === undefined ? row : definition.merge(existing, row));
  }
  return [...merged.values()];
}

/** Applies a report declaration to rows: merge, sort, group, subtotal and total. */
export function buildReport<Row>(definition: ReportDefinition<Row>, input: readonly Row[]): BuiltReport {
  const rows = mergeRows(definition, input);
  if (definition.sort) rows.sort(definition.sort);
  const columns = definition.columns;
  const cells = (row: Row) => columns.map((column) => column.value(row));
  const groups: BuiltGroup[] = [];
  if (definition.group) {
    const byKey = new Map<string, { label: string; rows: Row[] }>();
    for (const row of rows) {
      const key = definition.group.key(row);
      let group = byKey.get(key);
      if (!group) {
        group = { label: definition.group.label(row), rows: [] };
        byKey.set(key, group);
      }
      group.rows.push(row);
    }
    for (const [key, group] of byKey) {
      groups.push({
        key,
        label: group.label,
        rows: group.rows.map(cells),
        subtotal: definition.group.subtotal
          ? summarise(columns, group.rows, reportText(message("messages:reports.subtotal", { group: group.label })))
          : null,
      });
    }
  } else {
    groups.push({ key: "all", label: null, rows: rows.map(cells), subtotal: null });
  }
  return {
    id: definition.id,
    title: reportText(definition.title),
    description: reportText(definition.description),
    columns: columns.map(({ key, label, format }) => ({ key, label: reportText(label), format })),
    groups,
    total: definition.total
      ? summarise(columns, rows, reportText(definition.totalLabel ?? message("messages:reports.total")))
      : null,
    grouped: Boolean(definition.group),
    rowCount: rows.length,
  };
}
