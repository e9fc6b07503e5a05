import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Alert, Card } from "~/components/ui/page";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { acceptInvitation, checkDriverInvitation, type InvitationState } from "~/services/driver.server";
import { PASSWORD_MIN_LENGTH, PasswordSchema } from "~/utils/forms";
import { createUserSession } from "~/utils/session.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches, "auth")("invite.metaTitle") },
  // The token is in the address: never send it on in a Referer.
  { name: "referrer", content: "no-referrer" },
];

const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
// The same password rules as sign-up.
const AcceptSchema = z.object({ password: PasswordSchema });

type ProblemState = Exclude<InvitationState, "valid"> | "emailTaken";
const STATUS: Record<ProblemState, number> = { expired: 410, used: 410, revoked: 410, unknown: 404, emailTaken: 409 };

export async function loader({ params }: LoaderFunctionArgs) {
  // Opening the link uses nothing (mail scanners open links too): only setting the password does.
  const parsed = TokenSchema.safeParse(params.token);
  const invitation = parsed.success
    ? await checkDriverInvitation({ token: parsed.data })
    : { state: "unknown" as const, name: null, email: null, hubName: null };
  const state: InvitationState | ProblemState = invitation.state;
  return json(
    { state, name: invitation.name, email: invitation.email, hubName: invitation.hubName },
    { status: invitation.state === "valid" ? 200 : STATUS[invitation.state] },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: AcceptSchema });
  const parsedToken = TokenSchema.safeParse(params.token);
  if (!parsedToken.success) return json({ result: null, state: "unknown" as ProblemState }, { status: 404 });
  if (submission.status !== "success") {
    return json({ result: submission.reply({ hideFields: ["password"] }), state: null }, { status: 400 });
  }
  const done = await acceptInvitation({ token: parsedToken.data, password: submission.value.password });
  if (!done.ok) return json({ result: null, state: done.state as ProblemState }, { status: STATUS[done.state] });
  return createUserSession({
    request,
    userId: done.userId,
    redirectTo: "/driver",
    flash: serverT("auth")("invite.done"),
  });
}

function LinkProblem({ state }: { state: ProblemState }) {
  const { t } = useTranslation("auth");
  return (
    <Alert tone="warning">
      <span data-testid="invite-problem">{t(`invite.problem.${state}`)}</span> {t("invite.askCoordinator")}
    </Alert>
  );
}

export default function InvitePage() {
  const { t } = useTranslation("auth");
  const loaded = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const state = data?.state ?? loaded.state;
  const [form, fields] = useForm({
    lastResult: data?.result ?? undefined,
    constraint: getZodConstraint(AcceptSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptSchema }),
  });
  return (
    <div className="auth-panel">
      <Card>
        <h1>{t("invite.title")}</h1>
        {state === "valid" ? (
          <>
            <p>{t("invite.welcome", { name: loaded.name, hub: loaded.hubName })}</p>
            <Form method="post" className="form" {...getFormProps(form)}>
              <ErrorList id={form.errorId} errors={form.errors} />
              <p className="small muted">{t("invite.email", { email: loaded.email })}</p>
              <Field
                meta={fields.password}
                label={t("invite.password")}
                type="password"
                autoComplete="new-password"
                autoFocus
                hint={t("invite.hint", { count: PASSWORD_MIN_LENGTH })}
              />
              <SubmitButton pendingText={t("invite.submitting")}>{t("invite.submit")}</SubmitButton>
            </Form>
          </>
        ) : (
          <LinkProblem state={state} />
        )}
      </Card>
    </div>
  );
}
