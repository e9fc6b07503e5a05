// The plan page's data: the cycle, its latest plan with each route's stops and warnings (worded
// from domain/planning/warnings), the farms worth collecting instead of their own trip (worded from
// domain/planning/collect-suggestions), and the latest planning job.
import { effectiveCycleStatus } from "~/domain/cycles";
import {
  cycleRangeConditions,
  effectiveRangeMetres,
  routeWarnings,
  type HubRangeSettings,
  type RouteWarning,
} from "~/domain/planning";
import type { PlanUnassigned } from "~/domain/planning/problems";
import { zonedDate } from "~/domain/time-zone";
import { findCycleForHub } from "~/models/hub.server";
import { findLatestPlanningJob } from "~/models/planning-job.server";
import { findLatestPlan } from "~/models/route-plan.server";
import { getCollectSuggestions } from "~/services/collect-suggestions.server";
import { replanBlocked } from "~/services/route-planning.server";
import { serverDuration, serverFormat, serverT } from "~/i18n/i18n.server";
import { messageText, translateMessage } from "~/i18n/messages";

function warningText(warning: RouteWarning, stopLabel: (sequence: number) => string): string {
  const t = serverT("hub");
  switch (warning.code) {
    case "OVER_CAPACITY":
      return t("plan.warnings.overCapacity", { weight: serverFormat().weight(warning.overGrams) });
    case "OVER_RANGE":
      return t("plan.warnings.overRange", {
        range: serverFormat().distance(warning.rangeMetres, "KM"),
        distance: serverFormat().distance(warning.overMetres, "KM"),
      });
    case "AFTER_SLOT":
      return t("plan.warnings.afterSlot", {
        stop: stopLabel(warning.sequence),
        late: serverDuration(warning.lateSeconds),
      });
    case "CHILLED_NOT_COLD":
      return t("plan.warnings.chilledNotCold", { stop: stopLabel(warning.sequence) });
  }
}

