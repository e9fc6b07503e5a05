export * from "./types";
export * from "./build";
export * from "./csv";
export * from "./cycle-reports";
