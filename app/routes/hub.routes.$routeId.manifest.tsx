import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page";
import { formatCo2e } from "~/domain/carbon/format";
import { formatDistance } from "~/domain/geo/format";
import { formatQuantity } from "~/domain/quantity";
import { getRouteSheet } from "~/services/delivery.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatDate, formatWeight } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Driver manifest — Foodshed" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const route = await getRouteSheet({ hubId: hub.id, routeId: params.routeId ?? "" });
  if (!route) throw new Response("Route not found", { status: 404 });
  return json({ route, timeZone: hub.timeZone });
}

export default function ManifestPage() {
  const { route, timeZone } = useLoaderData<typeof loader>();
  const time = (v: string) =>
    new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
  const collection = route.kind === "COLLECTION";
  return (
    <>
      <PageHeader
        title={`${collection ? "Collection" : "Delivery"} manifest — ${route.vehicle.name}`}
        description={`${route.plan.cycle.name} · ${formatDate(route.startAt, timeZone)} · leaves ${time(route.startAt)}, back ${time(route.endAt)} · ${formatDistance(route.distanceM, "KM")} · ${formatWeight(route.loadGrams)} · ${formatCo2e(route.co2eGrams)} CO2e`}
        breadcrumbs={[{ to: `/hub/cycles/${route.plan.cycle.id}/plan`, label: "Routes" }]}
        actions={
          <>
            <Button onClick={() => window.print()}>Print manifest</Button>
            <Link className="btn btn-secondary" to={`/driver/routes/${route.id}`}>
              Driver view
            </Link>
          </>
        }
      />
      <ol className="card" style={{ listStyle: "none", padding: "0 1.25rem" }} aria-label="Stops in order">
        {route.stops.map((stop) => (
          <li key={stop.id} className="manifest-stop">
            <span className="manifest-seq">{stop.sequence}</span>
            <div>
              <strong>{stop.farm ? stop.farm.name : `Order #${stop.order?.number} — ${stop.order?.buyer.name}`}</strong>
              {stop.partLabel ? (
                <span className={`badge${stop.cargo === "CHILLED" ? " badge-chilled" : ""}`}> {stop.partLabel}</span>
              ) : null}{" "}
              · arrive {time(stop.arrivalAt)} · {collection ? "collect" : "drop"} {formatWeight(stop.gramsHandled)}
              <div className="small">{stop.farm?.address ?? stop.order?.address ?? ""}</div>
              <div className="small muted">
                Contact: {stop.farm?.contactPhone ?? stop.order?.contactPhone ?? stop.order?.buyer.phone ?? "—"}
              </div>
              {stop.farm?.pickupInstructions ? (
                <div className="small">Notes: {stop.farm.pickupInstructions}</div>
              ) : null}
              {stop.order?.notes ? <div className="small">Notes: {stop.order.notes}</div> : null}
              {stop.items.length > 0 ? (
                <ul className="manifest-items" aria-label={collection ? "To collect" : "To drop"}>
                  {stop.items.map((l, i) => (
                    <li key={i}>
                      {formatQuantity(l.quantityMilli, l.unit)} {l.productName}
                      {l.chilled ? <span className="chilled-mark"> ❄ chilled</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
              {stop.status !== "PENDING" ? (
                <div className="small">
                  <span className={`badge ${stop.status === "FAILED" ? "badge-danger" : ""}`}>
                    {stop.status === "DONE" ? "Done" : `Failed: ${stop.failureReason ?? ""}`}
                  </span>
                </div>
              ) : null}
            </div>
            <span
              className="manifest-check"
              role="img"
              aria-label={stop.status === "DONE" ? "Done" : "To tick when done"}
            />
          </li>
        ))}
      </ol>
    </>
  );
}
