// Proof of delivery (issue 16, docs/decisions/032): each outcome of a delivery stop, the proof rules,
// replays of the same mark, stale forms, corrections and undo, and who may see a proof photo.
// Real database, real loaders and actions, real session cookies, real photo pipeline.
import { vi } from "vitest";

vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "foodshed-proof-"));
  // Small, so a "too large" photo is quick to make.
  process.env.UPLOAD_MAX_BYTES = String(64 * 1024);
});

import { randomBytes, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loader as driverLoader } from "~/routes/driver.routes.$routeId";
import { loader as manifestLoader } from "~/routes/hub.routes.$routeId.manifest";
import { loader as orderLoader } from "~/routes/orders.$orderId";
import { prisma } from "~/utils/db.server";
import { createTestHub, createTestUser, makeRequest } from "../factories";
import { args, catchResponse } from "../support/ordering";
import { errorOf, getProof, mark, orderRow, png, proofWorld, stopRow, storedProofs } from "../support/proof-world";

describe("marking a delivery stop delivered", () => {
  it("with a photo: stored privately, re-encoded, shown to the buyer, the coordinator and the driver only", async () => {
    const w = await proofWorld(1);
    const [stop] = w.stops;
    const res = await mark(
      w,
      { intent: "delivered", stopId: stop!.id, version: "0", proofKind: "PHOTO" },
      { photo: { bytes: await png(), name: "door.png", type: "image/png" } },
    );
    expect(res.status).toBe(302);
    const row = await stopRow(stop!.id);
    expect(row).toMatchObject({ status: "DONE", version: 1, proofKind: "PHOTO" });
    expect(row.proofPhotoPath).toMatch(/^[a-f0-9]{32}\.webp$/);
    // In the private folder, not among the public uploads.
    expect(storedProofs()).toEqual(
      expect.arrayContaining([row.proofPhotoPath, row.proofPhotoPath!.replace(".webp", "-small.webp")]),
    );
    expect(existsSync(path.join(process.env.DATA_DIR!, "uploads", row.proofPhotoPath!))).toBe(false);
    const order = await orderRow(w.orders[0]!.id);
    expect(order.status).toBe("DELIVERED");
    expect(order.lines.map((l) => l.deliveredQuantityMilli)).toEqual([3000, 2000]);
    expect(order.totalMinor).toBe(1200);

    const url = `/delivery-proofs/${row.proofPhotoPath}`;
    for (const userId of [w.otherBuyer.id, w.coordinator.id, w.driver.id]) {
      const seen = await getProof(url, userId);
      expect(seen.status).toBe(200);
      expect(seen.headers.get("Content-Type")).toBe("image/webp");
      expect(seen.headers.get("Cache-Control")).toMatch(/^private/);
    }
    expect((await getProof(url.replace(".webp", "-small.webp"), w.otherBuyer.id)).status).toBe(200);
    // Another buyer (even of the same route), another driver, a farmer, another hub's coordinator, nobody: 404.
    const stranger = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: stranger.id });
    const farmer = await createTestUser({ role: "FARMER" });
    for (const userId of [w.buyer.id, w.otherDriver.id, farmer.id, stranger.id, undefined]) {
      expect((await getProof(url, userId)).status).toBe(404);
    }
    expect((await getProof("/delivery-proofs/../uploads/x.webp", w.otherBuyer.id)).status).toBe(404);

    // The buyer's order page shows the outcome and the photo; the manifest too.
    const page = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.otherBuyer.id }), { orderId: order.id })),
    );
    const { delivery } = (await page.json()) as {
      delivery: Array<{ outcome: { status: string; photo: { full: string; small: string } | null } }>;
    };
    expect(delivery).toHaveLength(1);
    expect(delivery[0]!.outcome).toMatchObject({ status: "DONE", photo: { full: url } });
    const manifest = await catchResponse(
      manifestLoader(
        args(await makeRequest(`/hub/routes/${w.route.id}/manifest`, { userId: w.coordinator.id }), {
          routeId: w.route.id,
        }),
      ),
    );
    const sheet = (await manifest.json()) as {
      route: { stops: Array<{ outcome: { status: string; photo: unknown } }> };
    };
    expect(sheet.route.stops[0]!.outcome).toMatchObject({ status: "DONE", photo: { full: url } });
  });

  it("refuses a delivery without a proof, a photo that is not an image or too large, and stores nothing", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    const before = storedProofs();
    const refused: Array<[string, Record<string, string>, Parameters<typeof mark>[2], RegExp]> = [
      ["no proof", { intent: "delivered", stopId: stop.id }, {}, /Add a proof of delivery/],
      ["photo chosen, none sent", { intent: "delivered", stopId: stop.id, proofKind: "PHOTO" }, {}, /photo/],
      ["no name", { intent: "delivered", stopId: stop.id, proofKind: "RECIPIENT", recipient: "  " }, {}, /name/],
      ["no place", { intent: "delivered", stopId: stop.id, proofKind: "SAFE_PLACE", safePlace: "" }, {}, /where/],
      [
        "not an image",
        { intent: "delivered", stopId: stop.id, proofKind: "PHOTO" },
        { photo: { bytes: new TextEncoder().encode("not a photo at all"), name: "door.png", type: "image/png" } },
        /not a JPEG, PNG or WebP/,
      ],
      [
        "too large",
        { intent: "delivered", stopId: stop.id, proofKind: "PHOTO" },
        { photo: { bytes: randomBytes(80 * 1024), name: "door.jpg", type: "image/jpeg" } },
        /too large/,
      ],
      ["unknown proof kind", { intent: "delivered", stopId: stop.id, proofKind: "SELFIE" }, {}, /proof/],
    ];
    for (const [what, fields, options, message] of refused) {
      const res = await mark(w, fields, options);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect(await errorOf(res)).toMatch(message);
    }
    expect(await stopRow(stop.id)).toMatchObject({ status: "PENDING", version: 0, proofPhotoPath: null });
    expect(await prisma.deliveryMark.count({ where: { stopId: stop.id } })).toBe(0);
    expect((await orderRow(w.orders[0]!.id)).status).toBe("CONFIRMED");
    expect(storedProofs()).toEqual(before);
  });

  it("with who took it, or where it was left (a photo may come too)", async () => {
    const w = await proofWorld(2);
    expect(
      (await mark(w, { intent: "delivered", stopId: w.stops[0]!.id, proofKind: "RECIPIENT", recipient: " Ann " }))
        .status,
    ).toBe(302);
    expect(await stopRow(w.stops[0]!.id)).toMatchObject({ proofKind: "RECIPIENT", proofRecipient: "Ann" });
    const res = await mark(
      w,
      {
        intent: "delivered",
        stopId: w.stops[1]!.id,
        proofKind: "SAFE_PLACE",
        safePlace: "Porch",
        recipient: "ignored",
      },
      { photo: { bytes: await png(), name: "porch.png", type: "image/png" } },
    );
    expect(res.status).toBe(302);
    const row = await stopRow(w.stops[1]!.id);
    expect(row).toMatchObject({ proofKind: "SAFE_PLACE", proofSafePlace: "Porch", proofRecipient: null });
    expect(row.proofPhotoPath).toMatch(/\.webp$/);
    // The driver's page offers the buyer's delivery notes as the safe place.
    const page = await catchResponse(
      driverLoader(
        args(await makeRequest(`/driver/routes/${w.route.id}`, { userId: w.driver.id }), { routeId: w.route.id }),
      ),
    );
    const body = (await page.json()) as {
      route: { stops: Array<{ order: { notes: string }; outcome: { safePlace: string | null }; markId: string }> };
    };
    expect(body.route.stops[1]!.order.notes).toBe("Porch, behind the blue door");
    expect(body.route.stops[1]!.outcome.safePlace).toBe("Porch");
    expect(body.route.stops[0]!.markId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("partly delivered", () => {
  it("records per line what was not delivered and why; prices stay; the order is partly delivered", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    const [carrots, milk] = w.orders[0]!.lines;
    const base = { intent: "partial", stopId: stop.id, proofKind: "RECIPIENT", recipient: "Ann" };
    const refused: Array<[string, Record<string, string | string[]>, RegExp]> = [
      ["nothing ticked", base, /Tick the lines/],
      [
        "more than ordered",
        { ...base, short: carrots!.id, [`shortQty.${carrots!.id}`]: "4", [`shortReason.${carrots!.id}`]: "DAMAGED" },
        /at most/,
      ],
      ["no reason", { ...base, short: carrots!.id, [`shortQty.${carrots!.id}`]: "1" }, /why/],
      ["other without a note", { ...base, short: carrots!.id, [`shortReason.${carrots!.id}`]: "OTHER" }, /note/],
      [
        "a line of another order",
        { ...base, short: w.orders[0]!.id, [`shortReason.${w.orders[0]!.id}`]: "MISSING" },
        /not part of this stop/,
      ],
      [
        "everything short",
        {
          ...base,
          short: [carrots!.id, milk!.id],
          [`shortReason.${carrots!.id}`]: "MISSING",
          [`shortReason.${milk!.id}`]: "MISSING",
        },
        /Nothing was delivered/,
      ],
      [
        "no proof",
        { intent: "partial", stopId: stop.id, short: carrots!.id, [`shortReason.${carrots!.id}`]: "DAMAGED" },
        /proof/,
      ],
    ];
    for (const [what, fields, message] of refused) {
      const res = await mark(w, fields);
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect(await errorOf(res)).toMatch(message);
    }
    expect(await stopRow(stop.id)).toMatchObject({ status: "PENDING", version: 0 });

    const res = await mark(w, {
      ...base,
      short: carrots!.id,
      [`shortQty.${carrots!.id}`]: "1.5",
      [`shortReason.${carrots!.id}`]: "DAMAGED",
      [`shortNote.${carrots!.id}`]: "bag split",
    });
    expect(res.status).toBe(302);
    expect(await stopRow(stop.id)).toMatchObject({ status: "PARTIAL", proofRecipient: "Ann" });
    const order = await orderRow(w.orders[0]!.id);
    expect(order.status).toBe("PARTLY_DELIVERED");
    expect(order.lines.map((l) => [l.productName, l.deliveredQuantityMilli, l.shortReason, l.shortNote])).toEqual([
      ["Carrots", 1500, "DAMAGED", "bag split"],
      ["Milk", 2000, null, null],
    ]);
    expect(order.lines.map((l) => l.lineTotalMinor)).toEqual([600, 600]);
    expect(order.totalMinor).toBe(1200);
    // Partly delivered counts as delivered for the cycle: it is DELIVERED once no stop is to go.
    expect((await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: w.cycle.id } })).status).toBe("DELIVERED");

    const page = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.otherBuyer.id }), { orderId: order.id })),
    );
    const { delivery, order: shown } = (await page.json()) as {
      order: { status: string };
      delivery: Array<{ outcome: { status: string; recipient: string; shortLines: unknown[] } }>;
    };
    expect(shown.status).toBe("PARTLY_DELIVERED");
    expect(delivery[0]!.outcome).toMatchObject({
      status: "PARTIAL",
      recipient: "Ann",
      shortLines: [
        {
          productName: "Carrots",
          quantityMilli: 3000,
          deliveredQuantityMilli: 1500,
          shortReason: "DAMAGED",
          shortNote: "bag split",
        },
      ],
    });
  });
});

