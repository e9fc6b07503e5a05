import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { LazyPinPicker } from "~/components/map/lazy-map";
import { mapLinks } from "~/components/map/links";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field, SelectField, TextareaField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/page";
import { BASELINE_PROFILE_IDS, DEFAULT_BASELINE_PROFILE_ID } from "~/domain/carbon/baseline-profile";
import { DEFAULT_CURRENCY, HUB_CURRENCIES, minorToInput, parseMoneyToMinor } from "~/domain/money";
import {
  DEFAULT_RANGE_DERATING,
  DEFAULT_REFRIGERATED_DERATING_PERCENT,
  DEFAULT_WINTER_DERATING_PERCENT,
  MAX_DERATING_PERCENT,
} from "~/domain/planning/range";
import { formatMinute, parseMinute } from "~/domain/planning/time";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { hubHasOrders } from "~/models/hub.server";
import {
  FarmCommissionSchema,
  FarmsCommissionCard,
  HubMoneySchema,
  MoneySettingsCard,
} from "~/components/hub/money-settings";
import { getHubMoney, saveFarmCommission, saveHubMoneySettings, saveHubSettings } from "~/services/hub.server";
import { getOptionalHub } from "~/utils/hub-guard.server";
import coordinatorCss from "~/styles/coordinator.css";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("settings.metaTitle") }];

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

const MONTHS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"];

// A whole percentage of range lost (electric vehicles); empty: the default.
const derating = (fallback: number) =>
  z
    .number({ error: lazyT("hub:settings.errors.deratingPercent", { max: MAX_DERATING_PERCENT }) })
    .int({ error: lazyT("hub:settings.errors.deratingPercent", { max: MAX_DERATING_PERCENT }) })
    .min(0, { error: lazyT("hub:settings.errors.deratingPercent", { max: MAX_DERATING_PERCENT }) })
    .max(MAX_DERATING_PERCENT, { error: lazyT("hub:settings.errors.deratingPercent", { max: MAX_DERATING_PERCENT }) })
    .default(fallback);

// `label` is translated when the form is checked (the money parser puts it in its messages).
const money = (label: () => string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value || value.trim() === "") return 0;
      const parsed = parseMoneyToMinor(value, { allowZero: true, label: label() });
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.value;
    });

