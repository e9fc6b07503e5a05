import { describe, expect, it } from "vitest";
import { action as farmsAction, loader as farmsLoader } from "~/routes/admin.farms";
import { action as hubsAction, loader as hubsLoader } from "~/routes/admin.hubs";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users";
import { prisma } from "~/utils/db.server";
import { createTestFarm, createTestHub, createTestUser, makeRequest } from "../factories";

const args = (request: Request) => ({ request, params: {}, context: {} });
async function settle(promise: Promise<unknown>): Promise<Response> {
  try {
    return (await promise) as Response;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

describe("admin: farms", () => {
  it("lists pending farms and approves one", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const farm = await createTestFarm();
    await prisma.farm.update({ where: { id: farm.id }, data: { status: "PENDING" } });
    const list = await settle(
      farmsLoader(args(await makeRequest("/admin/farms?status=PENDING", { userId: admin.id }))),
    );
    const data = (await list.json()) as { farms: Array<{ id: string }> };
    expect(data.farms.map((row) => row.id)).toContain(farm.id);
    const response = await settle(
      farmsAction(
        args(await makeRequest("/admin/farms", { userId: admin.id, form: { farmId: farm.id, status: "ACTIVE" } })),
      ),
    );
    expect(response.status).toBe(302);
    expect((await prisma.farm.findUniqueOrThrow({ where: { id: farm.id } })).status).toBe("ACTIVE");
  });

  it("filters by status in any case, and says so when the filter is unknown", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const farm = await createTestFarm();
    await prisma.farm.update({ where: { id: farm.id }, data: { status: "SUSPENDED" } });
    const load = async (query: string) =>
      (await (
        await settle(farmsLoader(args(await makeRequest(`/admin/farms${query}`, { userId: admin.id }))))
      ).json()) as {
        farms: Array<{ id: string; status: string }>;
        status: string | null;
        unknownStatus: string | null;
      };
    const lower = await load("?status=suspended");
    expect(lower.status).toBe("SUSPENDED");
    expect(lower.farms.map((row) => row.id)).toContain(farm.id);
    expect(lower.farms.every((row) => row.status === "SUSPENDED")).toBe(true);
    const unknown = await load("?status=banned");
    expect(unknown).toMatchObject({ status: null, unknownStatus: "banned" });
    expect((await load("")).unknownStatus).toBeNull();
  });

  it("refuses non-admins and bad input without changing anything", async () => {
    const farmer = await createTestUser({ role: "FARMER" });
    const farm = await createTestFarm({ ownerId: farmer.id });
    const forbidden = await settle(
      farmsAction(
        args(await makeRequest("/admin/farms", { userId: farmer.id, form: { farmId: farm.id, status: "SUSPENDED" } })),
      ),
    );
    expect(forbidden.status).toBe(403);
    const admin = await createTestUser({ role: "ADMIN" });
    const bad = await settle(
      farmsAction(
        args(await makeRequest("/admin/farms", { userId: admin.id, form: { farmId: farm.id, status: "DELETED" } })),
      ),
    );
    expect(bad.status).toBe(400);
    const missing = await settle(
      farmsAction(
        args(await makeRequest("/admin/farms", { userId: admin.id, form: { farmId: "nope", status: "ACTIVE" } })),
      ),
    );
    expect(missing.status).toBe(404);
    expect((await prisma.farm.findUniqueOrThrow({ where: { id: farm.id } })).status).toBe("ACTIVE");
  });
});

describe("admin: hubs and users", () => {
  it("assigns a coordinator, refusing a user who is not one", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const hub = await createTestHub();
    const coordinator = await createTestUser({ role: "COORDINATOR" });
    const buyer = await createTestUser();
    const refused = await settle(
      hubsAction(
        args(await makeRequest("/admin/hubs", { userId: admin.id, form: { hubId: hub.id, coordinatorId: buyer.id } })),
      ),
    );
    expect(refused.status).toBe(400);
    const ok = await settle(
      hubsAction(
        args(
          await makeRequest("/admin/hubs", {
            userId: admin.id,
            form: { hubId: hub.id, coordinatorId: coordinator.id },
          }),
        ),
      ),
    );
    expect(ok.status).toBe(302);
    expect((await prisma.hub.findUniqueOrThrow({ where: { id: hub.id } })).coordinatorId).toBe(coordinator.id);
    const list = await settle(hubsLoader(args(await makeRequest("/admin/hubs", { userId: admin.id }))));
    expect(((await list.json()) as { hubs: Array<{ id: string }> }).hubs.map((row) => row.id)).toContain(hub.id);
  });

  it("changes a role, and an admin cannot remove their own admin role", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const user = await createTestUser();
    const changed = await settle(
      usersAction(
        args(await makeRequest("/admin/users", { userId: admin.id, form: { userId: user.id, role: "RESTAURANT" } })),
      ),
    );
    expect(changed.status).toBe(302);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect([after.role, after.buyerKind]).toEqual(["BUYER", "RESTAURANT"]);
    const self = await settle(
      usersAction(
        args(await makeRequest("/admin/users", { userId: admin.id, form: { userId: admin.id, role: "FARMER" } })),
      ),
    );
    expect(self.status).toBe(400);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    const invalid = await settle(
      usersAction(
        args(await makeRequest("/admin/users", { userId: admin.id, form: { userId: user.id, role: "KING" } })),
      ),
    );
    expect(invalid.status).toBe(400);
  });
});

describe("admin: user search", () => {
  it("matches % and _ literally, not as SQL wildcards", async () => {
    const admin = await createTestUser({ role: "ADMIN" });
    const underscore = await prisma.user.update({
      where: { id: (await createTestUser()).id },
      data: { name: "Ann_Literal" },
    });
    const plain = await prisma.user.update({
      where: { id: (await createTestUser()).id },
      data: { name: "AnnXLiteral" },
    });
    const search = async (q: string) =>
      (
        (await (
          await settle(
            usersLoader(args(await makeRequest(`/admin/users?q=${encodeURIComponent(q)}`, { userId: admin.id }))),
          )
        ).json()) as {
          users: Array<{ id: string }>;
        }
      ).users.map((u) => u.id);
    const found = await search("Ann_Lit");
    expect(found).toContain(underscore.id);
    expect(found).not.toContain(plain.id);
    expect(await search("100%")).toEqual([]);
  });
});
