import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Card } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { signUp } from "~/services/auth.server";
import { mergeGuestBasket } from "~/utils/guest-basket.server";
import { EmailSchema, NameSchema, PASSWORD_MIN_LENGTH, PasswordSchema } from "~/utils/forms";
import { createUserSession, getUserId, safeRedirect } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "auth")("signup.metaTitle") }];

const ACCOUNT_TYPES = ["HOUSEHOLD", "RESTAURANT", "FARMER"] as const;

const SignupSchema = z.object({
  name: NameSchema,
  email: EmailSchema,
  password: PasswordSchema,
  accountType: z.enum(ACCOUNT_TYPES, { error: lazyT("auth:signup.accountTypeRequired") }),
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
    flash: serverT("auth")("signup.welcome", { name: result.user.name }),
  });
  return mergeGuestBasket(request, result.user.id, response);
}

export default function SignupPage() {
  const { t } = useTranslation("auth");
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
        <h1>{t("signup.title")}</h1>
        <Form method="post" className="form" {...getFormProps(form)}>
          {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
          <ErrorList id={form.errorId} errors={form.errors} />
          <fieldset aria-describedby={fields.accountType.errors?.length ? fields.accountType.errorId : undefined}>
            <legend>{t("signup.iAm")}</legend>
            {ACCOUNT_TYPES.map((type) => (
              <div className="field field-checkbox" key={type}>
                <input
                  type="radio"
                  id={`accountType-${type}`}
                  name={fields.accountType.name}
                  value={type}
                  defaultChecked={fields.accountType.initialValue === type}
                  aria-describedby={`accountType-${type}-hint`}
                />
                <label htmlFor={`accountType-${type}`}>{t(`signup.accountTypes.${type}.label`)}</label>
                <p className="field-hint" id={`accountType-${type}-hint`}>
                  {t(`signup.accountTypes.${type}.hint`)}
                </p>
              </div>
            ))}
            <ErrorList id={fields.accountType.errorId} errors={fields.accountType.errors} />
          </fieldset>
          <Field meta={fields.name} label={t("fields.yourName")} autoComplete="name" />
          <Field meta={fields.email} label={t("fields.email")} type="email" autoComplete="email" />
          <Field
            meta={fields.password}
            label={t("fields.password")}
            type="password"
            autoComplete="new-password"
            hint={t("fields.passwordHint", { count: PASSWORD_MIN_LENGTH })}
          />
          <SubmitButton pendingText={t("signup.submitting")}>{t("signup.submit")}</SubmitButton>
        </Form>
        <p className="muted small" style={{ marginTop: "1rem" }}>
          {t("signup.haveAccount")} <Link to="/login">{t("signup.logIn")}</Link>
        </p>
      </Card>
    </div>
  );
}
