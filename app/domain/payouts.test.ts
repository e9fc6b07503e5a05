import { describe, expect, it } from "vitest";
import { connectCountry, payoutStatusOf, type ConnectAccountState } from "./payouts";

const account = (over: Partial<ConnectAccountState> = {}): ConnectAccountState => ({
  payoutsEnabled: false,
  detailsSubmitted: false,
  disabledReason: "requirements.past_due",
  due: ["external_account", "individual.dob.day"],
  transfers: "inactive",
  ...over,
});

describe("payoutStatusOf", () => {
  it("a new account, onboarding not finished: pending", () => {
    expect(payoutStatusOf(account())).toBe("PENDING");
  });
  it("payouts on, transfers active, nothing held back: enabled", () => {
    expect(
      payoutStatusOf(
        account({ payoutsEnabled: true, detailsSubmitted: true, disabledReason: null, due: [], transfers: "active" }),
      ),
    ).toBe("ENABLED");
    // Without the capability in the object (older API versions), payouts decide.
    expect(
      payoutStatusOf(
        account({ payoutsEnabled: true, detailsSubmitted: true, disabledReason: null, due: [], transfers: null }),
      ),
    ).toBe("ENABLED");
  });
  it("submitted but details still due: restricted", () => {
    expect(payoutStatusOf(account({ detailsSubmitted: true }))).toBe("RESTRICTED");
    expect(payoutStatusOf(account({ detailsSubmitted: true, disabledReason: null, due: ["external_account"] }))).toBe(
      "RESTRICTED",
    );
  });
  it("submitted and being verified: pending", () => {
    expect(
      payoutStatusOf(account({ detailsSubmitted: true, disabledReason: "requirements.pending_verification", due: [] })),
    ).toBe("PENDING");
  });
  it("rejected: restricted", () => {
    expect(payoutStatusOf(account({ detailsSubmitted: true, disabledReason: "rejected.fraud", due: [] }))).toBe(
      "RESTRICTED",
    );
  });
  it("payouts on but a reason to hold it back: not enabled", () => {
    expect(
      payoutStatusOf(
        account({ payoutsEnabled: true, detailsSubmitted: true, disabledReason: "requirements.past_due" }),
      ),
    ).toBe("RESTRICTED");
  });
});

describe("connectCountry", () => {
  it("follows the hub's time zone, then its currency, then GB", () => {
    expect(connectCountry({ timeZone: "Europe/London", currency: "GBP" })).toBe("GB");
    expect(connectCountry({ timeZone: "Europe/Paris", currency: "EUR" })).toBe("FR");
    expect(connectCountry({ timeZone: "UTC", currency: "CHF" })).toBe("CH");
    expect(connectCountry({ timeZone: null, currency: null })).toBe("GB");
  });
});
