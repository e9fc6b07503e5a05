import { pageNumber } from "~/utils/forms";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { SubmitButton } from "~/components/ui/button";
import { Pagination } from "~/components/ui/pagination";
import { Alert, EmptyState, PageHeader } from "~/components/ui/page";
import { listUsers, setUserRole } from "~/models/user.server";
import { formatDate } from "~/utils/format";
import { redirectWithToast, requireRole } from "~/utils/session.server";
import { TableWrap } from "~/components/ui/table-wrap";

export const meta: MetaFunction = () => [{ title: "Users — Foodshed admin" }];

const PAGE_SIZE = 50;
const ROLE_CHOICES = [
  { value: "HOUSEHOLD", label: "Buyer — household" },
  { value: "RESTAURANT", label: "Buyer — restaurant" },
  { value: "FARMER", label: "Farmer" },
  { value: "COORDINATOR", label: "Coordinator" },
  { value: "ADMIN", label: "Admin" },
] as const;

const ChangeRoleSchema = z.object({
  userId: z.string().min(1),
  role: z.enum(["HOUSEHOLD", "RESTAURANT", "FARMER", "COORDINATOR", "ADMIN"], { error: "Choose a role" }),
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
  if (submission.status !== "success") return json({ error: "Choose a valid role." }, { status: 400 });
  const { userId, role } = submission.value;
  if (userId === admin.id && role !== "ADMIN") {
    return json({ error: "You cannot remove your own admin role; ask another admin." }, { status: 400 });
  }
  const buyerKind = role === "HOUSEHOLD" || role === "RESTAURANT" ? role : null;
  const dbRole = buyerKind ? "BUYER" : (role as "FARMER" | "COORDINATOR" | "ADMIN");
  try {
    await setUserRole({ id: userId, role: dbRole, buyerKind });
  } catch {
    return json({ error: "That user no longer exists." }, { status: 404 });
  }
  const url = new URL(request.url);
  return redirectWithToast(request, `${url.pathname}${url.search}`, "Role updated.");
}

function roleValue(user: { role: string; buyerKind: string | null }) {
  return user.role === "BUYER" ? (user.buyerKind ?? "HOUSEHOLD") : user.role;
}

export default function AdminUsers() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <>
      <PageHeader title="Users" description={`${data.total} account${data.total === 1 ? "" : "s"}.`} />
      {actionData && "error" in actionData ? <Alert tone="error">{actionData.error}</Alert> : null}
      <Form method="get" className="row" role="search" style={{ marginBottom: "1rem" }}>
        <label htmlFor="user-search" className="visually-hidden">
          Search users by name or email
        </label>
        <input
          id="user-search"
          name="q"
          type="search"
          className="input"
          defaultValue={data.query}
          placeholder="Name or email"
          style={{ maxWidth: 320 }}
        />
        <button type="submit" className="btn btn-secondary">
          Search
        </button>
      </Form>
      {data.users.length === 0 ? (
        <EmptyState title="No users match">Try another name or email.</EmptyState>
      ) : (
        <TableWrap>
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Joined</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {data.users.map((user) => (
                <tr key={user.id}>
                  <td>{user.name}</td>
                  <td>{user.email}</td>
                  <td>{formatDate(user.createdAt)}</td>
                  <td>
                    <Form method="post" className="row">
                      <label htmlFor={`role-${user.id}`} className="visually-hidden">
                        Role of {user.name}
                      </label>
                      <select
                        id={`role-${user.id}`}
                        name="role"
                        defaultValue={roleValue(user)}
                        className="input"
                        style={{ width: "auto" }}
                      >
                        {ROLE_CHOICES.map((choice) => (
                          <option key={choice.value} value={choice.value}>
                            {choice.label}
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
                        Save<span className="visually-hidden"> role of {user.name}</span>
                      </SubmitButton>
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
