import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Card } from "~/components/ui/page";
import { formatWait, logIn } from "~/services/auth.server";
import { mergeGuestBasket } from "~/utils/guest-basket.server";
import { EmailSchema } from "~/utils/forms";
import { clientAddress } from "~/utils/request.server";
import { createUserSession, getUserId, safeRedirect } from "~/utils/session.server";

export const meta: MetaFunction = () => [{ title: "Log in — Foodshed" }];

// A throttled log-in says when to come back, on the page too.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const LoginSchema = z.object({
  email: EmailSchema,
  password: z.string({ error: "Enter your password" }).min(1, { error: "Enter your password" }),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUserId(request)) return redirect("/");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await logIn({ email, password, clientAddress: clientAddress(request) });
  if (!result.ok) {
    const message =
      result.reason === "throttled"
        ? `Too many failed attempts from here. For your security, try again in ${formatWait(result.retryAfterSeconds)} — or use "Forgot your password?".`
        : "That email and password do not match an account.";
    return json(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "throttled" ? 429 : 400,
      headers: result.reason === "throttled" ? { "Retry-After": String(result.retryAfterSeconds) } : undefined,
    });
  }
  const response = await createUserSession({
    request,
    userId: result.userId,
    redirectTo: safeRedirect(redirectTo, "/"),
    flash: "Welcome back.",
  });
  return mergeGuestBasket(request, result.userId, response);
}

export default function LoginPage() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    // On submit, not on blur: leaving the focused email field for "Forgot your password?" must not
    // shout an error and move the link away from the pointer.
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  });
  return (
    <div className="auth-panel">
      <Card>
        <h1>Log in</h1>
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.email} label="Email" type="email" autoComplete="email" autoFocus />
          <Field meta={fields.password} label="Password" type="password" autoComplete="current-password" />
          <SubmitButton pendingText="Logging in…">Log in</SubmitButton>
        </Form>
        <p className="small" style={{ marginTop: "1rem" }}>
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p className="muted small">
          New to Foodshed? <Link to={`/signup?${searchParams}`}>Create an account</Link>
        </p>
      </Card>
    </div>
  );
}
