import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { checkResetToken, RESET_TOKEN_MINUTES, resetPassword, type ResetTokenState } from "~/services/auth.server";
import { PASSWORD_MIN_LENGTH, PasswordSchema } from "~/utils/forms";
import { createUserSession } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches, "auth")("reset.metaTitle") },
  // The token is in the address: never send it on in a Referer.
  { name: "referrer", content: "no-referrer" },
];

const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
const ResetSchema = z.object({ password: PasswordSchema });

const STATUS: Record<Exclude<ResetTokenState, "valid">, number> = { expired: 410, used: 410, unknown: 404 };

async function tokenState(token: string | undefined): Promise<ResetTokenState> {
  const parsed = TokenSchema.safeParse(token);
  return parsed.success ? checkResetToken({ token: parsed.data }) : "unknown";
}

export async function loader({ params }: LoaderFunctionArgs) {
  // Opening the link uses nothing (mail scanners open links too): only setting the password does.
  const state = await tokenState(params.token);
  return json({ state, minutes: RESET_TOKEN_MINUTES }, { status: state === "valid" ? 200 : STATUS[state] });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ResetSchema });
  const parsedToken = TokenSchema.safeParse(params.token);
  if (!parsedToken.success) return json({ result: null, state: "unknown" as ResetTokenState }, { status: 404 });
  if (submission.status !== "success") {
    return json(
      { result: submission.reply({ hideFields: ["password"] }), state: "valid" as ResetTokenState },
      { status: 400 },
    );
  }
  const done = await resetPassword({ token: parsedToken.data, newPassword: submission.value.password });
  if (!done.ok)
    return json({ result: null, state: done.state }, { status: STATUS[done.state === "valid" ? "used" : done.state] });
  return createUserSession({
    request,
    userId: done.userId,
    redirectTo: "/",
    flash: serverT("auth")("reset.done"),
  });
}

function LinkProblem({ state, minutes }: { state: Exclude<ResetTokenState, "valid">; minutes: number }) {
  const { t } = useTranslation("auth");
  const why =
    state === "expired"
      ? t("reset.expired", { count: minutes })
      : state === "used"
        ? t("reset.used")
        : t("reset.invalid");
  return (
    <>
      <Alert tone="warning">{why}</Alert>
      <p>
        <Link to="/forgot-password" className="btn btn-primary">
          {t("reset.askAgain")}
        </Link>
      </p>
    </>
  );
}

export default function ResetPasswordPage() {
  const { t } = useTranslation("auth");
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const state = data?.state ?? loaded.state;
  const [form, fields] = useForm({
    lastResult: data?.result ?? undefined,
    constraint: getZodConstraint(ResetSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetSchema }),
  });
  return (
    <div className="auth-panel">
      <Card>
        <h1>{t("reset.title")}</h1>
        {state === "valid" ? (
          <Form method="post" className="form" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={form.errors} />
            <Field
              meta={fields.password}
              label={t("reset.newPassword")}
              type="password"
              autoComplete="new-password"
              autoFocus
              hint={t("reset.hint", { count: PASSWORD_MIN_LENGTH })}
            />
            <SubmitButton pendingText={t("reset.submitting")}>{t("reset.submit")}</SubmitButton>
          </Form>
        ) : (
          <LinkProblem state={state} minutes={loaded.minutes} />
        )}
      </Card>
    </div>
  );
}
