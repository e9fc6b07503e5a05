// Dependency check for CI: `npm audit` on the production dependencies, failing on high or critical
// advisories. Offline-tolerant: when the registry's audit service cannot be reached (some mirrors
// do not offer it), it says so and passes, instead of failing every build for a network reason.
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
let report;
try {
  report = JSON.parse(run.stdout || "{}");
} catch {
  report = { error: { summary: (run.stderr || run.stdout || "no output").trim().split("\n").pop() } };
}
if (report.error || !report.metadata) {
  const why = (
    report.message ||
    report.error?.summary ||
    report.error?.detail ||
    report.error?.code ||
    "no audit report"
  ).replace(/https?:\/\/\S+/g, "the registry");
  console.log(`dependency check: the registry's audit service did not answer (${why}); not checked this time.`);
  process.exit(0);
}
const counts = report.metadata.vulnerabilities ?? {};
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
const summary = ["critical", "high", "moderate", "low"].map((level) => `${counts[level] ?? 0} ${level}`).join(", ");
if (serious > 0) {
  for (const [name, entry] of Object.entries(report.vulnerabilities ?? {})) {
    if (entry.severity === "high" || entry.severity === "critical")
      console.log(`  ${entry.severity}: ${name} ${entry.range ?? ""}`);
  }
  console.log(`dependency check: ${summary} advisories in production dependencies — upgrade before release.`);
  process.exit(1);
}
console.log(`dependency check: ${summary} advisories in production dependencies.`);
