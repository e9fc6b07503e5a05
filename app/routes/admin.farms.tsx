import { pageNumber } from "~/utils/forms";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { Alert, EmptyState, PageHeader } from "~/components/ui/page";
import { listFarmsForAdmin, setFarmStatus } from "~/models/admin.server";
import { formatDate } from "~/utils/format";
import { redirectWithToast, requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const meta: MetaFunction = () => [{ title: "Farms — Foodshed admin" }];

const PAGE_SIZE = 50;
const STATUSES = ["PENDING", "ACTIVE", "SUSPENDED"] as const;
const STATUS_LABEL: Record<(typeof STATUSES)[number], string> = {
  PENDING: "Awaiting approval",
  ACTIVE: "Active",
  SUSPENDED: "Suspended",
};

const FarmStatusSchema = z.object({
  farmId: z.string().min(1),
  status: z.enum(STATUSES, { error: "Choose approve, suspend or reactivate" }),
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
  if (submission.status !== "success") return json({ error: "That change is not possible." }, { status: 400 });
  const changed = await setFarmStatus({ id: submission.value.farmId, status: submission.value.status });
  if (!changed) return json({ error: "That farm no longer exists." }, { status: 404 });
  const url = new URL(request.url);
  const verb = { PENDING: "marked as awaiting approval", ACTIVE: "approved", SUSPENDED: "suspended" }[
    submission.value.status
  ];
  return redirectWithToast(request, `${url.pathname}${url.search}`, `Farm ${verb}.`);
}

export default function AdminFarms() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const filterLink = (status: string | null) => {
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    return `?${params}`;
  };
  return (
    <>
      <PageHeader
        title="Farms"
        description="Approve new farms before buyers see them, and suspend a farm that breaks the hub's rules."
      />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      {data.unknownStatus ? (
        <Alert tone="warning">
          There is no farm status “{data.unknownStatus}”: showing every farm. Filter by{" "}
          {STATUSES.map((s) => STATUS_LABEL[s].toLowerCase()).join(", ")} below.
        </Alert>
      ) : null}
      <nav aria-label="Filter farms by status" className="row" style={{ marginBottom: "1rem" }}>
        <Link
          to={filterLink(null)}
          className="btn btn-ghost btn-small"
          aria-current={data.status === null ? "page" : undefined}
        >
          All
        </Link>
        {STATUSES.map((status) => (
          <Link
            key={status}
            to={filterLink(status)}
            className="btn btn-ghost btn-small"
            aria-current={data.status === status ? "page" : undefined}
          >
            {STATUS_LABEL[status]} ({data.counts[status] ?? 0})
          </Link>
        ))}
      </nav>
      {data.farms.length === 0 ? (
        <EmptyState title={data.status === "PENDING" ? "No farms are waiting for approval" : "No farms here"}>
          New farms appear here when farmers create them.
        </EmptyState>
      ) : (
        <TableWrap>
          <table>
            <caption className="visually-hidden">Farms and their status</caption>
            <thead>
              <tr>
                <th scope="col">Farm</th>
                <th scope="col">Owner</th>
                <th scope="col">Hub</th>
                <th scope="col" className="num">
                  Products
                </th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">Action</th>
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
                  <td className="num">{farm._count.products}</td>
                  <td>{formatDate(farm.createdAt)}</td>
                  <td>
                    <span
                      className={`badge ${farm.status === "ACTIVE" ? "" : farm.status === "PENDING" ? "badge-warning" : "badge-danger"}`}
                    >
                      {STATUS_LABEL[farm.status]}
                    </span>
                  </td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="farmId" value={farm.id} />
                      {farm.status === "ACTIVE" ? (
                        <SubmitButton variant="secondary" className="btn-small" name="status" value="SUSPENDED">
                          Suspend<span className="visually-hidden"> {farm.name}</span>
                        </SubmitButton>
                      ) : (
                        <SubmitButton className="btn-small" name="status" value="ACTIVE">
                          {farm.status === "PENDING" ? "Approve" : "Reactivate"}
                          <span className="visually-hidden"> {farm.name}</span>
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
