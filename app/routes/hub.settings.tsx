import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { LazyPinPicker } from "~/components/map/lazy-map";
import { mapLinks } from "~/components/map/links";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/page";
import { DEFAULT_CURRENCY, HUB_CURRENCIES, minorToInput, parseMoneyToMinor } from "~/domain/money";
import { currencySymbol } from "~/utils/format";
import { formatMinute, parseMinute } from "~/domain/planning/time";
import { hubHasOrders } from "~/models/hub.server";
import { saveHubSettings } from "~/services/hub.server";
import { getOptionalHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = () => [{ title: "Hub settings — Foodshed" }];

const TIME_ZONES = [
  "Europe/London",
  "Europe/Dublin",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Australia/Sydney",
  "Pacific/Auckland",
  "UTC",
];

const money = (label: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value || value.trim() === "") return 0;
      const parsed = parseMoneyToMinor(value, { allowZero: true, label });
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    });

const SettingsSchema = z
  .object({
    name: z.string({ error: "Name the hub" }).trim().min(1, { error: "Name the hub" }).max(80),
    depotAddress: z
      .string({ error: "Enter the depot's address" })
      .trim()
      .min(1, { error: "Enter the depot's address" })
      .max(200),
    depotLat: z.coerce
      .number({ error: "Set the depot on the map or type its latitude" })
      .min(-90, { error: "Latitude must be between -90 and 90" })
      .max(90, { error: "Latitude must be between -90 and 90" }),
    depotLng: z.coerce
      .number({ error: "Set the depot on the map or type its longitude" })
      .min(-180, { error: "Longitude must be between -180 and 180" })
      .max(180, { error: "Longitude must be between -180 and 180" }),
    zoneRadiusKm: z.coerce
      .number()
      .positive({ error: "The radius must be more than 0 km" })
      .max(500, { error: "At most 500 km" })
      .optional(),
    zonePolygon: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (!value || value.trim() === "") return null;
        const points: Array<[number, number]> = [];
        for (const line of value
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter(Boolean)) {
          const [lat, lng] = line.split(/[,\s]+/).map(Number);
          if (
            lat === undefined ||
            lng === undefined ||
            !Number.isFinite(lat) ||
            !Number.isFinite(lng) ||
            Math.abs(lat) > 90 ||
            Math.abs(lng) > 180
          ) {
            ctx.addIssue({
              code: "custom",
              message: `“${line}” is not a point; write “latitude, longitude” on each line`,
            });
            return z.NEVER;
          }
          points.push([lat, lng]);
        }
        if (points.length < 3) {
          ctx.addIssue({ code: "custom", message: "A zone polygon needs at least three points" });
          return z.NEVER;
        }
        return points;
      }),
    orderMinimum: money("Order minimum"),
    deliveryFee: money("Delivery fee"),
    deliveryFeePerKm: money("Fee per km"),
    cutoffDaysBefore: z.coerce
      .number({ error: "Enter a number of days" })
      .int()
      .min(0, { error: "0 or more days" })
      .max(14, { error: "At most 14 days" }),
    cutoffTime: z
      .string({ error: "Enter the cut-off time" })
      .refine((v) => parseMinute(v) !== null, { error: "Enter a time as HH:MM" }),
    timeZone: z.enum(TIME_ZONES as [string, ...string[]], { error: "Choose a time zone" }),
    currency: z.enum(HUB_CURRENCIES, { error: "Choose one of the listed currencies" }),
  })
  .refine((v) => v.zoneRadiusKm !== undefined || v.zonePolygon !== null, {
    path: ["zoneRadiusKm"],
    error: "Set a delivery zone: a radius, or a polygon below",
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await getOptionalHub(request);
  return json({ hub, currencyFixed: hub ? await hubHasOrders({ hubId: hub.id }) : false });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, hub } = await getOptionalHub(request);
  const submission = parseWithZod(await request.formData(), { schema: SettingsSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const v = submission.value;
  const saved = await saveHubSettings({
    userId: user.id,
    hubId: hub?.id ?? null,
    data: {
      name: v.name,
      depotAddress: v.depotAddress,
      depotLat: v.depotLat,
      depotLng: v.depotLng,
      zoneRadiusM: v.zoneRadiusKm !== undefined ? Math.round(v.zoneRadiusKm * 1000) : null,
      zonePolygon: v.zonePolygon,
      orderMinimumMinor: v.orderMinimum,
      deliveryFeeMinor: v.deliveryFee,
      deliveryFeePerKmMinor: v.deliveryFeePerKm,
      cutoffDaysBefore: v.cutoffDaysBefore,
      cutoffMinuteOfDay: parseMinute(v.cutoffTime)!,
      timeZone: v.timeZone,
      currency: v.currency,
    },
  });
  if (!saved.ok) return json(submission.reply({ fieldErrors: { [saved.field]: [saved.message] } }), { status: 409 });
  return redirectWithToast(request, "/hub/settings", hub ? "Hub settings saved." : "Your hub is set up.");
}

export default function HubSettingsPage() {
  const { hub, currencyFixed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const symbol = currencySymbol(hub?.currency ?? DEFAULT_CURRENCY);
  const [form, fields] = useForm<z.input<typeof SettingsSchema>, z.output<typeof SettingsSchema>>({
    lastResult,
    constraint: getZodConstraint(SettingsSchema),
    shouldValidate: "onBlur",
    defaultValue: {
      name: hub?.name ?? "",
      depotAddress: hub?.depotAddress ?? "",
      depotLat: hub?.depotLat?.toString() ?? "",
      depotLng: hub?.depotLng?.toString() ?? "",
      zoneRadiusKm: hub?.zoneRadiusM ? String(hub.zoneRadiusM / 1000) : "",
      zonePolygon: Array.isArray(hub?.zonePolygon)
        ? (hub.zonePolygon as Array<[number, number]>).map((p) => p.join(", ")).join("\n")
        : "",
      orderMinimum: minorToInput(hub?.orderMinimumMinor ?? 0),
      deliveryFee: minorToInput(hub?.deliveryFeeMinor ?? 0),
      deliveryFeePerKm: minorToInput(hub?.deliveryFeePerKmMinor ?? 0),
      cutoffDaysBefore: String(hub?.cutoffDaysBefore ?? 2),
      cutoffTime: formatMinute(hub?.cutoffMinuteOfDay ?? 1080),
      timeZone: hub?.timeZone ?? "Europe/London",
      currency: hub?.currency ?? DEFAULT_CURRENCY,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  const [pin, setPin] = useState<{ lat: number; lng: number } | null>(
    hub ? { lat: hub.depotLat, lng: hub.depotLng } : null,
  );
  const setField = (id: string, value: number) => {
    const input = document.getElementById(id) as HTMLInputElement | null;
    if (input) input.value = String(value);
  };
  return (
    <>
      <PageHeader
        title={hub ? "Hub settings" : "Set up your hub"}
        description="Where the depot is, who you deliver to, and the rules buyers see."
        breadcrumbs={hub ? [{ to: "/hub", label: "Hub" }] : undefined}
      />
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="grid grid-2">
          <Card title="Depot">
            <div className="form" style={{ maxWidth: "none" }}>
              <Field meta={fields.name} label="Hub name" />
              <Field meta={fields.depotAddress} label="Depot address" autoComplete="street-address" />
              <div className="form-row">
                <Field
                  meta={fields.depotLat}
                  label="Latitude"
                  inputMode="decimal"
                  onChange={(e) => {
                    const lat = Number(e.currentTarget.value);
                    if (Number.isFinite(lat) && pin) setPin({ ...pin, lat });
                  }}
                />
                <Field
                  meta={fields.depotLng}
                  label="Longitude"
                  inputMode="decimal"
                  onChange={(e) => {
                    const lng = Number(e.currentTarget.value);
                    if (Number.isFinite(lng) && pin) setPin({ ...pin, lng });
                  }}
                />
              </div>
              <LazyPinPicker
                height="300px"
                placeholder="Loading the map to place the depot…"
                value={pin}
                initialCenter={[pin?.lat ?? 51.4545, pin?.lng ?? -2.5879]}
                onChange={(point) => {
                  setPin(point);
                  setField(fields.depotLat.id, point.lat);
                  setField(fields.depotLng.id, point.lng);
                }}
                label="Map: click or drag the pin to place the depot"
              />
            </div>
          </Card>
          <Card title="Delivery zone and fees">
            <div className="form" style={{ maxWidth: "none" }}>
              <Field
                meta={fields.zoneRadiusKm}
                label="Zone radius (km)"
                inputMode="decimal"
                hint="Home delivery within this distance of the depot."
              />
              <TextareaField
                meta={fields.zonePolygon}
                label="Or a zone polygon (optional)"
                rows={3}
                hint="One “latitude, longitude” per line; when set, it replaces the radius."
              />
              <div className="form-row">
                <Field meta={fields.orderMinimum} label={`Order minimum (${symbol})`} inputMode="decimal" />
                <Field meta={fields.deliveryFee} label={`Delivery fee (${symbol})`} inputMode="decimal" />
                <Field
                  meta={fields.deliveryFeePerKm}
                  label={`Plus per km (${symbol})`}
                  inputMode="decimal"
                  hint="0 for a flat fee."
                />
              </div>
              <div className="form-row">
                <Field meta={fields.cutoffDaysBefore} label="Cut-off: days before delivery" inputMode="numeric" />
                <Field meta={fields.cutoffTime} label="Cut-off time" type="time" />
              </div>
              <SelectField
                meta={fields.timeZone}
                label="Time zone"
                options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
              />
              <SelectField
                meta={fields.currency}
                label="Currency"
                hint={
                  currencyFixed
                    ? `Fixed: the hub has orders in ${hub?.currency}. Prices, fees, orders and card payments are in it.`
                    : "Prices, fees, orders and card payments are in this currency. It can change only until the first order."
                }
                options={(currencyFixed && hub ? [hub.currency] : HUB_CURRENCIES).map((c) => ({
                  value: c,
                  label: `${c} (${currencySymbol(c)})`,
                }))}
              />
            </div>
          </Card>
        </div>
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
      </Form>
    </>
  );
}
