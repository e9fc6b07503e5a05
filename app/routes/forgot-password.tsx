import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { RESET_TOKEN_MINUTES, requestPasswordReset } from "~/services/auth.server";
import { EmailSchema } from "~/utils/forms";
import { clientAddress } from "~/utils/request.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "auth")("forgot.metaTitle") }];

const ForgotSchema = z.object({ email: EmailSchema });

export async function action({ request }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotSchema });
  if (submission.status !== "success") return json({ result: submission.reply(), sent: null }, { status: 400 });
  const { throttled } = await requestPasswordReset({
    email: submission.value.email,
    clientAddress: clientAddress(request),
  });
  // The same answer whether or not the address has an account, so the page does not tell who is a
  // member (docs/decisions/019). A throttled request gets the same words (and no email): only the
  // status code differs.
  const sent = serverT("auth")("forgot.sent", { count: RESET_TOKEN_MINUTES });
  return json({ result: submission.reply({ resetForm: true }), sent }, { status: throttled ? 429 : 200 });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation("auth");
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
        <h1>{t("forgot.title")}</h1>
        {data?.sent ? <Alert tone="success">{data.sent}</Alert> : <p className="muted">{t("forgot.intro")}</p>}
        <Form method="post" className="form" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <Field meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" autoFocus />
          <SubmitButton pendingText={t("forgot.submitting")}>
            {data?.sent ? t("forgot.sendAnother") : t("forgot.submit")}
          </SubmitButton>
        </Form>
        <p className="muted small" style={{ marginTop: "1rem" }}>
          {t("forgot.remembered")} <Link to="/login">{t("forgot.logIn")}</Link>
        </p>
      </Card>
    </div>
  );
}
