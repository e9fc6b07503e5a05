import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/page";
import { RESET_TOKEN_MINUTES, requestPasswordReset } from "~/services/auth.server";
import { EmailSchema } from "~/utils/forms";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "Forgot your password? — Foodshed" }];

const ForgotSchema = z.object({ email: EmailSchema });

// The same answer whether or not the address has an account, so the page does not tell who is a
// member (docs/decisions/019).
const SENT = `If an account uses that address, we have emailed it a link to choose a new password. The link works once, for ${RESET_TOKEN_MINUTES} minutes. Nothing arrived? Check your spam folder, or ask again in a few minutes.`;

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), sent: null }, { status: 400 });
  const { throttled } = await requestPasswordReset({
    email: submission.value.email,
    clientAddress: clientAddress(request),
  });
  // A throttled request gets the same words (and no email): only the status code differs.
  return json({ result: submission.reply({ resetForm: true }), sent: SENT }, { status: throttled ? 429 : 200 });
}

export default function ForgotPasswordPage() {
  const data = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: data?.result,
    constraint: getZodConstraint(ForgotSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotSchema }),
  });
  return (
    <div className="auth-panel">
      <Card>
        <h1>Forgot your password?</h1>
        {data?.sent ? (
          <Alert tone="success">{data.sent}</Alert>
        ) : (
          <p className="muted">
            Enter the email address you log in with. We will email you a link to choose a new password.
          </p>
        )}
        <Form method="post" className="form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.email} label="Email" type="email" autoComplete="email" autoFocus />
          <SubmitButton pendingText="Sending…">{data?.sent ? "Send another link" : "Send me a link"}</SubmitButton>
        </Form>
        <p className="muted small" style={{ marginTop: "1rem" }}>
          Remembered it? <Link to="/login">Log in</Link>
        </p>
      </Card>
    </div>
  );
}