describe("not delivered", () => {
  it("needs a reason from the list (a note for Other); the order fails and nothing was delivered", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    for (const [fields, message] of [
      [{ intent: "failed", stopId: stop.id }, /Choose why/],
      [{ intent: "failed", stopId: stop.id, failureCode: "ALIENS" }, /Choose why/],
      [{ intent: "failed", stopId: stop.id, failureCode: "OTHER", failureNote: "" }, /note/],
    ] as const) {
      const res = await mark(w, fields);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatch(message);
    }
    const res = await mark(w, {
      intent: "failed",
      stopId: stop.id,
      failureCode: "NOBODY_HOME",
      failureNote: "Rang twice",
    });
    expect(res.status).toBe(302);
    expect(await stopRow(stop.id)).toMatchObject({
      status: "FAILED",
      failureCode: "NOBODY_HOME",
      failureReason: "Rang twice",
      proofKind: null,
    });
    const order = await orderRow(w.orders[0]!.id);
    expect(order).toMatchObject({ status: "FAILED", failureReason: "nobody home: Rang twice" });
    expect(order.lines.map((l) => l.deliveredQuantityMilli)).toEqual([0, 0]);
    // The buyer's message (docs/decisions/033) gives the reason from the list in words, and the note.
    const [email] = await prisma.emailMessage.findMany({ where: { to: w.otherBuyer.email, kind: "delivery-failed" } });
    expect(email?.text).toContain("Nobody home: Rang twice");
  });
});

