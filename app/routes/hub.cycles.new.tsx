import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CycleForm, CycleSchema, cycleInputFromForm } from "~/components/cycle-form";
import { Card, PageHeader } from "~/components/ui/page";
import { defaultCutoff } from "~/domain/cycles";
import { addDays, toZonedInputValue, zonedDate, zonedToUtc } from "~/domain/planning/time";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { createCycle } from "~/services/cycle-admin.server";
import { requireHub } from "~/utils/hub-guard.server";
import { redirectWithToast } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("cycles.new.metaTitle") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const today = zonedDate(new Date(), hub.timeZone);
  const deliveryDate = addDays(today, 7);
  const cutoff = defaultCutoff(zonedToUtc(deliveryDate, 0, hub.timeZone), {
    daysBefore: hub.cutoffDaysBefore,
    minuteOfDay: hub.cutoffMinuteOfDay,
    timeZone: hub.timeZone,
  });
  return json({
    timeZone: hub.timeZone,
    defaults: {
      name: serverT("hub")("cycles.new.defaultName", { date: deliveryDate }),
      deliveryDate,
      opensAt: toZonedInputValue(new Date(), hub.timeZone),
      cutoffAt: toZonedInputValue(cutoff, hub.timeZone),
      slots: "09:00-12:00\n13:00-17:00",
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { hub } = await requireHub(request);
  const submission = parseWithZod(await request.formData(), { schema: CycleSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await createCycle({
    hubId: hub.id,
    data: cycleInputFromForm(submission.value, hub.timeZone),
    timeZone: hub.timeZone,
  });
  if (!result.ok) {
    return json(
      submission.reply({
        fieldErrors: result.field === "form" ? {} : { [result.field]: [result.message] },
        formErrors: result.field === "form" ? [result.message] : [],
      }),
      { status: 400 },
    );
  }
  return redirectWithToast(request, `/hub/cycles/${result.id}`, serverT("hub")("cycles.new.created"));
}

export default function NewCyclePage() {
  const { defaults, timeZone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation("hub");
  return (
    <>
      <PageHeader
        title={t("cycles.new.title")}
        breadcrumbs={[
          { to: "/hub", label: t("common:nav.hub") },
          { to: "/hub/cycles", label: t("common:nav.cycles") },
        ]}
      />
      <Card>
        <CycleForm
          lastResult={lastResult}
          defaultValue={defaults}
          submitLabel={t("cycles.new.submit")}
          timeZone={timeZone}
        />
      </Card>
    </>
  );
}
