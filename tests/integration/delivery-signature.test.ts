// A signature drawn on the driver's screen as proof of delivery (issue 16, docs/decisions/032
// addendum): stored privately through the photo pipeline, a blank or tiny one refused with nothing
// stored, seen only by the order's buyer, the hub's coordinator and the route's driver; and the
// photo's capture time and the device's position recorded with a mark (decisions 032 and 033 addenda).
// Real database, real loaders and actions, real session cookies, real photo pipeline.
import { vi } from "vitest";

vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  process.env.DATA_DIR = mkdtempSync(join(tmpdir(), "foodshed-signature-"));
  // Small, so a "too large" photo is quick to make.
  process.env.UPLOAD_MAX_BYTES = String(64 * 1024);
});

import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { loader as manifestLoader } from "~/routes/hub.routes.$routeId.manifest";
import { loader as orderLoader } from "~/routes/orders.$orderId";
import { loader as planLoader } from "~/routes/hub.cycles.$cycleId.plan/route";
import { prisma } from "~/utils/db.server";
import { createTestHub, createTestUser, makeRequest } from "../factories";
import { args, catchResponse } from "../support/ordering";
import {
  errorOf,
  getProof,
  mark,
  orderRow,
  proofWorld,
  stopRow,
  storedProofs,
  type Upload,
} from "../support/proof-world";

/** A signature as the pad makes it: dark strokes on a transparent canvas, as a PNG. */
const signaturePng = (width = 330, height = 160, path = "M20 120 C 60 20, 100 20, 140 110 S 220 150, 300 40") =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
        `<path d="${path}" stroke="#111" stroke-width="3" fill="none"/></svg>`,
    ),
  )
    .png()
    .toBuffer();

/** An empty pad: a transparent PNG. */
const blankPng = (width = 330, height = 160) =>
  sharp({ create: { width, height, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .png()
    .toBuffer();

const signed = async (bytes?: Uint8Array): Promise<Upload> => ({
  bytes: bytes ?? (await signaturePng()),
  name: "signature.png",
  type: "image/png",
});

describe("a signature drawn on the driver's screen", () => {
  it("is stored privately with the signer's name, shown on the order page and the manifest, to the right people only", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    const res = await mark(
      w,
      {
        intent: "delivered",
        stopId: stop.id,
        version: "0",
        proofKind: "SIGNATURE",
        signer: " Ann Lee ",
        recipient: "x",
      },
      { signature: await signed() },
    );
    expect(res.status).toBe(302);
    const row = await stopRow(stop.id);
    expect(row).toMatchObject({
      status: "DONE",
      proofKind: "SIGNATURE",
      proofRecipient: "Ann Lee",
      proofPhotoPath: null,
    });
    expect(row.proofSignaturePath).toMatch(/^[a-f0-9]{32}\.webp$/);
    expect(storedProofs()).toContain(row.proofSignaturePath);
    expect(existsSync(path.join(process.env.DATA_DIR!, "uploads", row.proofSignaturePath!))).toBe(false);
    const markRow = await prisma.deliveryMark.findFirstOrThrow({ where: { stopId: stop.id } });
    expect(markRow.signaturePath).toBe(row.proofSignaturePath);

    const url = `/delivery-proofs/${row.proofSignaturePath}`;
    for (const userId of [w.otherBuyer.id, w.coordinator.id, w.driver.id]) {
      const seen = await getProof(url, userId);
      expect(seen.status).toBe(200);
      expect(seen.headers.get("Content-Type")).toBe("image/webp");
      expect(seen.headers.get("Cache-Control")).toMatch(/^private/);
    }
    const stranger = await createTestUser({ role: "COORDINATOR" });
    await createTestHub({ coordinatorId: stranger.id });
    const farmer = await createTestUser({ role: "FARMER" });
    for (const userId of [w.buyer.id, w.otherDriver.id, farmer.id, stranger.id, undefined]) {
      expect((await getProof(url, userId)).status).toBe(404);
    }

    const order = w.orders[0]!;
    const page = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.otherBuyer.id }), { orderId: order.id })),
    );
    const { delivery } = (await page.json()) as {
      delivery: Array<{ outcome: { proofKind: string; signature: string | null; recipient: string | null } }>;
    };
    expect(delivery[0]!.outcome).toMatchObject({ proofKind: "SIGNATURE", signature: url, recipient: "Ann Lee" });
    const manifest = await catchResponse(
      manifestLoader(
        args(await makeRequest(`/hub/routes/${w.route.id}/manifest`, { userId: w.coordinator.id }), {
          routeId: w.route.id,
        }),
      ),
    );
    const sheet = (await manifest.json()) as { route: { stops: Array<{ outcome: { signature: string | null } }> } };
    expect(sheet.route.stops[0]!.outcome.signature).toBe(url);
  });

  it("refuses a blank, tiny or missing signature, or one without the signer's name: 400, nothing stored", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    const before = storedProofs();
    const fields = { intent: "delivered", stopId: stop.id, version: "0", proofKind: "SIGNATURE", signer: "Ann" };
    const refused: Array<[string, Record<string, string>, Upload | undefined, RegExp]> = [
      ["blank pad", fields, await signed(await blankPng()), /empty/],
      ["a dot", fields, await signed(await signaturePng(330, 160, "M100 80 L 101 80")), /empty/],
      ["tiny image", fields, await signed(await signaturePng(60, 30, "M2 2 L 58 28 M2 28 L 58 2")), /empty/],
      [
        "not a PNG",
        fields,
        { bytes: new TextEncoder().encode("x".repeat(400)), name: "s.png", type: "image/png" },
        /empty/,
      ],
      ["wrong type", fields, { ...(await signed()), type: "image/jpeg" }, /empty/],
      ["no signature", fields, undefined, /sign in the box/],
      ["no signer", { ...fields, signer: "  " }, await signed(), /who signed/],
    ];
    for (const [what, form, signature, message] of refused) {
      const res = await mark(w, form, { signature });
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
      expect({ what, error: await errorOf(res) }).toEqual({ what, error: expect.stringMatching(message) });
    }
    expect(await stopRow(stop.id)).toMatchObject({ status: "PENDING", version: 0, proofSignaturePath: null });
    expect(await prisma.deliveryMark.count({ where: { stopId: stop.id } })).toBe(0);
    expect((await orderRow(w.orders[0]!.id)).status).toBe("CONFIRMED");
    expect(storedProofs()).toEqual(before);
  });

  it("a signature sent with another proof kind is not stored", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    const before = storedProofs();
    const res = await mark(
      w,
      { intent: "delivered", stopId: stop.id, proofKind: "RECIPIENT", recipient: "Ann" },
      { signature: await signed() },
    );
    expect(res.status).toBe(302);
    expect(await stopRow(stop.id)).toMatchObject({ proofKind: "RECIPIENT", proofSignaturePath: null });
    expect(storedProofs()).toEqual(before);
  });
});

