import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Card } from "~/components/ui/page";
import { signUp } from "~/services/auth.server";
import { mergeGuestBasket } from "~/utils/guest-basket.server";
import { EmailSchema, NameSchema, PasswordSchema } from "~/utils/forms";
import { createUserSession, getUserId, safeRedirect } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Create an account — Foodshed" }];

const ACCOUNT_TYPES = [
  { value: "HOUSEHOLD", label: "Household", hint: "Order food for your home." },
  { value: "RESTAURANT", label: "Restaurant or shop", hint: "Wholesale prices at volume, pay by invoice." },
  { value: "FARMER", label: "Farmer or producer", hint: "List what you grow and make." },
] as const;

const SignupSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  accountType: z.enum(["HOUSEHOLD", "RESTAURANT", "FARMER"], { error: "Choose the kind of account" }),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) return redirect("/");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SignupSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signUp(submission.value);
  if (!result.ok) {
    return json(submission.reply({ fieldErrors: { [result.field]: [result.message] }, hideFields: ["password"] }), {
      status: 400,
    });
  }
  const fallback = result.user.role === "FARMER" ? "/farm" : "/map";
  const response = await createUserSession({
    request,
    userId: result.user.id,
    redirectTo: safeRedirect(submission.value.redirectTo, fallback),
    flash: `Welcome to Foodshed, ${result.user.name}.`,
  });
  return mergeGuestBasket(request, result.user.id, response);
}

export default function SignupPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SignupSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    defaultValue: { accountType: searchParams.get("as") ?? "HOUSEHOLD" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  });
  const redirectTo = searchParams.get("redirectTo");
  return (
    <div className="auth-panel">
      <Card>
        <h1>Create your account</h1>
        <Form method="post" className="form" {...getFormProps(form)}>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <ErrorList id={form.errorId} errors={form.errors} />
          <fieldset aria-describedby={fields.accountType.errors?.length ? fields.accountType.errorId : undefined}>
            <legend>I am a…</legend>
            {ACCOUNT_TYPES.map((type) => (
              <div className="field field-checkbox" key={type.value}>
                <input
                  type="radio"
                  id={`accountType-${type.value}`}
                  name={fields.accountType.name}
                  value={type.value}
                  defaultChecked={fields.accountType.initialValue === type.value}
                  aria-describedby={`accountType-${type.value}-hint`}
                />
                <label htmlFor={`accountType-${type.value}`}>{type.label}</label>
                <p className="field-hint" id={`accountType-${type.value}-hint`}>
                  {type.hint}
                </p>
              </div>
            ))}
            <ErrorList id={fields.accountType.errorId} errors={fields.accountType.errors} />
          </fieldset>
          <Field meta={fields.name} label="Your name" autoComplete="name" />
          <Field meta={fields.email} label="Email" type="email" autoComplete="email" />
          <Field
            meta={fields.password}
            label="Password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
          />
          <SubmitButton pendingText="Creating your account…">Create account</SubmitButton>
        </Form>
        <p className="muted small" style={{ marginTop: "1rem" }}>
          Already have an account? <Link to="/login">Log in</Link>
        </p>
      </Card>
    </div>
  );
}
