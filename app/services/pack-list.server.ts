// The farms' pack lists, sent when a cycle's ordering closes: each farm that sold something is
// told what to pack (products and quantities, chilled goods marked) with links to its pick list.
// Run by the scheduler every minute; each farm gets one email per cycle (notifyOnce), in its
// owner's language, even when several server processes run the task.
import { listCyclesClosedBetween } from "~/models/cycle.server";
import { listCyclePackLists } from "~/models/order.server";
import { serverFormat, tFor } from "~/i18n/i18n.server";
import { getEnv } from "~/utils/env.server";
import { notifyOnce } from "./notification.server";

/**
 * How long after a cut-off its pack lists are still sent: a server that was down at the cut-off
 * sends them when it is back the same day, never days later.
 */
export const PACK_LIST_WINDOW_MS = 24 * 60 * 60 * 1000;

export const packListKind = (cycleId: string, farmId: string) => `farm-pack-list:${cycleId}:${farmId}`;

function appUrl(path: string) {
  const base = getEnv().APP_URL ?? "http://localhost:3000";
  return `${base.replace(/\/$/, "")}${path}`;
}

/** Sends the pack list of every farm with sales in the cycles closed in the last day; returns how many were sent now. */
export async function sendPackLists(now = new Date()): Promise<number> {
  let sent = 0;
  const cycles = await listCyclesClosedBetween({ since: new Date(now.getTime() - PACK_LIST_WINDOW_MS), until: now });
  for (const cycle of cycles) {
    for (const farm of await listCyclePackLists({ hubId: cycle.hubId, cycleId: cycle.id })) {
      if (farm.products.length === 0) continue;
      const t = tFor(farm.owner.locale, "email");
      const format = serverFormat(farm.owner.locale);
      const timeZone = cycle.hub.timeZone;
      const query = `?cycle=${encodeURIComponent(cycle.id)}`;
      const lines = farm.products.map((p) => {
        const line = t("packList.line", {
          quantity: format.quantity(p.quantityMilli, p.unit),
          product: p.productName,
          count: p.orders,
        });
        return p.chilled ? t("packList.chilled", { line }) : line;
      });
      const message = await notifyOnce({
        to: farm.owner.email,
        kind: packListKind(cycle.id, farm.id),
        subject: t("packList.subject", { farm: farm.name, cycle: cycle.name }),
        text: [
          t("greeting", { name: farm.owner.name }),
          "",
          t("packList.intro", {
            cycle: cycle.name,
            farm: farm.name,
            cutoff: format.dateTime(cycle.cutoffAt, timeZone),
            delivery: format.date(cycle.deliveryDate, timeZone),
          }),
          "",
          ...lines,
          "",
          t("packList.pickList", { url: appUrl(`/farm/orders${query}`) }),
          t("packList.csv", { url: appUrl(`/farm/orders.csv${query}`) }),
        ].join("\n"),
      });
      if (message) sent += 1;
    }
  }
  return sent;
}
