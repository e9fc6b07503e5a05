// Worker thread for route planning: solves both legs off the request thread. Built to
// build/workers/plan-routes.js by scripts/build-worker.mjs; in dev and tests it is run from source
// through tsx. Cancellation comes through a shared flag (the solver polls `signal.aborted`, and a
// message could not be delivered while the solver keeps this thread busy).
import { parentPort, workerData } from "node:worker_threads";
import type { PlanningProblems } from "../domain/planning/problems";
import { solveLegs, type MatrixSpec, type SolveLegsOptions } from "../domain/planning/solve-legs";

interface Input {
  problems: PlanningProblems;
  spec: MatrixSpec;
  options: Omit<SolveLegsOptions, "signal" | "onProgress">;
  flag: Int32Array;
}

const input = workerData as Input;
const signal = {
  get aborted() {
    return Atomics.load(input.flag, 0) === 1;
  },
} as AbortSignal;

try {
  const result = solveLegs(input.problems, input.spec, {
    ...input.options,
    signal,
    onProgress: (fraction, leg) => parentPort?.postMessage({ type: "progress", fraction, leg }),
  });
  parentPort?.postMessage({ type: "done", result });
} catch (error) {
  parentPort?.postMessage({
    type: "error",
    message: error instanceof Error ? error.message : String(error),
    name: error instanceof Error ? error.name : "Error",
  });
}
