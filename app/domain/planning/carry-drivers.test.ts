import { describe, expect, it } from "vitest";
import { carryDriversByVehicle } from "./carry-drivers";

const active = new Set(["dana", "eli"]);

describe("carryDriversByVehicle", () => {
  it("gives each new route its vehicle's driver on the same leg", () => {
    const previous = [
      { vehicleId: "van", kind: "DELIVERY", position: 1, driverId: "dana" },
      { vehicleId: "van", kind: "COLLECTION", position: 0, driverId: "eli" },
      { vehicleId: "bike", kind: "DELIVERY", position: 2, driverId: null },
    ];
    const next = [
      { vehicleId: "van", kind: "COLLECTION" },
      { vehicleId: "bike", kind: "DELIVERY" },
      { vehicleId: "van", kind: "DELIVERY" },
      { vehicleId: "truck", kind: "DELIVERY" },
    ];
    expect(carryDriversByVehicle(previous, next, active)).toEqual(["eli", null, "dana", null]);
  });

  it("uses the vehicle's only driver for a leg it did not drive, and guesses nothing between two", () => {
    const next = [{ vehicleId: "van", kind: "COLLECTION" }];
    expect(
      carryDriversByVehicle([{ vehicleId: "van", kind: "DELIVERY", position: 0, driverId: "dana" }], next, active),
    ).toEqual(["dana"]);
    const two = [
      { vehicleId: "van", kind: "DELIVERY", position: 0, driverId: "dana" },
      { vehicleId: "van", kind: "DELIVERY", position: 1, driverId: "eli" },
    ];
    expect(carryDriversByVehicle(two, next, active)).toEqual([null]);
    // The first route of the leg (by position) wins when one vehicle had two drivers on it.
    expect(carryDriversByVehicle(two, [{ vehicleId: "van", kind: "DELIVERY" }], active)).toEqual(["dana"]);
  });

  it("keeps no driver who is no longer active in the hub", () => {
    const previous = [
      { vehicleId: "van", kind: "DELIVERY", position: 0, driverId: "gone" },
      { vehicleId: "van", kind: "DELIVERY", position: 1, driverId: "eli" },
    ];
    expect(carryDriversByVehicle(previous, [{ vehicleId: "van", kind: "DELIVERY" }], active)).toEqual(["eli"]);
    expect(carryDriversByVehicle(previous.slice(0, 1), [{ vehicleId: "van", kind: "DELIVERY" }], active)).toEqual([
      null,
    ]);
    expect(carryDriversByVehicle([], [{ vehicleId: "van", kind: "DELIVERY" }], active)).toEqual([null]);
    // A leg whose driver left is not handed to the driver of the vehicle's other leg.
    const perLeg = [
      { vehicleId: "van", kind: "COLLECTION", position: 0, driverId: "gone" },
      { vehicleId: "van", kind: "DELIVERY", position: 1, driverId: "dana" },
    ];
    expect(
      carryDriversByVehicle(
        perLeg,
        [
          { vehicleId: "van", kind: "COLLECTION" },
          { vehicleId: "van", kind: "DELIVERY" },
        ],
        active,
      ),
    ).toEqual([null, "dana"]);
    expect(
      carryDriversByVehicle(
        [{ vehicleId: "van", kind: "DELIVERY", position: 0, driverId: "gone" }],
        [{ vehicleId: "van", kind: "COLLECTION" }],
        active,
      ),
    ).toEqual([null]);
  });
});