const SettingsSchema = z
  .object({
    name: z
      .string({ error: lazyT("hub:settings.errors.name") })
      .trim()
      .min(1, { error: lazyT("hub:settings.errors.name") })
      .max(80),
    depotAddress: z
      .string({ error: lazyT("hub:settings.errors.depotAddress") })
      .trim()
      .min(1, { error: lazyT("hub:settings.errors.depotAddress") })
      .max(200),
    depotLat: z.coerce
      .number({ error: lazyT("hub:settings.errors.latitudeRequired") })
      .min(-90, { error: lazyT("hub:settings.errors.latitudeRange") })
      .max(90, { error: lazyT("hub:settings.errors.latitudeRange") }),
    depotLng: z.coerce
      .number({ error: lazyT("hub:settings.errors.longitudeRequired") })
      .min(-180, { error: lazyT("hub:settings.errors.longitudeRange") })
      .max(180, { error: lazyT("hub:settings.errors.longitudeRange") }),
    zoneRadiusKm: z.coerce
      .number()
      .positive({ error: lazyT("hub:settings.errors.radiusPositive") })
      .max(500, { error: lazyT("hub:settings.errors.radiusMax", { max: 500 }) })
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
              message: lazyT("hub:settings.errors.notAPoint", { line })(),
            });
            return z.NEVER;
          }
          points.push([lat, lng]);
        }
        if (points.length < 3) {
          ctx.addIssue({ code: "custom", message: lazyT("hub:settings.errors.polygonTooShort")() });
          return z.NEVER;
        }
        return points;
      }),
    orderMinimum: money(lazyT("hub:settings.moneyLabels.orderMinimum")),
    deliveryFee: money(lazyT("hub:settings.moneyLabels.deliveryFee")),
    deliveryFeePerKm: money(lazyT("hub:settings.moneyLabels.deliveryFeePerKm")),
    cutoffDaysBefore: z.coerce
      .number({ error: lazyT("hub:settings.errors.cutoffDays") })
      .int()
      .min(0, { error: lazyT("hub:settings.errors.cutoffDaysMin") })
      .max(14, { error: lazyT("hub:settings.errors.cutoffDaysMax", { max: 14 }) }),
    cutoffTime: z
      .string({ error: lazyT("hub:settings.errors.cutoffTime") })
      .refine((v) => parseMinute(v) !== null, { error: lazyT("hub:settings.errors.cutoffTimeFormat") }),
    // What buyers' transport figures are compared with (app/domain/carbon/baseline-profile.ts);
    // absent from a form that does not show it: the hub keeps its profile.
    carbonBaselineProfile: z
      .enum(BASELINE_PROFILE_IDS, { error: lazyT("hub:settings.errors.baselineProfile") })
      .optional(),
    timeZone: z.enum(TIME_ZONES as [string, ...string[]], { error: lazyT("hub:settings.errors.timeZone") }),
    currency: z.enum(HUB_CURRENCIES, { error: lazyT("hub:settings.errors.currency") }),
    // The boxes ticked (none: no winter derating), once each, in calendar order.
    winterMonths: z
      .array(
        z
          .number({ error: lazyT("hub:settings.errors.winterMonth") })
          .int({ error: lazyT("hub:settings.errors.winterMonth") })
          .min(1, { error: lazyT("hub:settings.errors.winterMonth") })
          .max(12, { error: lazyT("hub:settings.errors.winterMonth") }),
      )
      .max(12, { error: lazyT("hub:settings.errors.winterMonth") })
      .transform((months) => [...new Set(months)].sort((a, b) => a - b)),
    winterDeratingPercent: derating(DEFAULT_WINTER_DERATING_PERCENT),
    fridgeDeratingPercent: derating(DEFAULT_REFRIGERATED_DERATING_PERCENT),
  })
  .refine((v) => v.zoneRadiusKm !== undefined || v.zonePolygon !== null, {
    path: ["zoneRadiusKm"],
    error: lazyT("hub:settings.errors.zone"),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await getOptionalHub(request);
  return json({
    hub,
    currencyFixed: hub ? await hubHasOrders({ hubId: hub.id }) : false,
    // Payee, bank details, rates and the farms' overrides and payout status (docs/decisions/035).
    money: hub ? await getHubMoney({ hubId: hub.id }) : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, hub } = await getOptionalHub(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "money" || intent === "farm-commission") {
    // The money forms need the hub set up first (the page shows them only then).
    if (!hub) return json({ formError: serverT("messages")("hub.setUpFirst") }, { status: 409 });
    if (intent === "money") {
      const money = parseWithZod(formData, { schema: HubMoneySchema });
      if (money.status !== "success") return json({ money: money.reply() }, { status: 400 });
      const { intent: _intent, commissionPercent, hubFeePercent, ...details } = money.value;
      await saveHubMoneySettings({
        hubId: hub.id,
        data: { ...details, commissionBasisPoints: commissionPercent, hubFeeBasisPoints: hubFeePercent },
      });
      return redirectWithToast(request, "/hub/settings", serverT("hub")("settings.money.saved"));
    }
    const commission = parseWithZod(formData, { schema: FarmCommissionSchema });
    const farmId = String(formData.get("farmId") ?? "");
    if (commission.status !== "success") {
      const message = Object.values(commission.reply().error ?? {}).flat()[0] ?? "";
      return json({ commission: { farmId, message } }, { status: 400 });
    }
    const saved = await saveFarmCommission({
      hubId: hub.id,
      farmId: commission.value.farmId,
      basisPoints: commission.value.commissionPercent,
    });
    if (!saved.ok) throw new Response(saved.message, { status: saved.status });
    return redirectWithToast(request, "/hub/settings", serverT("hub")("settings.farms.saved"));
  }
  const submission = parseWithZod(formData, { schema: SettingsSchema });
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
      carbonBaselineProfile: v.carbonBaselineProfile ?? hub?.carbonBaselineProfile ?? DEFAULT_BASELINE_PROFILE_ID,
      timeZone: v.timeZone,
      currency: v.currency,
      winterMonths: v.winterMonths,
      winterDeratingPercent: v.winterDeratingPercent,
      fridgeDeratingPercent: v.fridgeDeratingPercent,
    },
  });
  if (!saved.ok) return json(submission.reply({ fieldErrors: { [saved.field]: [saved.message] } }), { status: 409 });
  return redirectWithToast(request, "/hub/settings", serverT("hub")(hub ? "settings.saved" : "settings.created"));
}

