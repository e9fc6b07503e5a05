import { pageNumber } from "~/utils/forms";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { Alert, EmptyState, PageHeader } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { listUsers, setUserRole } from "~/models/user.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "admin")("users.metaTitle") }];

const PAGE_SIZE = 50;
// The choices of the role select, in this order; their words are admin:users.roles.<value>.
const ROLE_CHOICES = ["HOUSEHOLD", "RESTAURANT", "FARMER", "COORDINATOR", "ADMIN"] as const;

const ChangeRoleSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLE_CHOICES, { error: lazyT("admin:users.errors.chooseRole") }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const url = new URL(request.url);
  const query = url.searchParams.get("q")?.trim() || undefined;
  const page = pageNumber(url.searchParams.get("page"));
  const [users, total] = await listUsers({ query, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return json({ users, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), query: query ?? "" });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: ChangeRoleSchema });
  const t = serverT("admin");
  if (submission.status !== "success") return json({ error: t("users.errors.invalidRole") }, { status: 400 });
  const { userId, role } = submission.value;
  if (userId === admin.id && role !== "ADMIN") {
    return json({ error: t("users.errors.ownAdminRole") }, { status: 400 });
  }
  const buyerKind = role === "HOUSEHOLD" || role === "RESTAURANT" ? role : null;
  const dbRole = buyerKind ? "BUYER" : (role as "FARMER" | "COORDINATOR" | "ADMIN");
  try {
    await setUserRole({ id: userId, role: dbRole, buyerKind });
  } catch {
    return json({ error: t("users.errors.gone") }, { status: 404 });
  }
  const url = new URL(request.url);
  return redirectWithToast(request, `${url.pathname}${url.search}`, t("users.updated"));
}

function roleValue(user: { role: string; buyerKind: string | null }) {
  return user.role === "BUYER" ? (user.buyerKind ?? "HOUSEHOLD") : user.role;
}

export default function AdminUsers() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("admin");
  const format = useFormat();
  return (
    <>
      <PageHeader title={t("users.title")} description={t("users.accounts", { count: data.total })} />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      <Form method="get" className="row" role="search" style={{ marginBottom: "1rem" }}>
        <label htmlFor="user-search" className="visually-hidden">
          {t("users.searchLabel")}
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          className="input"
          defaultValue={data.query}
          placeholder={t("users.searchPlaceholder")}
          style={{ maxWidth: 320 }}
        />
        <button type="submit" className="btn btn-secondary">
          {t("common:actions.search")}
        </button>
      </Form>
      {data.users.length === 0 ? (
        <EmptyState title={t("users.empty.title")}>{t("users.empty.body")}</EmptyState>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("users.columns.name")}</th>
                <th scope="col">{t("users.columns.email")}</th>
                <th scope="col">{t("users.columns.joined")}</th>
                <th scope="col">{t("users.columns.role")}</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{format.date(user.createdAt)}</td>
                  <td>
                    {user.role === "DRIVER" ? (
                      // Drivers are invited and deactivated by their hub's coordinator (decision 030).
                      <span>{t("users.driver")}</span>
                    ) : (
                      <Form method="post" className="row">
                        <label htmlFor={`role-${user.id}`} className="visually-hidden">
                          {t("users.roleOf", { name: user.name })}
                        </label>
                        <select
                          id={`role-${user.id}`}
                          name="role"
                          defaultValue={roleValue(user)}
                          className="input"
                          style={{ width: "auto" }}
                        >
                          {ROLE_CHOICES.map((choice) => (
                            <option key={choice} value={choice}>
                              {t(`users.roles.${choice}`)}
                            </option>
                          ))}
                        </select>
                        <SubmitButton
                          variant="secondary"
                          className="btn-small"
                          name="userId"
                          value={user.id}
                          disabled={navigation.state === "submitting"}
                        >
                          <Trans
                            t={t}
                            i18nKey="users.save"
                            values={{ name: user.name }}
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
      <Pagination page={data.page} pages={data.pages} />
    </>
  );
}
