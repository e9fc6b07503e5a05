// Pages import this index; the CSV writer (./csv, on csv-stringify, which needs Node's Buffer) is
// imported by server code from "~/domain/aggregation/csv" so it never reaches a browser bundle.
export * from "./types";
export * from "./build";
export * from "./cycle-reports";