describe("the photo's capture time and the device's position", () => {
  it("keep a plausible capture time with the photo and the position with the mark", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    const takenAt = Date.now() - 10 * 60_000;
    const res = await mark(
      w,
      {
        intent: "delivered",
        stopId: stop.id,
        proofKind: "PHOTO",
        photoTakenAt: String(takenAt),
        latitude: "51.4545",
        longitude: "-2.5879",
        accuracy: "12.6",
      },
      { photo: await signed() },
    );
    expect(res.status).toBe(302);
    const row = await stopRow(stop.id);
    expect(row.proofPhotoTakenAt?.getTime()).toBe(takenAt);
    const markRow = await prisma.deliveryMark.findFirstOrThrow({ where: { stopId: stop.id } });
    expect(markRow).toMatchObject({ latitude: 51.4545, longitude: -2.5879, accuracyM: 13 });
    expect(markRow.photoTakenAt?.getTime()).toBe(takenAt);
    // The photo pipeline still strips metadata: the stored copy carries no EXIF.
    const stored = await sharp(path.join(process.env.DATA_DIR!, "proofs", row.proofPhotoPath!)).metadata();
    expect(stored.exif).toBeUndefined();
  });

  it("ignore a capture time in the future, older than 24 h or without a photo; a mark without a position is fine", async () => {
    const w = await proofWorld(4);
    const cases: Array<[number, string | undefined, boolean]> = [
      [0, String(Date.now() + 3_600_000), true],
      [1, String(Date.now() - 25 * 3_600_000), true],
      [2, String(Date.now() - 60_000), false],
      [3, undefined, true],
    ];
    for (const [i, photoTakenAt, withPhoto] of cases) {
      const fields: Record<string, string> = withPhoto
        ? { intent: "delivered", stopId: w.stops[i]!.id, proofKind: "PHOTO" }
        : { intent: "delivered", stopId: w.stops[i]!.id, proofKind: "RECIPIENT", recipient: "Ann" };
      if (photoTakenAt) fields.photoTakenAt = photoTakenAt;
      const res = await mark(w, fields, withPhoto ? { photo: await signed() } : {});
      expect({ i, status: res.status }).toEqual({ i, status: 302 });
      expect((await stopRow(w.stops[i]!.id)).proofPhotoTakenAt).toBeNull();
      const markRow = await prisma.deliveryMark.findFirstOrThrow({ where: { stopId: w.stops[i]!.id } });
      expect(markRow).toMatchObject({ photoTakenAt: null, latitude: null, longitude: null, accuracyM: null });
    }
  });

  it("refuse a bad position or capture time with 400 and write nothing (no row, no file)", async () => {
    const w = await proofWorld(1);
    const stop = w.stops[0]!;
    const before = storedProofs();
    const base = { intent: "delivered", stopId: stop.id, version: "0", proofKind: "PHOTO" };
    const bad: Array<[string, Record<string, string>]> = [
      ["latitude out of range", { latitude: "91", longitude: "0" }],
      ["longitude out of range", { latitude: "0", longitude: "-181" }],
      ["not a number", { latitude: "north", longitude: "0" }],
      ["latitude alone", { latitude: "51.4" }],
      ["negative accuracy", { latitude: "51.4", longitude: "-2.5", accuracy: "-1" }],
      ["capture time not a number", { photoTakenAt: "yesterday" }],
    ];
    for (const [what, extra] of bad) {
      const res = await mark(w, { ...base, ...extra }, { photo: await signed() });
      expect({ what, status: res.status }).toEqual({ what, status: 400 });
    }
    expect(await stopRow(stop.id)).toMatchObject({ status: "PENDING", version: 0, proofPhotoPath: null });
    expect(await prisma.deliveryMark.count({ where: { stopId: stop.id } })).toBe(0);
    expect(storedProofs()).toEqual(before);
  });
});

