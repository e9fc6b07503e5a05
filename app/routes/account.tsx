import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DeliveryNoticesCard } from "~/components/delivery-notices-card";
import { mapLinks } from "~/components/map/links";
import { coordinate, LocationFields } from "~/components/map/location-fields";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field, SelectField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/page";
import { useTranslation } from "react-i18next";
import { LANGUAGE_CHOICES, LanguageChoiceSchema, localeFromChoice } from "~/i18n/choice";
import { lazyT, metaT } from "~/i18n/i18n";
import { languageCookieHeader, resolveLanguage, serverT, tFor } from "~/i18n/i18n.server";
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES } from "~/locales/languages";
import { updateUserLocale, updateUserPreferences } from "~/models/user.server";
import { getDeliveryPreferencesView, saveDeliveryPreferences } from "~/services/delivery-preferences.server";
import { resolveCentre } from "~/services/discovery.server";
import { deliveryNoticesSchema } from "~/utils/delivery-notices-form";
import orderingCss from "~/styles/ordering.css";
import { changePassword } from "~/services/auth.server";
import { NameSchema, PASSWORD_MIN_LENGTH, PasswordSchema } from "~/utils/forms";
import { createUserSession, redirectWithToast, requireUser } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: orderingCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "auth")("account.metaTitle") }];

/** `field`: "lat" or "lng", the keys account.coordinates.<field>.number / .range. */
const optionalCoordinate = (min: number, max: number, field: "lat" | "lng") =>
  z.coerce
    .number({ error: lazyT(`auth:account.coordinates.${field}.number`) })
    .min(min, { error: lazyT(`auth:account.coordinates.${field}.range`, { min, max }) })
    .max(max, { error: lazyT(`auth:account.coordinates.${field}.range`, { min, max }) })
    .optional();

const AccountSchema = z
  .object({
    name: NameSchema,
    distanceUnit: z.enum(["KM", "MI"], { error: lazyT("auth:account.distanceUnitRequired") }),
    phone: z.string().trim().max(40).optional(),
    address: z.string().trim().max(300).optional(),
    lat: optionalCoordinate(-90, 90, "lat"),
    lng: optionalCoordinate(-180, 180, "lng"),
  })
  .refine((value) => (value.lat === undefined) === (value.lng === undefined), {
    path: ["lng"],
    error: lazyT("auth:account.coordinates.both"),
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { centre } = await resolveCentre({ url: new URL(request.url), user });
  // Delivery messages are a buyer's (docs/decisions/033).
  const notices = user.role === "BUYER" ? await getDeliveryPreferencesView({ userId: user.id }) : null;
  return json({ user, centre: [centre.lat, centre.lng] as [number, number], notices });
}

const PasswordChangeSchema = z.object({
  currentPassword: z
    .string({ error: lazyT("auth:account.password.currentRequired") })
    .min(1, { error: lazyT("auth:account.password.currentRequired") }),
  newPassword: PasswordSchema,
});

const LanguageSchema = z.object({ locale: LanguageChoiceSchema });

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "language") {
    const submission = parseWithZod(formData, { schema: LanguageSchema });
    if (submission.status !== "success")
      return json({ intent: "language" as const, result: submission.reply() }, { status: 400 });
    const locale = localeFromChoice(submission.value.locale);
    await updateUserLocale({ id: user.id, locale });
    // Said in the language the pages will now be in; this browser's cookie follows the choice.
    const t = tFor(resolveLanguage({ saved: locale, acceptLanguage: request.headers.get("Accept-Language") }), "buyer");
    return redirectWithToast(request, "/account", t("account.language.saved"), {
      headers: { "Set-Cookie": languageCookieHeader(locale) },
    });
  }
  if (formData.get("intent") === "notices") {
    if (user.role !== "BUYER")
      return json(
        {
          intent: "notices" as const,
          result: { status: "error" as const, error: { "": [serverT("auth")("account.notices.errors.buyersOnly")] } },
        },
        { status: 403 },
      );
    const { callingCode } = await getDeliveryPreferencesView({ userId: user.id });
    const submission = parseWithZod(formData, { schema: deliveryNoticesSchema(callingCode) });
    if (submission.status !== "success")
      return json({ intent: "notices" as const, result: submission.reply() }, { status: 400 });
    await saveDeliveryPreferences({ userId: user.id, ...submission.value });
    return redirectWithToast(request, "/account#delivery-messages", serverT("auth")("account.notices.saved"));
  }
  if (formData.get("intent") === "password") {
    const submission = parseWithZod(formData, { schema: PasswordChangeSchema });
    const hide = { hideFields: ["currentPassword", "newPassword"] };
    if (submission.status !== "success")
      return json({ intent: "password" as const, result: submission.reply(hide) }, { status: 400 });
    const changed = await changePassword({
      userId: user.id,
      currentPassword: submission.value.currentPassword,
      newPassword: submission.value.newPassword,
    });
    if (!changed.ok) {
      return json(
        {
          intent: "password" as const,
          result: submission.reply({ ...hide, fieldErrors: { [changed.field]: [changed.message] } }),
        },
        { status: changed.status },
      );
    }
    // Every session ended with the change; this browser gets a fresh one.
    return createUserSession({
      request,
      userId: user.id,
      redirectTo: "/account",
      flash: serverT("auth")("account.password.changed"),
    });
  }
  const submission = parseWithZod(formData, { schema: AccountSchema });
  if (submission.status !== "success")
    return json({ intent: "details" as const, result: submission.reply() }, { status: 400 });
  const value = submission.value;
  await updateUserPreferences({
    id: user.id,
    name: value.name,
    distanceUnit: value.distanceUnit,
    phone: value.phone || null,
    address: value.address || null,
    lat: value.lat ?? null,
    lng: value.lng ?? null,
  });
  return redirectWithToast(request, "/account", serverT("auth")("account.saved"));
}