describe("marks on a flaky network and in two tabs", () => {
  it("a replayed mark answers success and is applied once, even sent twice at once", async () => {
    const w = await proofWorld(2);
    const fields = {
      intent: "delivered",
      stopId: w.stops[0]!.id,
      version: "0",
      proofKind: "RECIPIENT",
      recipient: "Ann",
      markId: randomUUID(),
    };
    expect((await mark(w, fields)).status).toBe(302);
    expect((await mark(w, fields)).status).toBe(302);
    expect(await stopRow(w.stops[0]!.id)).toMatchObject({ status: "DONE", version: 1 });
    expect(await prisma.deliveryMark.count({ where: { stopId: w.stops[0]!.id } })).toBe(1);
    // The same mark id on another stop is not a replay.
    const reused = await mark(w, { ...fields, stopId: w.stops[1]!.id });
    expect(reused.status).toBe(409);
    expect(await stopRow(w.stops[1]!.id)).toMatchObject({ status: "PENDING", version: 0 });

    const twice = { ...fields, stopId: w.stops[1]!.id, markId: randomUUID() };
    const both = await Promise.all([mark(w, twice), mark(w, twice)]);
    expect(both.map((r) => r.status)).toEqual([302, 302]);
    expect(await stopRow(w.stops[1]!.id)).toMatchObject({ status: "DONE", version: 1 });
    expect(await prisma.deliveryMark.count({ where: { stopId: w.stops[1]!.id } })).toBe(1);
  });

  it("a stale form cannot overwrite a newer mark (409, says to reload); a current one corrects it; undo sends it back", async () => {
    const w = await proofWorld(2);
    const stop = w.stops[0]!;
    const order = w.orders[0]!;
    const delivered = { intent: "delivered", stopId: stop.id, proofKind: "RECIPIENT", recipient: "Ann" };
    expect((await mark(w, { ...delivered, version: "0" })).status).toBe(302);

    // A second tab, opened before: its form still says version 0.
    const stale = await mark(w, { intent: "failed", stopId: stop.id, failureCode: "REFUSED", version: "0" });
    expect(stale.status).toBe(409);
    expect(await errorOf(stale)).toMatch(/marked since this page was opened \(it is now: delivered\).*Reload/);
    // A form without a version may only mark a stop that is still to deliver.
    expect((await mark(w, { intent: "failed", stopId: stop.id, failureCode: "REFUSED" })).status).toBe(409);
    expect(await stopRow(stop.id)).toMatchObject({ status: "DONE", version: 1 });

    // The current page corrects it: the order follows.
    expect((await mark(w, { intent: "failed", stopId: stop.id, failureCode: "REFUSED", version: "1" })).status).toBe(
      302,
    );
    expect(await stopRow(stop.id)).toMatchObject({
      status: "FAILED",
      version: 2,
      proofKind: null,
      proofRecipient: null,
      failureCode: "REFUSED",
    });
    expect((await orderRow(order.id)).status).toBe("FAILED");

    // Undo: to deliver again, nothing recorded on the lines, the order out for delivery.
    expect((await mark(w, { intent: "undo", stopId: stop.id, version: "2" })).status).toBe(302);
    expect(await stopRow(stop.id)).toMatchObject({
      status: "PENDING",
      version: 3,
      failureCode: null,
      completedAt: null,
    });
    const undone = await orderRow(order.id);
    expect(undone.status).toBe("OUT_FOR_DELIVERY");
    expect(undone.lines.map((l) => l.deliveredQuantityMilli)).toEqual([null, null]);
    const nothing = await mark(w, { intent: "undo", stopId: stop.id, version: "3" });
    expect(nothing.status).toBe(409);
    expect(await errorOf(nothing)).toMatch(/nothing to undo/);
    // The history keeps every mark.
    expect(
      (await prisma.deliveryMark.findMany({ where: { stopId: stop.id }, orderBy: { version: "asc" } })).map((m) => [
        m.status,
        m.version,
      ]),
    ).toEqual([
      ["DONE", 1],
      ["FAILED", 2],
      ["PENDING", 3],
    ]);
  });

  it("a driver corrects only until the delivery day ends; the coordinator later; a delivered cycle is not undone", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    expect(
      (await mark(w, { intent: "delivered", stopId: stop.id, proofKind: "RECIPIENT", recipient: "Ann", version: "0" }))
        .status,
    ).toBe(302);
    expect((await prisma.deliveryCycle.findUniqueOrThrow({ where: { id: w.cycle.id } })).status).toBe("DELIVERED");
    const undo = await mark(w, { intent: "undo", stopId: stop.id, version: "1" });
    expect(undo.status).toBe(409);
    expect(await errorOf(undo)).toMatch(/closed as delivered/);

    await prisma.deliveryCycle.update({
      where: { id: w.cycle.id },
      data: { deliveryDate: new Date(Date.now() - 3 * 86_400_000) },
    });
    const late = await mark(w, { intent: "failed", stopId: stop.id, failureCode: "REFUSED", version: "1" });
    expect(late.status).toBe(409);
    expect(await errorOf(late)).toMatch(/delivery day is over/);
    const page = await catchResponse(
      driverLoader(
        args(await makeRequest(`/driver/routes/${w.route.id}`, { userId: w.driver.id }), { routeId: w.route.id }),
      ),
    );
    expect(((await page.json()) as { mayCorrect: boolean }).mayCorrect).toBe(false);
    const byCoordinator = await mark(
      w,
      { intent: "failed", stopId: stop.id, failureCode: "REFUSED", version: "1" },
      { userId: w.coordinator.id },
    );
    expect(byCoordinator.status).toBe(302);
    expect(await stopRow(stop.id)).toMatchObject({ status: "FAILED", version: 2 });
    expect((await prisma.deliveryMark.findFirstOrThrow({ where: { stopId: stop.id, version: 2 } })).userId).toBe(
      w.coordinator.id,
    );
  });

  it("another driver of the hub cannot mark the route: 404, nothing read or stored", async () => {
    const w = await proofWorld(1);
    const before = storedProofs();
    const res = await mark(
      w,
      { intent: "delivered", stopId: w.stops[0]!.id, proofKind: "PHOTO" },
      { userId: w.otherDriver.id, photo: { bytes: await png(), name: "x.png", type: "image/png" } },
    );
    expect(res.status).toBe(404);
    expect(storedProofs()).toEqual(before);
    expect(await stopRow(w.stops[0]!.id)).toMatchObject({ status: "PENDING", version: 0 });
  });
});
