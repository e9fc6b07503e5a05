import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { EmptyState, PageHeader } from "~/components/ui/page";
import { ENERGY_OPTIONS } from "~/components/vehicle-form";
import { formatMinute } from "~/domain/planning/time";
import { metaT } from "~/i18n/i18n";
import { listVehicles } from "~/models/vehicle.server";
import { requireHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { TableWrap } from "~/components/ui/table-wrap";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("vehicles.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  return json({ vehicles: await listVehicles({ hubId: hub.id }), currency: hub.currency });
}

export default function VehiclesPage() {
  const { vehicles, currency } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  const energy = new Map(ENERGY_OPTIONS.map((o) => [o.value, o.label]));
  return (
    <>
      <PageHeader
        title={t("vehicles.title")}
        description={t("vehicles.description")}
        breadcrumbs={[{ to: "/hub", label: t("common:nav.hub") }]}
        actions={
          <Link className="btn btn-primary" to="/hub/vehicles/new">
            {t("vehicles.add")}
          </Link>
        }
      />
      {vehicles.length === 0 ? (
        <EmptyState
          title={t("vehicles.empty.title")}
          action={
            <Link className="btn btn-primary" to="/hub/vehicles/new">
              {t("vehicles.empty.add")}
            </Link>
          }
        >
          {t("vehicles.empty.body")}
        </EmptyState>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t("vehicles.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("vehicles.columns.name")}</th>
                <th scope="col" className="num">
                  {t("vehicles.columns.capacity")}
                </th>
                <th scope="col">{t("vehicles.columns.energyType")}</th>
                <th scope="col" className="num">
                  {t("vehicles.columns.range")}
                </th>
                <th scope="col">{t("vehicles.columns.shift")}</th>
                <th scope="col" className="num">
                  {t("vehicles.columns.costPerKm")}
                </th>
                <th scope="col">{t("vehicles.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {vehicles.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link to={`/hub/vehicles/${v.id}`}>{v.name}</Link>
                    {v.refrigerated ? (
                      <span className="badge badge-info" style={{ marginLeft: "0.4rem" }}>
                        {t("vehicles.refrigerated")}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{format.weight(v.capacityGrams)}</td>
                  <td className="small">{energy.get(v.energyType) ?? v.energyType}</td>
                  <td className="num">
                    {v.rangeMetres === null ? t("vehicles.noRange") : format.distance(v.rangeMetres, "KM")}
                  </td>
                  <td>
                    {formatMinute(v.shiftStartMinute)}–{formatMinute(v.shiftEndMinute)}
                  </td>
                  <td className="num">{format.money(v.costPerKmMinor, currency)}</td>
                  <td>
                    {v.active ? (
                      <span className="badge">{t("vehicles.inService")}</span>
                    ) : (
                      <span className="badge badge-neutral">{t("vehicles.inactive")}</span>
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
