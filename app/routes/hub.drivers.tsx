import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { ErrorList, Field } from "~/components/ui/field";
import { Alert, Card, EmptyState, PageHeader } from "~/components/ui/page";
import { TableWrap } from "~/components/ui/table-wrap";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { listHubDrivers, listOpenInvitations } from "~/models/driver.server";
import {
  deactivateDriver,
  INVITATION_DAYS,
  inviteDriver,
  reactivateDriver,
  resendDriverInvitation,
  revokeInvitation,
} from "~/services/driver.server";
import coordinatorCss from "~/styles/coordinator.css";
import { EmailSchema, NameSchema } from "~/utils/forms";
import { requireHub } from "~/utils/hub-guard.server";
import { redirectWithToast } from "~/utils/session.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: coordinatorCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "hub")("drivers.metaTitle") }];

const InviteSchema = z.object({ intent: z.literal("invite"), name: NameSchema, email: EmailSchema });
const RowActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["resend", "revoke"]), invitationId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("deactivate"), driverId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("reactivate"), driverId: z.string().min(1).max(64) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const { hub } = await requireHub(request);
  const [drivers, invitations] = await Promise.all([
    listHubDrivers({ hubId: hub.id }),
    listOpenInvitations({ hubId: hub.id }),
  ]);
  const now = Date.now();
  return json(
    {
      drivers,
      invitations: invitations.map((i) => ({ ...i, expired: i.expiresAt.getTime() <= now })),
      timeZone: hub.timeZone,
      // From the server: the constant lives in a .server module, which the browser bundle leaves out.
      invitationDays: INVITATION_DAYS,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, hub } = await requireHub(request);
  const t = serverT("hub");
  const formData = await request.formData();
  if (formData.get("intent") === "invite") {
    const submission = parseWithZod(formData, { schema: InviteSchema });
    if (submission.status !== "success") {
      return json({ invite: submission.reply(), error: null }, { status: 400 });
    }
    const result = await inviteDriver({
      hub,
      invitedById: user.id,
      name: submission.value.name,
      email: submission.value.email,
    });
    if (!result.ok) {
      return json(
        { invite: submission.reply({ fieldErrors: { email: [result.message] } }), error: null },
        { status: result.status },
      );
    }
    return redirectWithToast(request, "/hub/drivers", t("drivers.toast.invited", { email: submission.value.email }));
  }
  const parsed = RowActionSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return json({ invite: null, error: t("drivers.errors.checkForm") }, { status: 400 });
  const input = parsed.data;
  const result =
    input.intent === "deactivate"
      ? await deactivateDriver({ hubId: hub.id, driverId: input.driverId })
      : input.intent === "reactivate"
        ? await reactivateDriver({ hubId: hub.id, driverId: input.driverId })
        : input.intent === "resend"
          ? await resendDriverInvitation({ hub, invitationId: input.invitationId })
          : await revokeInvitation({ hubId: hub.id, invitationId: input.invitationId });
  if (!result.ok) return json({ invite: null, error: result.message }, { status: result.status });
  return redirectWithToast(request, "/hub/drivers", t(`drivers.toast.${input.intent}`));
}

function InviteForm() {
  const { t } = useTranslation("hub");
  const data = useActionData<typeof action>();
  const { invitationDays } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    lastResult: data?.invite ?? undefined,
    constraint: getZodConstraint(InviteSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  });
  return (
    <Card title={t("drivers.invite.title")}>
      <p className="small muted">{t("drivers.invite.explain", { count: invitationDays })}</p>
      <Form method="post" className="form" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="invite" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field meta={fields.name} label={t("drivers.invite.name")} autoComplete="off" />
        <Field meta={fields.email} label={t("drivers.invite.email")} type="email" autoComplete="off" />
        <SubmitButton pendingText={t("drivers.invite.sending")}>{t("drivers.invite.submit")}</SubmitButton>
      </Form>
    </Card>
  );
}

