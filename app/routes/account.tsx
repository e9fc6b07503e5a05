import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field, SelectField } from "~/components/ui/field";
import { Card, PageHeader } from "~/components/ui/page";
import { updateUserPreferences } from "~/models/user.server";
import { NameSchema } from "~/utils/forms";
import { redirectWithToast, requireUser } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your account — Foodshed" }];

const optionalCoordinate = (min: number, max: number, label: string) =>
  z.coerce
    .number({ error: `Enter the ${label} as a number` })
    .min(min, { error: `${label} must be between ${min} and ${max}` })
    .max(max, { error: `${label} must be between ${min} and ${max}` })
    .optional();

const AccountSchema = z
  .object({
    name: NameSchema,
    distanceUnit: z.enum(["KM", "MI"], { error: "Choose kilometres or miles" }),
    phone: z.string().trim().max(40).optional(),
    address: z.string().trim().max(300).optional(),
    lat: optionalCoordinate(-90, 90, "Latitude"),
    lng: optionalCoordinate(-180, 180, "Longitude"),
  })
  .refine((value) => (value.lat === undefined) === (value.lng === undefined), {
    path: ["lng"],
    error: "Enter both latitude and longitude, or neither",
  });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: AccountSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
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
  return redirectWithToast(request, "/account", "Your details were saved.");
}

export default function AccountPage() {
  const { user } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
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
      <PageHeader title="Your account" description={user.email} />
      <Card>
        <Form method="post" className="form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.name} label="Name" autoComplete="name" />
          <SelectField
            meta={fields.distanceUnit}
            label="Show distances in"
            options={[
              { value: "KM", label: "Kilometres" },
              { value: "MI", label: "Miles" },
            ]}
          />
          <Field meta={fields.phone} label="Phone (optional)" type="tel" autoComplete="tel" />
          <Field meta={fields.address} label="Delivery address (optional)" autoComplete="street-address" />
          <div className="form-row">
            <Field meta={fields.lat} label="Latitude" inputMode="decimal" hint="Used to find producers near you." />
            <Field meta={fields.lng} label="Longitude" inputMode="decimal" />
          </div>
          <SubmitButton pendingText="Saving…">Save</SubmitButton>
        </Form>
      </Card>
    </>
  );
}
