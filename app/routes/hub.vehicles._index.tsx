import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { ENERGY_OPTIONS } from "~/components/vehicle-form";
import { formatMinute } from "~/domain/planning/time";
import { listVehicles } from "~/models/vehicle.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { formatMoney, formatWeight } from "~/utils/format";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Vehicles — Foodshed" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  return json({ vehicles: await listVehicles({ hubId: hub.id }), currency: hub.currency });
}

export default function VehiclesPage() {
  const { vehicles, currency } = useLoaderData<typeof loader>();
  const energy = new Map(ENERGY_OPTIONS.map((o) => [o.value, o.label]));
  return (
    <>
      <PageHeader
        title="Vehicles"
        description="Capacity, fuel and shift hours decide which routes each vehicle can run; the fuel sets its emission factor."
        breadcrumbs={[{ to: "/hub", label: "Hub" }]}
        actions={
          <Link className="btn btn-primary" to="/hub/vehicles/new">
            Add vehicle
          </Link>
        }
      />
      {vehicles.length === 0 ? (
        <EmptyState
          title="No vehicles yet"
          action={
            <Link className="btn btn-primary" to="/hub/vehicles/new">
              Add a vehicle
            </Link>
          }
        >
          Routes are planned for the vehicles in service.
        </EmptyState>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">Vehicles</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="num">
                  Capacity
                </th>
                <th scope="col">Type and fuel</th>
                <th scope="col">Shift</th>
                <th scope="col" className="num">
                  Cost / km
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {vehicles.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={`/hub/vehicles/${v.id}`}>{v.name}</Link>
                    {v.refrigerated ? (
                      <span className="badge badge-info" style={{ marginLeft: "0.4rem" }}>
                        Refrigerated
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{formatWeight(v.capacityGrams)}</td>
                  <td className="small">{energy.get(v.energyType) ?? v.energyType}</td>
                  <td>
                    {formatMinute(v.shiftStartMinute)}–{formatMinute(v.shiftEndMinute)}
                  </td>
                  <td className="num">{formatMoney(v.costPerKmMinor, currency)}</td>
                  <td>
                    {v.active ? (
                      <span className="badge">In service</span>
                    ) : (
                      <span className="badge badge-neutral">Inactive</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
