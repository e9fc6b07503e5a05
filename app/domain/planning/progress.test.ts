import { describe, expect, it } from "vitest";
import { currentT } from "~/i18n/i18n";
import { translateMessage } from "~/i18n/messages";
import { orderStatusFromParts, replanRefusal, routeRunStatus, type OrderPart } from "./progress";

const part = (
  status: OrderPart["status"],
  cargo: OrderPart["cargo"] = null,
  failureReason: string | null = null,
): OrderPart => ({ status, cargo, failureReason });

describe("an order's status from its delivery parts", () => {
  it.each([
    ["one part delivered", [part("DONE")], "DELIVERED", null],
    ["one part failed", [part("FAILED", null, "nobody home")], "FAILED", "nobody home"],
    ["one part to go", [part("PENDING")], "OUT_FOR_DELIVERY", null],
    ["both parts delivered", [part("DONE", "CHILLED"), part("DONE", "AMBIENT")], "DELIVERED", null],
    ["one delivered, one to go", [part("DONE", "CHILLED"), part("PENDING", "AMBIENT")], "OUT_FOR_DELIVERY", null],
    [
      "chilled failed while ambient is still on the van",
      [part("FAILED", "CHILLED", "nobody home"), part("PENDING", "AMBIENT")],
      "OUT_FOR_DELIVERY",
      "Chilled goods not delivered (nobody home); ambient goods still on the way.",
    ],
    [
      "chilled failed, ambient delivered: partly delivered",
      [part("FAILED", "CHILLED", "nobody home"), part("DONE", "AMBIENT")],
      "PARTLY_DELIVERED",
      "Chilled goods not delivered (nobody home); ambient goods delivered.",
    ],
    ["one part partly delivered", [part("PARTIAL")], "PARTLY_DELIVERED", "The order partly delivered."],
    [
      "chilled partly delivered, ambient to go",
      [part("PARTIAL", "CHILLED"), part("PENDING", "AMBIENT")],
      "OUT_FOR_DELIVERY",
      "Chilled goods partly delivered; ambient goods still on the way.",
    ],
    [
      "chilled partly delivered, ambient failed",
      [part("PARTIAL", "CHILLED"), part("FAILED", "AMBIENT", "refused")],
      "PARTLY_DELIVERED",
      "Ambient goods not delivered (refused); chilled goods partly delivered.",
    ],
    [
      "both failed",
      [part("FAILED", "CHILLED", "gate locked"), part("FAILED", "AMBIENT", "gate locked")],
      "FAILED",
      "Chilled goods not delivered (gate locked); ambient goods not delivered (gate locked).",
    ],
  ] as const)("%s", (_name, parts, status, reason) => {
    expect(orderStatusFromParts(parts)).toEqual({ status, failureReason: reason });
  });

  it("is refused in French for a French coordinator", () => {
    const refusal = replanRefusal([{ name: "Livraison 1", done: 0, failed: 0, started: true }]);
    expect(translateMessage(refusal!, currentT("messages", "fr"))).toBe(
      "Livraison 1 a démarré\u00a0: planifier à nouveau ferait perdre cette progression. Déplacez plutôt les arrêts à la main.",
    );
  });
});

describe("re-planning a started plan", () => {
  it("is allowed while no route has started", () => {
    expect(replanRefusal([{ name: "Delivery 1", done: 0, failed: 0, started: false }])).toBeNull();
    expect(replanRefusal([])).toBeNull();
  });

  it("is refused, in words, once a route has started or a stop is marked", () => {
    const refusal = replanRefusal([
      { name: "Delivery 2", done: 2, failed: 1, started: true },
      { name: "Delivery 1", done: 0, failed: 0, started: false },
    ]);
    expect(refusal).toMatchObject({ key: "messages:planning.replanStartedMarked", values: { count: 1 } });
    expect(translateMessage(refusal!)).toBe(
      "Delivery 2 has started (3 stops marked): planning again would lose that progress. Move stops by hand instead.",
    );
    expect(
      translateMessage(
        replanRefusal([
          { name: "Delivery 1", done: 0, failed: 0, started: true },
          { name: "Collection 1", done: 1, failed: 0, started: false },
        ])!,
      ),
    ).toBe(
      "Delivery 1, Collection 1 have started (1 stop marked): planning again would lose that progress. Move stops by hand instead.",
    );
  });

  it("is refused in French for a French coordinator", () => {
    const refusal = replanRefusal([{ name: "Livraison 1", done: 0, failed: 0, started: true }]);
    expect(translateMessage(refusal!, currentT("messages", "fr"))).toBe(
      "Livraison 1 a démarré\u00a0: planifier à nouveau ferait perdre cette progression. Déplacez plutôt les arrêts à la main.",
    );
  });
});

describe("routeRunStatus", () => {
  it("is not started until a stop is marked, finished when every stop is", () => {
    expect(routeRunStatus([])).toBe("NOT_STARTED");
    expect(routeRunStatus([{ status: "PENDING" }, { status: "PENDING" }])).toBe("NOT_STARTED");
    expect(routeRunStatus([{ status: "DONE" }, { status: "PENDING" }])).toBe("IN_PROGRESS");
    expect(routeRunStatus([{ status: "FAILED" }, { status: "DONE" }])).toBe("FINISHED");
  });
});
