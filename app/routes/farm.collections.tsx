import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CycleStatusBadge } from "~/components/cycle-status";
import { Card, EmptyState, PageHeader } from "~/components/ui/page";
import { formatCo2e } from "~/domain/carbon/format";
import { getFarmCollections } from "~/services/farm-collections.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatDate, formatWeight } from "~/utils/format";
import { requireRole } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Collections — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FARMER");
  const farmId = new URL(request.url).searchParams.get("farm");
  const data = await getFarmCollections({ ownerId: user.id, farmId: farmId || null });
  if (!data) throw new Response("Farm not found", { status: 404 });
  return json(data, { headers: { "Cache-Control": "no-store" } });
}

export default function FarmCollectionsPage() {
  const { farms, farm, hub, cycles } = useLoaderData<typeof loader>();
  const timeZone = hub?.timeZone ?? "Europe/London";
  const time = (v: string) =>
    new Intl.DateTimeFormat("en-GB", {
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
    }).format(new Date(v));
  const clock = (v: string) =>
    new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(v));
  return (
    <>
      <PageHeader
        title="Collections"
        description={
          farm && hub
            ? farm.selfDelivers
              ? `${farm.name} brings its goods to ${hub.name} itself. Here is what each cycle asks of you and the emissions of your trips.`
              : `When ${hub.name}'s van collects from ${farm.name}, what it takes, and your share of the collection runs' emissions.`
            : undefined
        }
      />
      {farms.length > 1 ? (
        <Form method="get" className="row" style={{ marginBottom: "1rem" }}>
          <label htmlFor="farm-picker">Farm</label>
          <select id="farm-picker" name="farm" defaultValue={farm?.id}>
            {farms.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
          <button type="submit" className="btn btn-secondary btn-small">
            Show
          </button>
        </Form>
      ) : null}
      {!farm ? (
        <EmptyState
          title="No farm yet"
          action={
            <Link className="btn btn-primary" to="/farm/new">
              Add your farm
            </Link>
          }
        >
          Collections appear here once your farm sells through a hub.
        </EmptyState>
      ) : !hub ? (
        <EmptyState title="Your farm is not part of a hub yet">
          A hub coordinator adds farms to their hub; collections are planned from there.
        </EmptyState>
      ) : cycles.length === 0 ? (
        <EmptyState title="No collections yet">
          Once buyers order from {farm.name} and the hub plans its routes, the collection time and weight show here.
        </EmptyState>
      ) : (
        <ul className="cycle-cards collection-cards" aria-label="Collections by delivery cycle">
          {cycles.map((cycle) => (
            <li key={cycle.id}>
              <Card
                className="cycle-card"
                title={
                  <>
                    {cycle.name} <CycleStatusBadge status={cycle.status} />
                  </>
                }
              >
                <p className="small muted" style={{ marginTop: 0 }}>
                  Delivery {formatDate(cycle.deliveryDate, timeZone)} · ordered from you{" "}
                  {formatWeight(cycle.orderedGrams)}
                </p>
                {!cycle.planned ? (
                  cycle.status === "DELIVERED" ? (
                    <p>
                      No route plan was recorded for this cycle, so there is no collection time or emissions figure for
                      it.
                    </p>
                  ) : (
                    <p>
                      Routes are not planned yet. The collection time appears here once the hub plans them
                      {cycle.status === "OPEN" || cycle.status === "SCHEDULED" ? ", after ordering closes" : ""}.
                    </p>
                  )
                ) : farm.selfDelivers ? (
                  <dl className="collection-figures">
                    <dt>You bring</dt>
                    <dd>{formatWeight(cycle.orderedGrams)} to the hub</dd>
                    <dt>Your trip</dt>
                    <dd>{cycle.co2eGrams === null ? "not estimated" : `${formatCo2e(cycle.co2eGrams)} CO2e`}</dd>
                  </dl>
                ) : cycle.collections.length === 0 ? (
                  <p>
                    No collection from your farm on the current plan. If you have goods in this cycle, ask the hub: they
                    are listed as unassigned on the plan.
                  </p>
                ) : (
                  <>
                    <ul className="collection-stops">
                      {cycle.collections.map((c) => (
                        <li key={c.stopId}>
                          <strong>
                            {time(c.arrivalAt)}–{clock(c.departureAt)}
                          </strong>
                          <br />
                          {c.vehicle}
                          {c.refrigerated && !/refrigerat/i.test(c.vehicle) ? " (refrigerated)" : ""} collects{" "}
                          {formatWeight(c.grams)}
                          {c.cargo === "CHILLED"
                            ? " of chilled goods"
                            : c.cargo === "AMBIENT"
                              ? " of ambient goods"
                              : ""}
                          {c.status === "DONE" ? <span className="badge"> Collected</span> : null}
                        </li>
                      ))}
                    </ul>
                    <dl className="collection-figures">
                      <dt>Collected</dt>
                      <dd>{formatWeight(cycle.collectedGrams)}</dd>
                      <dt>Your share of the run</dt>
                      <dd>{formatCo2e(cycle.co2eGrams ?? 0)} CO2e</dd>
                    </dl>
                  </>
                )}
              </Card>
            </li>
          ))}
        </ul>
      )}
      <p className="small muted">
        Emissions are shared out by weight × distance from the hub (ISO 14083).{" "}
        <a href="/carbon">How we count carbon</a>.
      </p>
    </>
  );
}
