// The app server of `npm run dev` (remix dev -c): builds the route-planning worker ahead, as
// `npm run build` does, and keeps it up to date while you edit — so planning never bundles at run
// time — then starts server.js.
import { watchWorker } from "./build-worker.mjs";

await watchWorker();
await import("../server.js");