export async function loadPlanPage({
  hub,
  cycleId,
  now,
}: {
  hub: { id: string; depotLat: number; depotLng: number } & HubRangeSettings;
  cycleId: string;
  now: Date;
}) {
  const cycle = await findCycleForHub({ hubId: hub.id, cycleId });
  if (!cycle) return null;
  const t = serverT("hub");
  const [plan, job] = await Promise.all([
    findLatestPlan({ hubId: hub.id, cycleId: cycle.id }),
    findLatestPlanningJob({ hubId: hub.id, cycleId: cycle.id }),
  ]);
  const day = { deliveryDate: zonedDate(cycle.deliveryDate, hub.timeZone), timeZone: hub.timeZone };
  // Each vehicle's range for this cycle, with the hub's derating as it is now.
  const rangeConditions = cycleRangeConditions(hub, cycle.deliveryDate);
  const perKind = { COLLECTION: 0, DELIVERY: 0 };
  const routes = (plan?.routes ?? []).map((r, index) => {
    perKind[r.kind] += 1;
    const number = perKind[r.kind];
    // A delivery stop's order selects its chilled lines only (at most one): any means chilled goods.
    const placeHasChilledGoods = (s: (typeof r.stops)[number]) =>
      r.kind === "DELIVERY" && Boolean(s.order?.lines.length);
    const rangeMetres = effectiveRangeMetres(r.vehicle, rangeConditions);
    const warnings = routeWarnings(
      {
        loadGrams: r.loadGrams,
        vehicle: r.vehicle,
        distanceM: r.distanceM,
        rangeMetres,
        stops: r.stops.map((s) => ({
          sequence: s.sequence,
          arrivalAt: s.arrivalAt,
          cargo: s.cargo,
          slot: s.order?.slot ?? null,
          placeHasChilledGoods: placeHasChilledGoods(s),
        })),
      },
      day,
    ).map((warning) =>
      warningText(warning, (sequence) => {
        const s = r.stops.find((stop) => stop.sequence === sequence);
        return s?.order
          ? serverT("messages")("planning.stopWords.order", { number: s.order.number, buyer: s.order.buyer.name })
          : serverT("messages")("planning.stopWords.farm", { farm: s?.farm?.name ?? "" });
      }),
    );
    return {
      id: r.id,
      index,
      number,
      name: t(`plan.routeName.${r.kind}`, { number }),
      kind: r.kind,
      locked: r.locked,
      driverId: r.driverId,
      driverName: r.driver?.name ?? null,
      vehicle: { name: r.vehicle.name, capacityGrams: r.vehicle.capacityGrams, refrigerated: r.vehicle.refrigerated },
      startAt: r.startAt,
      endAt: r.endAt,
      distanceM: r.distanceM,
      rangeMetres,
      durationS: r.durationS,
      loadGrams: r.loadGrams,
      co2eGrams: r.co2eGrams,
      warnings,
      stops: r.stops.map((s) => {
        const stop = s.farm
          ? s.farm.name
          : t("plan.stopOrder", { number: s.order?.number, buyer: s.order?.buyer.name ?? "" });
        return {
          id: s.id,
          sequence: s.sequence,
          label: s.cargo ? t(`plan.stopWithPart.${s.cargo}`, { stop }) : stop,
          detail: s.farm ? t("plan.stopCollect") : (s.order?.address ?? ""),
          lat: (s.farm?.lat ?? s.order?.lat) as number,
          lng: (s.farm?.lng ?? s.order?.lng) as number,
          arrivalAt: s.arrivalAt,
          gramsHandled: s.gramsHandled,
          loadGramsAfter: s.loadGramsAfter,
          co2eGrams: s.co2eGrams,
          status: s.status,
          chilled: s.cargo ? s.cargo === "CHILLED" : Boolean(s.order?.lines.length),
        };
      }),
    };
  });
  const status = effectiveCycleStatus(cycle, now);
  // A delivered cycle's plan is a record: nothing left to change, so nothing to suggest.
  const collect =
    plan && status !== "DELIVERED"
      ? await getCollectSuggestions({
          hub,
          cycleId: cycle.id,
          plan,
          routeNames: new Map(routes.map((r) => [r.id, r.name])),
        })
      : null;
  return {
    timeZone: hub.timeZone,
    depot: { lat: hub.depotLat, lng: hub.depotLng },
    deliveryStarted: plan ? await replanBlocked({ cycleId: cycle.id }) : null,
    cycle: {
      id: cycle.id,
      name: cycle.name,
      status,
      orders: cycle._count.orders,
    },
    job: job
      ? { id: job.id, status: job.status, progress: job.progress, message: job.message, planId: job.planId }
      : null,
    plan: plan
      ? {
          id: plan.id,
          status: plan.status,
          notice: plan.notice,
          distanceSource: plan.distanceSource,
          totalDistanceM: plan.totalDistanceM,
          totalCo2eGrams: plan.totalCo2eGrams,
          unassigned: (plan.unassigned ?? []) as unknown as PlanUnassigned[],
          createdAt: plan.createdAt,
        }
      : null,
    routes,
    collect: collect
      ? {
          farmsChecked: collect.farmsChecked,
          suggestions: collect.suggestions.map((s) => ({
            farmId: s.farmId,
            routeId: s.routeId,
            addedMetres: s.addedMetres,
            savedGrams: s.savedGrams,
            text: translateMessage(s.message),
            details: s.details.map((d) => translateMessage(d)),
            otherRoutes: s.otherRoutes.map((o) => ({
              routeId: o.routeId,
              routeName: messageText(o.routeName),
              addedMetres: o.addedMetres,
              savedGrams: o.savedGrams,
            })),
          })),
          notSuggested: collect.notSuggested.map((n) => ({
            farmId: n.farmId,
            farmName: n.farmName,
            reason: n.reason,
            text: translateMessage(n.message),
          })),
        }
      : null,
  };
}
