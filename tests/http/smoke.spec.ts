// The request-level suite's own smoke test: the harness logs in and keeps the session.
import { expect, test } from "@playwright/test";
import { anonymous, loggedInAs } from "./support/client";

test("an anonymous request for a buyer page is sent to log in", async () => {
  const client = await anonymous();
  const response = await client.get("/orders");
  expect(response.status()).toBe(302);
  expect(response.headers()["location"]).toMatch(/^\/login/);
});

test("a logged-in household reads its order history", async () => {
  const client = await loggedInAs("household@foodshed.test");
  const response = await client.get("/orders");
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain("My orders");
});

test("a refused point on the map is explained next to its field, with the box open", async () => {
  const client = await anonymous();
  const response = await client.get("/map?at=somewhere");
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toMatch(/<details[^>]*\bopen=""/);
  expect(html).toContain("Type the point as latitude, longitude");
  expect(html).toMatch(/id="map-at-error"[^>]*role="alert"|role="alert"[^>]*id="map-at-error"/);
});
