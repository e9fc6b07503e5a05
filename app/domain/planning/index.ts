export * from "./problems";
export * from "./solve-legs";
export * from "./to-routes";
export * from "./move";
export * from "./carbon";
export * from "./time";
export * from "./cargo";
export * from "./warnings";
