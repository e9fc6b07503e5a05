// The guest basket's cookie: the HTTP side of a guest's basket. A guest keeps
// [{ productId, quantityMilli }] in a signed cookie; the basket service works on the lines and
// hands back the lines to write.
import { createCookie } from "@remix-run/node";
import { z } from "zod";
import type { GuestBasketLine } from "~/domain/basket";
import type { SessionUser } from "~/models/user.server";
import { GUEST_MAX_LINES, mergeGuestLines, type BasketOwner } from "~/services/basket.server";
import { getEnv } from "./env.server";

let cookie: ReturnType<typeof createCookie> | undefined;
function guestCookie() {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie("__foodshed_basket", {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: env.NODE_ENV === "production" && !env.APP_URL?.startsWith("http://"),
      secrets: [env.SESSION_SECRET],
      maxAge: 60 * 60 * 24 * 30,
    });
  }
  return cookie;
}

const GuestLinesSchema = z
  .array(z.object({ productId: z.string().min(1).max(64), quantityMilli: z.number().int().positive() }))
  .max(GUEST_MAX_LINES);

/** The guest basket from the signed cookie; a tampered or malformed cookie reads as empty. */
export async function readGuestBasket(request: Request): Promise<GuestBasketLine[]> {
  const value: unknown = await guestCookie().parse(request.headers.get("Cookie"));
  const parsed = GuestLinesSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

export function writeGuestBasket(lines: GuestBasketLine[]): Promise<string> {
  return guestCookie().serialize(lines);
}

export function clearGuestBasketCookie(): Promise<string> {
  return guestCookie().serialize([], { maxAge: 0, expires: new Date(0) });
}

/** Whose basket a request is about: the signed-in user's, or the guest's from their cookie. */
export async function basketOwner(request: Request, user: SessionUser | null): Promise<BasketOwner> {
  return { user, guestLines: user ? [] : await readGuestBasket(request) };
}

/** At log-in and sign-up: the guest basket joins the account's, and the guest cookie is cleared on `response`. */
export async function mergeGuestBasket(request: Request, userId: string, response: Response): Promise<Response> {
  const guest = await readGuestBasket(request);
  if (guest.length === 0) return response;
  await mergeGuestLines({ userId, guest });
  response.headers.append("Set-Cookie", await clearGuestBasketCookie());
  return response;
}