describe("the route's last known position", () => {
  it("the coordinator's progress shows where each route was last seen; the buyer's order page never does", async () => {
    const w = await proofWorld(3);
    const progress = async () => {
      const res = await catchResponse(
        planLoader(
          args(await makeRequest(`/hub/cycles/${w.cycle.id}/plan`, { userId: w.coordinator.id }), {
            cycleId: w.cycle.id,
          }),
        ),
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as {
        deliveryProgress: { routes: Array<{ id: string; lastSeen: Record<string, unknown> | null }> };
      };
      return body.deliveryProgress.routes.find((r) => r.id === w.route.id)!;
    };
    expect((await progress()).lastSeen).toBeNull();
    const at = { latitude: "51.45", longitude: "-2.59", accuracy: "8" };
    expect(
      (await mark(w, { intent: "delivered", stopId: w.stops[0]!.id, proofKind: "RECIPIENT", recipient: "A", ...at }))
        .status,
    ).toBe(302);
    expect(
      (
        await mark(w, {
          intent: "delivered",
          stopId: w.stops[1]!.id,
          proofKind: "RECIPIENT",
          recipient: "B",
          latitude: "51.46",
          longitude: "-2.60",
          accuracy: "20",
        })
      ).status,
    ).toBe(302);
    // A later mark without a position (refused or unavailable) leaves the last known one.
    expect((await mark(w, { intent: "failed", stopId: w.stops[2]!.id, failureCode: "NOBODY_HOME" })).status).toBe(302);
    const row = await progress();
    expect(row.lastSeen).toMatchObject({ latitude: 51.46, longitude: -2.6, accuracyM: 20, stopSequence: 2 });
    expect(typeof row.lastSeen!.at).toBe("string");

    // The buyer's order page (its live progress and outcome) carries no position at all.
    const order = w.orders[1]!;
    const page = await catchResponse(
      orderLoader(args(await makeRequest(`/orders/${order.id}`, { userId: w.buyer.id }), { orderId: order.id })),
    );
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).not.toMatch(/latitude|longitude|lastSeen|51\.46/);
    // A buyer cannot open the coordinator's plan page.
    const denied = await catchResponse(
      planLoader(
        args(await makeRequest(`/hub/cycles/${w.cycle.id}/plan`, { userId: w.buyer.id }), { cycleId: w.cycle.id }),
      ),
    );
    expect(denied.status).not.toBe(200);
  });
});
