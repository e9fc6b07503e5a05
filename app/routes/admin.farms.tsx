import { pageNumber } from "~/utils/forms";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans, useTranslation } from "react-i18next";
import { z } from "zod";
import { useFormat } from "~/components/i18n";
import { SubmitButton } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { Alert, EmptyState, PageHeader } from "~/components/ui/page";
import { lazyT, metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { listFarmsForAdmin, setFarmStatus } from "~/models/admin.server";
import { redirectWithToast, requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "admin")("farms.metaTitle") }];

const PAGE_SIZE = 50;
const STATUSES = ["PENDING", "ACTIVE", "SUSPENDED"] as const;

const FarmStatusSchema = z.object({
  farmId: z.string().min(1),
  status: z.enum(STATUSES, { error: lazyT("admin:farms.errors.chooseAction") }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  const url = new URL(request.url);
  // Any case ("suspended" from a typed or shared address); an unknown filter says so.
  const statusParam = url.searchParams.get("status")?.trim() || null;
  const status = STATUSES.find((value) => value === statusParam?.toUpperCase());
  const page = pageNumber(url.searchParams.get("page"));
  const [farms, total, counts] = await listFarmsForAdmin({ status, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE });
  return json({
    farms,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    status: status ?? null,
    unknownStatus: statusParam && !status ? statusParam.slice(0, 40) : null,
    counts: Object.fromEntries(counts.map((row) => [row.status, row._count._all])) as Partial<Record<string, number>>,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "ADMIN");
  const submission = parseWithZod(await request.formData(), { schema: FarmStatusSchema });
  const t = serverT("admin");
  if (submission.status !== "success") return json({ error: t("farms.errors.notPossible") }, { status: 400 });
  const changed = await setFarmStatus({ id: submission.value.farmId, status: submission.value.status });
  if (!changed) return json({ error: t("farms.errors.gone") }, { status: 404 });
  const url = new URL(request.url);
  return redirectWithToast(request, `${url.pathname}${url.search}`, t(`farms.toast.${submission.value.status}`));
}

export default function AdminFarms() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation("admin");
  const format = useFormat();
  const statusLabel = (status: (typeof STATUSES)[number]) => t(`farms.status.${status}`);
  const filterLink = (status: string | null) => {
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    return `?${params}`;
  };
  return (
    <>
      <PageHeader title={t("farms.title")} description={t("farms.description")} />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      {data.unknownStatus ? (
        <Alert tone="warning">
          {t("farms.unknownStatus", {
            status: data.unknownStatus,
            statuses: STATUSES.map((s) => statusLabel(s).toLowerCase()).join(", "),
          })}
        </Alert>
      ) : null}
      <nav aria-label={t("farms.filter")} className="row" style={{ marginBottom: "1rem" }}>
        <Link
          to={filterLink(null)}
          className="btn btn-ghost btn-small"
          aria-current={data.status === null ? "page" : undefined}
        >
          {t("farms.all")}
        </Link>
        {STATUSES.map((status) => (
          <Link
            key={status}
            to={filterLink(status)}
            className="btn btn-ghost btn-small"
            aria-current={data.status === status ? "page" : undefined}
          >
            {t("farms.filterLink", { status: statusLabel(status), count: format.number(data.counts[status] ?? 0) })}
          </Link>
        ))}
      </nav>
      {data.farms.length === 0 ? (
        <EmptyState title={data.status === "PENDING" ? t("farms.empty.pending") : t("farms.empty.title")}>
          {t("farms.empty.body")}
        </EmptyState>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">{t("farms.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("farms.columns.farm")}</th>
                <th scope="col">{t("farms.columns.owner")}</th>
                <th scope="col">{t("farms.columns.hub")}</th>
                <th scope="col" className="num">
                  {t("farms.columns.products")}
                </th>
                <th scope="col">{t("farms.columns.created")}</th>
                <th scope="col">{t("farms.columns.status")}</th>
                <th scope="col">{t("farms.columns.action")}</th>
              </tr>
            </thead>
            <tbody>
              {data.farms.map((farm) => (
                <tr key={farm.id}>
                  <td>
                    <Link to={`/farms/${farm.slug}`}>{farm.name}</Link>
                    {farm.address ? <div className="muted small">{farm.address}</div> : null}
                  </td>
                  <td>
                    {farm.owner.name}
                    <div className="muted small">{farm.owner.email}</div>
                  </td>
                  <td>{farm.hub?.name ?? "—"}</td>
                  <td className="num">{format.number(farm._count.products)}</td>
                  <td>{format.date(farm.createdAt)}</td>
                  <td>
                    <span
                      className={`badge ${farm.status === "ACTIVE" ? "" : farm.status === "PENDING" ? "badge-warning" : "badge-danger"}`}
                    >
                      {statusLabel(farm.status)}
                    </span>
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="farmId" value={farm.id} />
                      {farm.status === "ACTIVE" ? (
                        <SubmitButton variant="secondary" className="btn-small" name="status" value="SUSPENDED">
                          <Trans
                            t={t}
                            i18nKey="farms.suspend"
                            values={{ farm: farm.name }}
                            components={{ hidden: <span className="visually-hidden" /> }}
                          />
                        </SubmitButton>
                      ) : (
                        <SubmitButton className="btn-small" name="status" value="ACTIVE">
                          <Trans
                            t={t}
                            i18nKey={farm.status === "PENDING" ? "farms.approve" : "farms.reactivate"}
                            values={{ farm: farm.name }}
                            components={{ hidden: <span className="visually-hidden" /> }}
                          />
                        </SubmitButton>
                      )}
                    </Form>
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
