// After `remix build`: the browser bundles must not use Node's Buffer (or require Node built-ins).
// A page that imports a module pulling in a Node-only library (csv-parse, csv-stringify, …) builds
// fine, then throws in the browser when its route module loads: the page silently falls back to a
// full reload, or a click does nothing. This check turns that into a build error naming the chunk.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve("public/build");
const NODE_ONLY = /\bBuffer\.(from|alloc|allocUnsafe|concat|isBuffer|byteLength)\(|\brequire\(["']node:/;

function* files(dir) {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) yield* files(file);
    else if (file.endsWith(".js")) yield file;
  }
}

const offenders = [];
for (const file of files(root)) {
  const match = NODE_ONLY.exec(readFileSync(file, "utf8"));
  if (match) offenders.push(`${path.relative(process.cwd(), file)}: ${match[0]}`);
}
if (offenders.length) {
  console.error(
    "Browser bundles use Node-only APIs (a page imports a server-only module; import it from server code only):\n" +
      offenders.map((o) => `  ${o}`).join("\n"),
  );
  process.exit(1);
}
console.log("Client bundles: no Node-only APIs.");