export default function DriversPage() {
  const { drivers, invitations, timeZone } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const { t } = useTranslation("hub");
  const format = useFormat();
  return (
    <>
      <PageHeader
        title={t("drivers.title")}
        description={t("drivers.description")}
        breadcrumbs={[{ to: "/hub", label: t("common:nav.hub") }]}
      />
      {data?.error ? <Alert tone="error">{data.error}</Alert> : null}
      <Card title={t("drivers.list.title")}>
        {drivers.length === 0 ? (
          <EmptyState title={t("drivers.list.empty")} />
        ) : (
          <TableWrap>
            <table>
              <caption className="visually-hidden">{t("drivers.list.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("drivers.columns.name")}</th>
                  <th scope="col">{t("drivers.columns.email")}</th>
                  <th scope="col">{t("drivers.columns.status")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("drivers.columns.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {drivers.map((d) => (
                  <tr key={d.id}>
                    <td>{d.name}</td>
                    <td className="small">{d.email}</td>
                    <td>
                      {d.deactivatedAt ? (
                        <span className="badge badge-neutral">
                          {t("drivers.deactivatedOn", { date: format.date(d.deactivatedAt, timeZone) })}
                        </span>
                      ) : (
                        <span className="badge">{t("drivers.active")}</span>
                      )}
                    </td>
                    <td>
                      {d.deactivatedAt ? (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="driverId" value={d.id} />
                          <SubmitButton
                            name="intent"
                            value="reactivate"
                            variant="secondary"
                            pendingText={t("drivers.reactivating")}
                          >
                            <Trans
                              t={t}
                              i18nKey="drivers.reactivate"
                              values={{ name: d.name }}
                              components={{ hidden: <span className="visually-hidden" /> }}
                            />
                          </SubmitButton>
                        </Form>
                      ) : (
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="driverId" value={d.id} />
                          <SubmitButton
                            name="intent"
                            value="deactivate"
                            variant="danger"
                            confirm={t("drivers.confirmDeactivate", { name: d.name })}
                          >
                            <Trans
                              t={t}
                              i18nKey="drivers.deactivate"
                              values={{ name: d.name }}
                              components={{ hidden: <span className="visually-hidden" /> }}
                            />
                          </SubmitButton>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      <Card title={t("drivers.invitations.title")}>
        {invitations.length === 0 ? (
          <p className="muted">{t("drivers.invitations.empty")}</p>
        ) : (
          <TableWrap>
            <table>
              <caption className="visually-hidden">{t("drivers.invitations.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("drivers.columns.name")}</th>
                  <th scope="col">{t("drivers.columns.email")}</th>
                  <th scope="col">{t("drivers.columns.link")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("drivers.columns.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <td>{i.name}</td>
                    <td className="small">{i.email}</td>
                    <td className="small">
                      {i.expired
                        ? t("drivers.invitations.expired", { date: format.dateTime(i.expiresAt, timeZone) })
                        : t("drivers.invitations.expires", { date: format.dateTime(i.expiresAt, timeZone) })}
                    </td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="invitationId" value={i.id} />
                        <SubmitButton
                          name="intent"
                          value="resend"
                          variant="secondary"
                          pendingText={t("drivers.invite.sending")}
                        >
                          <Trans
                            t={t}
                            i18nKey="drivers.invitations.resend"
                            values={{ email: i.email }}
                            components={{ hidden: <span className="visually-hidden" /> }}
                          />
                        </SubmitButton>{" "}
                        <SubmitButton
                          name="intent"
                          value="revoke"
                          variant="danger"
                          confirm={t("drivers.invitations.confirmRevoke", { email: i.email })}
                        >
                          <Trans
                            t={t}
                            i18nKey="drivers.invitations.revoke"
                            values={{ email: i.email }}
                            components={{ hidden: <span className="visually-hidden" /> }}
                          />
                        </SubmitButton>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </Card>
      <InviteForm />
    </>
  );
}
