import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card, PageHeader } from "~/components/ui/page";
import { VehicleForm, VehicleSchema, vehicleInputFromForm } from "~/components/vehicle-form";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { requireHub } from "~/utils/hub-guard.server";
import { addVehicle } from "~/services/vehicle.server";
import { redirectWithToast } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("vehicles.new.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  return json({ currency: hub.currency });
}

export async function action({ request }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const submission = parseWithZod(await request.formData(), { schema: VehicleSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  await addVehicle({ hubId: hub.id, data: vehicleInputFromForm(submission.value) });
  return redirectWithToast(
    request,
    "/hub/vehicles",
    serverT("hub")("vehicles.new.added", { name: submission.value.name }),
  );
}

export default function NewVehiclePage() {
  const lastResult = useActionData<typeof action>();
  const { currency } = useLoaderData<typeof loader>();
  const { t } = useTranslation("hub");
  return (
    <>
      <PageHeader
        title={t("vehicles.new.title")}
        breadcrumbs={[
          { to: "/hub", label: t("common:nav.hub") },
          { to: "/hub/vehicles", label: t("common:nav.vehicles") },
        ]}
      />
      <Card>
        <VehicleForm
          currency={currency}
          lastResult={lastResult}
          submitLabel={t("vehicles.new.submit")}
          defaultValue={{
            energyType: "van-diesel-class-iii",
            shiftStart: "08:00",
            shiftEnd: "18:00",
            costPerKm: "0.45",
            active: "on",
            capacityKg: "800",
          }}
        />
      </Card>
    </>
  );
}
