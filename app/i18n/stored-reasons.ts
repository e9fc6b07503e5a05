// Carbon "not estimated" reasons are stored with the order (its carbon detail) in English, the
// words of the domain rules that wrote them (app/domain/carbon, services/carbon-estimate). A page
// shows them in its reader's language through `storedReasonText`; a reason it does not know (an
// older wording) is shown as stored. Client-safe.
import type { TFunction } from "i18next";
import { currentT } from "./i18n";

const PATTERNS: ReadonlyArray<{ pattern: RegExp; key: string; names?: string[] }> = [
  { pattern: /^The order has no goods\.$/, key: "messages:carbonReasons.noGoods" },
  { pattern: /^Some goods have no weight data\.$/, key: "messages:carbonReasons.someUnweighted" },
  { pattern: /^The order's goods weigh 0 g\.$/, key: "messages:carbonReasons.zeroWeight" },
  { pattern: /^The hub for this order was not found\.$/, key: "messages:carbonReasons.noHub" },
  {
    pattern: /^Some goods come from a farm this hub does not serve, so their journey is unknown\.$/,
    key: "messages:carbonReasons.farmOutsideHub",
  },
  {
    pattern: /^No weight data for goods from farm (.+)\.$/,
    key: "messages:carbonReasons.unweightedFarms",
    names: ["farms"],
  },
  {
    pattern: /^No weight data for goods at (.+); without mass its share cannot be allocated\.$/,
    key: "messages:carbonReasons.unweightedStops",
    names: ["places"],
  },
  {
    pattern: /^No weight is recorded for some goods from (.+), so the transport of this order cannot be estimated\.$/,
    key: "messages:carbonReasons.unweightedNamedFarms",
    names: ["farms"],
  },
  {
    pattern: /^The figures come from different factor sets or methods \((.+) vs (.+)\)\.$/,
    key: "messages:carbonReasons.differentMethods",
    names: ["figure", "baseline"],
  },
];

/** A stored carbon reason in the reader's language (see above); any namespace's `t` will do. */
export function storedReasonText(reason: string, t: TFunction = currentT("messages")): string {
  for (const { pattern, key, names = [] } of PATTERNS) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const values = Object.fromEntries(names.map((name, index) => [name, match[index + 1] ?? ""]));
    return String(t(key, values));
  }
  return reason;
}