export default function AccountPage() {
  const { user, centre, notices } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("auth");
  const [form, fields] = useForm({
    id: "details",
    lastResult: data?.intent === "details" ? data.result : undefined,
    constraint: getZodConstraint(AccountSchema),
    shouldValidate: "onBlur",
    defaultValue: {
      name: user.name,
      distanceUnit: user.distanceUnit,
      address: user.address ?? "",
      lat: user.lat?.toString() ?? "",
      lng: user.lng?.toString() ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AccountSchema }),
  });
  return (
    <>
      <PageHeader title={t("account.title")} description={user.email} />
      <Card>
        <Form method="post" className="form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.name} label={t("account.name")} autoComplete="name" />
          <SelectField
            meta={fields.distanceUnit}
            label={t("account.distanceUnit")}
            options={[
              { value: "KM", label: t("account.kilometres") },
              { value: "MI", label: t("account.miles") },
            ]}
          />
          <Field meta={fields.phone} label={t("account.phone")} type="tel" autoComplete="tel" />
          <Field meta={fields.address} label={t("account.address")} autoComplete="street-address" />
          <LocationFields
            legend={t("account.location.legend")}
            pinLabel={t("account.location.pin")}
            extraHint={t("account.location.hint")}
            lat={coordinate(fields.lat, user.lat?.toString() ?? "")}
            lng={coordinate(fields.lng, user.lng?.toString() ?? "")}
            initialCenter={centre}
            initialZoom={user.lat != null ? 14 : 11}
            addressInputId={fields.address.id}
          />
          <SubmitButton name="intent" value="details" pendingText={t("common:actions.saving")}>
            {t("common:actions.save")}
          </SubmitButton>
        </Form>
      </Card>
      {notices ? (
        <DeliveryNoticesCard view={notices} lastResult={data?.intent === "notices" ? data.result : undefined} />
      ) : null}
      <LanguageCard choice={user.locale ?? "auto"} lastResult={data?.intent === "language" ? data.result : undefined} />
      <PasswordCard lastResult={data?.intent === "password" ? data.result : undefined} />
      <Card title={t("account.devices.title")}>
        <p className="muted">{t("account.devices.body")}</p>
        <Form method="post" action="/logout">
          <SubmitButton
            variant="secondary"
            name="scope"
            value="everywhere"
            pendingText={t("account.devices.loggingOut")}
          >
            {t("account.devices.logOut")}
          </SubmitButton>
        </Form>
      </Card>
    </>
  );
}

function PasswordCard({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("auth");
  const [form, fields] = useForm({
    id: "password",
    lastResult,
    constraint: getZodConstraint(PasswordChangeSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordChangeSchema }),
  });
  return (
    <Card title={t("account.password.title")}>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="password" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          meta={fields.currentPassword}
          label={t("account.password.current")}
          type="password"
          autoComplete="current-password"
        />
        <Field
          meta={fields.newPassword}
          label={t("account.password.new")}
          type="password"
          autoComplete="new-password"
          hint={t("account.password.newHint", { count: PASSWORD_MIN_LENGTH })}
        />
        <SubmitButton name="intent" value="password" pendingText={t("account.password.changing")}>
          {t("account.password.change")}
        </SubmitButton>
      </Form>
    </Card>
  );
}

/** The language the site speaks to this user: their choice, or "automatic" (the browser's). */
function LanguageCard({ choice, lastResult }: { choice: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation("buyer");
  const [form, fields] = useForm({
    id: "language-choice",
    lastResult,
    constraint: getZodConstraint(LanguageSchema),
    defaultValue: { locale: choice },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LanguageSchema }),
  });
  const names: Record<string, string> = { auto: t("common:language.auto"), ...LANGUAGE_NAMES };
  return (
    <section className="card" id="language" aria-labelledby="language-title">
      <div className="card-header">
        <h2 id="language-title">{t("account.language.title")}</h2>
      </div>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="language" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.locale}
          label={t("account.language.label")}
          hint={t("account.language.hint")}
          options={LANGUAGE_CHOICES.map((value) => ({
            value,
            label: names[value] ?? value,
            lang: (SUPPORTED_LANGUAGES as readonly string[]).includes(value) ? value : undefined,
          }))}
        />
        <SubmitButton name="intent" value="language" pendingText={t("account.language.saving")}>
          {t("account.language.save")}
        </SubmitButton>
      </Form>
    </section>
  );
}
