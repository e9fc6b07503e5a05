export * from "./types";
export * from "./distance";
export * from "./bounding-box";
export * from "./zones";
export * from "./distance-matrix";
export * from "./format";
