import { describe, expect, it } from "vitest";
import { checkFailure, checkProof, driverMayCorrect, lineOutcomes } from "./delivery-proof";

const key = (result: { ok: boolean; error?: { key: string } }) => (result.ok ? "ok" : result.error!.key);

describe("a delivery's proof", () => {
  it.each([
    [{ kind: null, recipient: "Ann", safePlace: null, hasPhoto: true }, "messages:delivery.proof.required"],
    [{ kind: "PHOTO", recipient: null, safePlace: null, hasPhoto: false }, "messages:delivery.proof.photoMissing"],
    [
      { kind: "RECIPIENT", recipient: "  ", safePlace: null, hasPhoto: false },
      "messages:delivery.proof.recipientMissing",
    ],
    [
      { kind: "SAFE_PLACE", recipient: null, safePlace: "", hasPhoto: true },
      "messages:delivery.proof.safePlaceMissing",
    ],
    [{ kind: "PHOTO", recipient: "Ann", safePlace: null, hasPhoto: true }, "ok"],
  ] as const)("%o → %s", (proof, expected) => {
    expect(key(checkProof(proof))).toBe(expected);
  });

  it("keeps only the chosen kind's text, trimmed", () => {
    expect(checkProof({ kind: "RECIPIENT", recipient: " Ann ", safePlace: "porch", hasPhoto: false })).toEqual({
      ok: true,
      proof: { proofKind: "RECIPIENT", proofRecipient: "Ann", proofSafePlace: null },
    });
  });
});

describe("what each line of a stop delivered", () => {
  const lines = [
    { id: "carrots", quantityMilli: 3000 },
    { id: "milk", quantityMilli: 2000 },
  ];

  it("all when delivered, nothing when failed, unknown again after an undo", () => {
    const delivered = (status: "DONE" | "FAILED" | "PENDING") =>
      (lineOutcomes(status, lines) as { lines: Array<{ deliveredQuantityMilli: number | null }> }).lines.map(
        (l) => l.deliveredQuantityMilli,
      );
    expect(delivered("DONE")).toEqual([3000, 2000]);
    expect(delivered("FAILED")).toEqual([0, 0]);
    expect(delivered("PENDING")).toEqual([null, null]);
  });

  it("less what was short when partly delivered (null: the whole line)", () => {
    expect(
      lineOutcomes("PARTIAL", lines, [
        { lineId: "carrots", shortMilli: 500, reason: "DAMAGED", note: " split " },
        { lineId: "milk", shortMilli: null, reason: "MISSING", note: null },
      ]),
    ).toEqual({
      ok: true,
      lines: [
        { id: "carrots", deliveredQuantityMilli: 2500, shortReason: "DAMAGED", shortNote: "split" },
        { id: "milk", deliveredQuantityMilli: 0, shortReason: "MISSING", shortNote: null },
      ],
    });
  });

  it.each([
    ["nothing short", [], "messages:delivery.partial.noneShort"],
    ["another stop's line", [{ lineId: "eggs", shortMilli: 1, reason: "MISSING", note: null }], "unknownLine"],
    [
      "a line twice",
      [
        { lineId: "milk", shortMilli: 1, reason: "MISSING", note: null },
        { lineId: "milk", shortMilli: 1, reason: "MISSING", note: null },
      ],
      "unknownLine",
    ],
    ["more than the line", [{ lineId: "milk", shortMilli: 2001, reason: "MISSING", note: null }], "quantity"],
    ["zero", [{ lineId: "milk", shortMilli: 0, reason: "MISSING", note: null }], "quantity"],
    ["other without a note", [{ lineId: "milk", shortMilli: 1, reason: "OTHER", note: " " }], "noteNeeded"],
    [
      "everything short",
      [
        { lineId: "carrots", shortMilli: null, reason: "MISSING", note: null },
        { lineId: "milk", shortMilli: 2000, reason: "MISSING", note: null },
      ],
      "nothingDelivered",
    ],
  ] as const)("refuses %s", (_what, shortages, expected) => {
    expect(key(lineOutcomes("PARTIAL", lines, shortages))).toMatch(expected);
  });
});

describe("a failed stop", () => {
  it("needs a code from the list, and a note for OTHER", () => {
    expect(key(checkFailure(null, "gate"))).toBe("messages:delivery.failure.reasonRequired");
    expect(key(checkFailure("OTHER", "no"))).toBe("messages:delivery.failure.noteNeeded");
    expect(checkFailure("OTHER", " gate code wrong ")).toEqual({
      ok: true,
      failureCode: "OTHER",
      failureReason: "gate code wrong",
    });
    expect(checkFailure("NOBODY_HOME", "")).toEqual({ ok: true, failureCode: "NOBODY_HOME", failureReason: null });
  });
});

describe("a driver's corrections", () => {
  // Delivery on Friday 11 December in London (stored as that day's midnight, UTC).
  const deliveryDate = new Date("2026-12-11T00:00:00Z");
  it.each([
    ["the day before", "2026-12-10T20:00:00Z", true],
    ["late on the day", "2026-12-11T23:30:00Z", true],
    ["the next morning", "2026-12-12T08:00:00Z", false],
  ])("%s: %s", (_when, now, may) => {
    expect(driverMayCorrect({ now: new Date(now), deliveryDate, timeZone: "Europe/London" })).toBe(may);
  });
});
