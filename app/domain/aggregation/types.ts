/**
 * Reports declared as data: columns, grouping and summary rows. `buildReport` turns a declaration
 * and rows into a plain table (values still in storage units); renderers (HTML table, print sheet,
 * CSV) format it. Nothing here knows about React or the database. Titles and labels may be
 * Messages: `buildReport` writes them in the current request's language (app/domain/message.ts).
 */
import type { Message } from "../message";

/** Words of a report: as written, or a catalogue Message. */
export type ReportText = string | Message;

/** Storage units: grams, thousandths of a unit, minor currency units. */
export type ColumnFormat = "text" | "integer" | "grams" | "quantity" | "money" | "flag";
export type CellValue = string | number | boolean | null;

export interface ColumnDefinition<Row> {
  key: string;
  label: ReportText;
  format: ColumnFormat;
  value: (row: Row) => CellValue;
  /** How the column is summarised in subtotal and total rows. */
  summary?: "sum" | "count-distinct" | "label";
}

export interface ReportDefinition<Row> {
  id: string;
  title: ReportText;
  description: ReportText;
  columns: ReadonlyArray<ColumnDefinition<Row>>;
  /** Rows with the same key are merged into one (quantities and weights summed). */
  rowKey?: (row: Row) => string;
  /** Merge two rows sharing a row key. Required with rowKey. */
  merge?: (a: Row, b: Row) => Row;
  group?: { key: (row: Row) => string; label: (row: Row) => string; subtotal?: boolean };
  sort?: (a: Row, b: Row) => number;
  total?: boolean;
  /** Value shown in the first column of summary rows. */
  totalLabel?: ReportText;
}

export interface BuiltColumn {
  key: string;
  label: string;
  format: ColumnFormat;
}

export interface BuiltGroup {
  key: string;
  label: string | null;
  rows: CellValue[][];
  subtotal: CellValue[] | null;
}

export interface BuiltReport {
  id: string;
  title: string;
  description: string;
  columns: BuiltColumn[];
  groups: BuiltGroup[];
  total: CellValue[] | null;
  /** True when the declaration groups rows (even if there are none). */
  grouped: boolean;
  rowCount: number;
}
