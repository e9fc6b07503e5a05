import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Card } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { formatWait, logIn } from "~/services/auth.server";
import { mergeGuestBasket } from "~/utils/guest-basket.server";
import { EmailSchema } from "~/utils/forms";
import { clientAddress } from "~/utils/request.server";
import { createUserSession, getUserId, safeRedirect } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "auth")("login.metaTitle") }];

// A throttled log-in says when to come back, on the page too.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

const LoginSchema = z.object({
  email: EmailSchema,
  password: z
    .string({ error: lazyT("auth:login.passwordRequired") })
    .min(1, { error: lazyT("auth:login.passwordRequired") }),
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
    const t = serverT("auth");
    const message =
      result.reason === "throttled"
        ? t("login.throttled", { wait: formatWait(result.retryAfterSeconds) })
        : t("login.noMatch");
    return json(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: result.reason === "throttled" ? 429 : 400,
      headers: result.reason === "throttled" ? { "Retry-After": String(result.retryAfterSeconds) } : undefined,
    });
  }
  const response = await createUserSession({
    request,
    userId: result.userId,
    redirectTo: safeRedirect(redirectTo, "/"),
    flash: serverT("auth")("login.welcomeBack"),
  });
  return mergeGuestBasket(request, result.userId, response);
}

export default function LoginPage() {
  const { t } = useTranslation("auth");
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
        <h1>{t("login.title")}</h1>
        <Form method="post" className="form" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" autoFocus />
          <Field meta={fields.password} label={t("fields.password")} type="password" autoComplete="current-password" />
          <SubmitButton pendingText={t("login.submitting")}>{t("login.submit")}</SubmitButton>
        </Form>
        <p className="small" style={{ marginTop: "1rem" }}>
          <Link to="/forgot-password">{t("login.forgotPassword")}</Link>
        </p>
        <p className="muted small">
          {t("login.newHere")} <Link to={`/signup?${searchParams}`}>{t("login.createAccount")}</Link>
        </p>
      </Card>
    </div>
  );
}
