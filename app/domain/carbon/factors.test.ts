import { describe, expect, it } from "vitest";
import { CarbonInputError } from "./errors";
import { DESNZ_2025, parseFactorOverrides, resolveVehicleFactor } from "./factors";

describe("DESNZ 2025 factors", () => {
  it.each([
    ["van-diesel-average", 0.25561, 0.06128, 0.31689],
    ["van-diesel-class-iii", 0.27878, 0.06706, 0.34584],
    ["van-diesel-class-ii", 0.1926, 0.04602, 0.23862],
    ["van-diesel-class-i", 0.15738, 0.03746, 0.19484],
    ["van-petrol-average", 0.21335, 0.06183, 0.27518],
    ["van-bev-average", 0.06976, 0.01759, 0.08735],
    ["car-petrol-average", 0.16272, 0.04599, 0.20871],
    ["car-diesel-average", 0.17304, 0.04146, 0.2145],
    ["car-hybrid-average", 0.12825, 0.03315, 0.1614],
  ])("%s: direct %f + upstream %f = well-to-wheel %f, with source", (key, direct, upstream, wtw) => {
    const f = DESNZ_2025.vehicleFactors.find((x) => x.key === key);
    expect(f).toMatchObject({ directKgPerKm: direct, upstreamKgPerKm: upstream, wellToWheelKgPerKm: wtw, year: 2025 });
    expect(direct + upstream).toBeCloseTo(wtw, 10);
    expect(f?.source).toContain("DESNZ");
    expect(f?.licence).toBe("Open Government Licence v3.0");
  });

  it("has the HGV per tonne-km baseline factors", () => {
    expect(DESNZ_2025.hgvAmbient.kgPerTonneKm).toBe(0.10163);
    expect(DESNZ_2025.hgvRefrigerated.kgPerTonneKm).toBe(0.11894);
  });

  it("applies the refrigerated uplift of 1.19 and states it as an assumption", () => {
    const f = resolveVehicleFactor(DESNZ_2025, { energyType: "van-diesel-class-iii", refrigerated: true });
    expect(f.multiplier).toBe(1.19);
    expect(f.kgPerKm).toBeCloseTo(0.34584 * 1.19, 12);
    expect(f.label).toContain("refrigerated");
    expect(DESNZ_2025.refrigeratedVanUpliftBasis).toMatch(/assumption/i);
  });

  it("names an unknown energy type", () => {
    expect(() => resolveVehicleFactor(DESNZ_2025, { energyType: "hydrogen-van", refrigerated: false })).toThrow(
      /Unknown vehicle energy type "hydrogen-van".*van-diesel-class-iii/,
    );
    expect(() => resolveVehicleFactor(DESNZ_2025, { energyType: "hydrogen-van", refrigerated: false })).toThrow(
      CarbonInputError,
    );
  });
});

describe("parseFactorOverrides", () => {
  it("builds a newer-year set with its own id, keeping untouched factors", () => {
    const set = parseFactorOverrides({
      id: "desnz-2026",
      source: "DESNZ conversion factors 2026",
      year: 2026,
      vehicleFactors: { "van-diesel-class-iii": { direct: 0.27, upstream: 0.065 } },
      hgvKgPerTonneKm: { ambient: 0.1 },
    });
    expect(set.id).toBe("desnz-2026");
    const f = resolveVehicleFactor(set, { energyType: "van-diesel-class-iii", refrigerated: false });
    expect(f.kgPerKm).toBeCloseTo(0.335, 12);
    expect(f.factorSetId).toBe("desnz-2026");
    expect(set.vehicleFactors.find((x) => x.key === "van-diesel-class-iii")?.year).toBe(2026);
    expect(set.vehicleFactors.find((x) => x.key === "van-diesel-average")?.year).toBe(2025);
    expect(set.hgvAmbient.kgPerTonneKm).toBe(0.1);
    expect(set.hgvRefrigerated.kgPerTonneKm).toBe(0.11894);
    expect(DESNZ_2025.vehicleFactors.find((x) => x.key === "van-diesel-class-iii")?.wellToWheelKgPerKm).toBe(0.34584);
  });

  it("re-bases electric factors to another grid", () => {
    const base = DESNZ_2025.electricityKgCo2ePerKwh;
    const set = parseFactorOverrides({
      id: "fr-grid",
      source: "Another grid",
      year: 2025,
      electricityKgCo2ePerKwh: base / 4,
    });
    const bev = resolveVehicleFactor(set, { energyType: "van-bev-average", refrigerated: false });
    expect(bev.kgPerKm).toBeCloseTo(0.08735 / 4, 12);
    const diesel = resolveVehicleFactor(set, { energyType: "van-diesel-average", refrigerated: false });
    expect(diesel.kgPerKm).toBe(0.31689);
  });

  it("adds a new vehicle when class, energy and label are given", () => {
    const set = parseFactorOverrides({
      id: "with-cargo-bike",
      source: "Own measurement",
      year: 2026,
      vehicleFactors: {
        "van-hybrid-average": {
          label: "Van, hybrid",
          vehicleClass: "VAN_AVERAGE",
          energy: "HYBRID",
          direct: 0.2,
          upstream: 0.05,
        },
      },
    });
    expect(resolveVehicleFactor(set, { energyType: "van-hybrid-average", refrigerated: false }).kgPerKm).toBeCloseTo(
      0.25,
      12,
    );
  });

  it.each([
    [
      { id: "x", source: "s", year: 2026, vehicleFactors: { "van-diesel-average": { direct: -0.2, upstream: 0.06 } } },
      /vehicleFactors\.van-diesel-average\.direct must be a positive number, got -0\.2/,
    ],
    [
      { id: "x", source: "s", year: 2026, vehicleFactors: { "van-diesel-average": { direct: 0, upstream: 0.06 } } },
      /direct must be a positive number, got 0/,
    ],
    [
      { id: "x", source: "s", year: 2026, vehicleFactors: { "van-diesel-average": { direct: "0.2", upstream: 0.06 } } },
      /direct must be a number, got "0\.2"/,
    ],
    [
      { id: "x", source: "s", year: 2026, hgvKgPerTonneKm: { refrigerated: -1 } },
      /hgvKgPerTonneKm\.refrigerated must be a positive number, got -1/,
    ],
    [
      { id: "x", source: "s", year: 2026, electricityKgCo2ePerKwh: 0 },
      /electricityKgCo2ePerKwh must be a positive number, got 0/,
    ],
    [
      { id: "x", source: "s", year: 2026, refrigeratedVanUplift: 0.9 },
      /refrigeratedVanUplift must be at least 1, got 0\.9/,
    ],
    [
      {
        id: "x",
        source: "s",
        year: 2026,
        vehicleFactors: {
          "van-x": { energy: "HYDROGEN", vehicleClass: "VAN_AVERAGE", label: "x", direct: 1, upstream: 1 },
        },
      },
      /energy must be one of .*got "HYDROGEN"/,
    ],
    [
      { id: "x", source: "s", year: 2026, vehicleFactors: { "van-x": { direct: 1, upstream: 1 } } },
      /van-x is a new key and needs label, vehicleClass and energy/,
    ],
    [{ id: "desnz-2025", source: "s", year: 2026 }, /id must differ from the base set "desnz-2025"/],
    [{ source: "s", year: 2026 }, /id must be a string, got nothing/],
    [{ id: "x", source: "s", year: 2026, surprise: 1 }, /override has unknown key "surprise"/],
  ])("rejects %j", (input, message) => {
    expect(() => parseFactorOverrides(input)).toThrow(message);
  });
});
