import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/page";
import { checkResetToken, resetPassword, type ResetTokenState } from "~/services/auth.server";
import { PasswordSchema } from "~/utils/forms";
import { createUserSession } from "~/utils/session.server";

export const meta: MetaFunction = () => [
  { title: "Choose a new password — Foodshed" },
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
  return json({ state }, { status: state === "valid" ? 200 : STATUS[state] });
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
    flash: "Your password is changed and you are logged in. Every other device was logged out.",
  });
}

function LinkProblem({ state }: { state: Exclude<ResetTokenState, "valid"> }) {
  const why =
    state === "expired"
      ? "This password-reset link has expired (links work for 30 minutes)."
      : state === "used"
        ? "This password-reset link has already been used (each link works once)."
        : "This password-reset link is not valid. It may have been copied only in part.";
  return (
    <>
      <Alert tone="warning">{why}</Alert>
      <p>
        <Link to="/forgot-password" className="btn btn-primary">
          Ask for a new link
        </Link>
      </p>
    </>
  );
}

export default function ResetPasswordPage() {
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
        <h1>Choose a new password</h1>
        {state === "valid" ? (
          <Form method="post" className="form" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={form.errors} />
            <Field
              meta={fields.password}
              label="New password"
              type="password"
              autoComplete="new-password"
              autoFocus
              hint="At least 10 characters. Every device logged in to your account will be logged out."
            />
            <SubmitButton pendingText="Saving…">Save and log in</SubmitButton>
          </Form>
        ) : (
          <LinkProblem state={state} />
        )}
      </Card>
    </div>
  );
}