export default function HubSettingsPage() {
  const { hub, currencyFixed, money } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // The money forms answer in their own keys; anything else is the main form's result.
  const moneyResult = actionData && "money" in actionData ? actionData.money : undefined;
  const commissionError = actionData && "commission" in actionData ? actionData.commission : null;
  const formError = actionData && "formError" in actionData ? actionData.formError : null;
  const lastResult =
    actionData && !("money" in actionData) && !("commission" in actionData) && !("formError" in actionData)
      ? actionData
      : undefined;
  const { t } = useTranslation("hub");
  const format = useFormat();
  const symbol = format.currencySymbol(hub?.currency ?? DEFAULT_CURRENCY);
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
      carbonBaselineProfile: hub?.carbonBaselineProfile ?? DEFAULT_BASELINE_PROFILE_ID,
      timeZone: hub?.timeZone ?? "Europe/London",
      currency: hub?.currency ?? DEFAULT_CURRENCY,
      winterMonths: (hub?.winterMonths ?? DEFAULT_RANGE_DERATING.winterMonths).map(String),
      winterDeratingPercent: String(hub?.winterDeratingPercent ?? DEFAULT_WINTER_DERATING_PERCENT),
      fridgeDeratingPercent: String(hub?.fridgeDeratingPercent ?? DEFAULT_REFRIGERATED_DERATING_PERCENT),
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SettingsSchema }),
  });
  const [pin, setPin] = useState<{ lat: number; lng: number } | null>(
    hub ? { lat: hub.depotLat, lng: hub.depotLng } : null,
  );
  const monthName = (month: number) =>
    new Intl.DateTimeFormat(format.locale, { month: "long", timeZone: "UTC" }).format(Date.UTC(2001, month - 1, 1));
  const monthErrors = [...new Set(Object.values(fields.winterMonths.allErrors).flat())];
  const monthBoxes = getCollectionProps(fields.winterMonths, { type: "checkbox", options: MONTHS });
  const baselineOptions = BASELINE_PROFILE_IDS.map((id) => ({
    value: id,
    label: t(`messages:carbonBaseline.profiles.${id}.name`),
  }));
  const setField = (id: string, value: number) => {
    const input = document.getElementById(id) as HTMLInputElement | null;
    if (input) input.value = String(value);
  };
  return (
    <>
      <PageHeader
        title={hub ? t("settings.title") : t("settings.setUpTitle")}
        description={t("settings.description")}
        breadcrumbs={hub ? [{ to: "/hub", label: t("common:nav.hub") }] : undefined}
      />
      <Form method="post" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <div className="grid grid-2">
          <Card title={t("settings.depot.title")}>
            <div className="form" style={{ maxWidth: "none" }}>
              <Field meta={fields.name} label={t("settings.depot.name")} />
              <Field meta={fields.depotAddress} label={t("settings.depot.address")} autoComplete="street-address" />
              <div className="form-row">
                <Field
                  meta={fields.depotLat}
                  label={t("settings.depot.latitude")}
                  inputMode="decimal"
                  onChange={(e) => {
                    const lat = Number(e.currentTarget.value);
                    if (Number.isFinite(lat) && pin) setPin({ ...pin, lat });
                  }}
                />
                <Field
                  meta={fields.depotLng}
                  label={t("settings.depot.longitude")}
                  inputMode="decimal"
                  onChange={(e) => {
                    const lng = Number(e.currentTarget.value);
                    if (Number.isFinite(lng) && pin) setPin({ ...pin, lng });
                  }}
                />
              </div>
              <LazyPinPicker
                height="300px"
                placeholder={t("settings.depot.mapLoading")}
                value={pin}
                initialCenter={[pin?.lat ?? 51.4545, pin?.lng ?? -2.5879]}
                onChange={(point) => {
                  setPin(point);
                  setField(fields.depotLat.id, point.lat);
                  setField(fields.depotLng.id, point.lng);
                }}
                label={t("settings.depot.mapLabel")}
              />
            </div>
          </Card>
          <Card title={t("settings.zone.title")}>
            <div className="form" style={{ maxWidth: "none" }}>
              <Field
                meta={fields.zoneRadiusKm}
                label={t("settings.zone.radius")}
                inputMode="decimal"
                hint={t("settings.zone.radiusHint")}
              />
              <TextareaField
                meta={fields.zonePolygon}
                label={t("settings.zone.polygon")}
                rows={3}
                hint={t("settings.zone.polygonHint")}
              />
              <div className="form-row">
                <Field
                  meta={fields.orderMinimum}
                  label={t("settings.zone.orderMinimum", { symbol })}
                  inputMode="decimal"
                />
                <Field
                  meta={fields.deliveryFee}
                  label={t("settings.zone.deliveryFee", { symbol })}
                  inputMode="decimal"
                />
                <Field
                  meta={fields.deliveryFeePerKm}
                  label={t("settings.zone.feePerKm", { symbol })}
                  inputMode="decimal"
                  hint={t("settings.zone.feePerKmHint")}
                />
              </div>
              <div className="form-row">
                <Field meta={fields.cutoffDaysBefore} label={t("settings.zone.cutoffDays")} inputMode="numeric" />
                <Field meta={fields.cutoffTime} label={t("settings.zone.cutoffTime")} type="time" />
              </div>
              <SelectField
                meta={fields.timeZone}
                label={t("settings.zone.timeZone")}
                options={TIME_ZONES.map((z) => ({ value: z, label: z }))}
              />
              <SelectField
                meta={fields.currency}
                label={t("settings.zone.currency")}
                hint={
                  currencyFixed
                    ? t("settings.zone.currencyFixed", { currency: hub?.currency })
                    : t("settings.zone.currencyHint")
                }
                options={(currencyFixed && hub ? [hub.currency] : HUB_CURRENCIES).map((c) => ({
                  value: c,
                  label: `${c} (${format.currencySymbol(c)})`,
                }))}
              />
            </div>
          </Card>
          <Card title={t("settings.range.title")}>
            <div className="form" style={{ maxWidth: "none" }}>
              <p className="small muted">{t("settings.range.description")}</p>
              <fieldset
                aria-describedby={[
                  `${fields.winterMonths.id}-hint`,
                  monthErrors.length ? fields.winterMonths.errorId : "",
                ]
                  .filter(Boolean)
                  .join(" ")}
              >
                <legend>{t("settings.range.winterMonths")}</legend>
                <div className="month-checks">
                  {monthBoxes.map(({ key, ...props }) => (
                    <label key={key} htmlFor={props.id}>
                      <input {...props} />
                      {monthName(Number(props.value))}
                    </label>
                  ))}
                </div>
                <p id={`${fields.winterMonths.id}-hint`} className="field-hint">
                  {t("settings.range.winterMonthsHint")}
                </p>
                <ErrorList id={fields.winterMonths.errorId} errors={monthErrors} />
              </fieldset>
              <div className="form-row">
                <Field
                  meta={fields.winterDeratingPercent}
                  label={t("settings.range.winterPercent")}
                  inputMode="numeric"
                  hint={t("settings.range.winterPercentHint")}
                />
                <Field
                  meta={fields.fridgeDeratingPercent}
                  label={t("settings.range.fridgePercent")}
                  inputMode="numeric"
                  hint={t("settings.range.fridgePercentHint")}
                />
              </div>
            </div>
          </Card>
        </div>
        <Card title={t("settings.baseline.title")}>
          <div className="form" style={{ maxWidth: "none" }}>
            <SelectField
              meta={fields.carbonBaselineProfile}
              label={t("settings.baseline.profile")}
              hint={
                <Trans
                  t={t}
                  i18nKey="settings.baseline.hint"
                  components={{ method: <a href="/carbon#comparison" /> }}
                />
              }
              options={baselineOptions}
            />
          </div>
        </Card>
        <SubmitButton pendingText={t("common:actions.saving")}>{t("settings.submit")}</SubmitButton>
      </Form>
      {formError ? <ErrorList errors={[formError]} /> : null}
      {money?.money ? (
        <>
          <MoneySettingsCard money={money.money} lastResult={moneyResult} />
          <FarmsCommissionCard
            farms={money.farms}
            hubBasisPoints={money.money.commissionBasisPoints}
            error={commissionError}
          />
        </>
      ) : null}
    </>
  );
}
