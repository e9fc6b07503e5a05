import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card, PageHeader } from "~/components/ui/page";
import { VehicleForm, VehicleSchema, vehicleInputFromForm } from "~/components/vehicle-form";
import { minorToInput } from "~/domain/money";
import { formatMinute } from "~/domain/planning/time";
import { findVehicle } from "~/models/vehicle.server";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { requireHub } from "~/utils/hub-guard.server";
import { editVehicle } from "~/services/vehicle.server";
import { redirectWithToast } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("vehicles.edit.metaTitle") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const vehicle = await findVehicle({ hubId: hub.id, vehicleId: params.vehicleId ?? "" });
  if (!vehicle) throw new Response(serverT("hub")("vehicles.notFound"), { status: 404 });
  return json({ vehicle, currency: hub.currency });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const submission = parseWithZod(await request.formData(), { schema: VehicleSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const ok = await editVehicle({
    hubId: hub.id,
    vehicleId: params.vehicleId ?? "",
    data: vehicleInputFromForm(submission.value),
  });
  if (!ok) throw new Response(serverT("hub")("vehicles.notFound"), { status: 404 });
  return redirectWithToast(
    request,
    "/hub/vehicles",
    serverT("hub")("vehicles.edit.saved", { name: submission.value.name }),
  );
}

export default function EditVehiclePage() {
  const { vehicle, currency } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("hub");
  return (
    <>
      <PageHeader
        title={t("vehicles.edit.title", { name: vehicle.name })}
        breadcrumbs={[
          { to: "/hub", label: t("common:nav.hub") },
          { to: "/hub/vehicles", label: t("common:nav.vehicles") },
        ]}
      />
      <Card>
        <VehicleForm
          currency={currency}
          lastResult={lastResult}
          submitLabel={t("vehicles.edit.submit")}
          defaultValue={{
            name: vehicle.name,
            capacityKg: String(vehicle.capacityGrams / 1000),
            energyType: vehicle.energyType,
            refrigerated: vehicle.refrigerated ? "on" : "",
            rangeKm: vehicle.rangeMetres === null ? "" : String(vehicle.rangeMetres / 1000),
            shiftStart: formatMinute(vehicle.shiftStartMinute),
            shiftEnd: formatMinute(vehicle.shiftEndMinute),
            costPerKm: minorToInput(vehicle.costPerKmMinor),
            active: vehicle.active ? "on" : "",
          }}
        />
      </Card>
    </>
  );
}
