import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { z } from "zod";
import { lazyT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import { logOutEverywhere } from "~/services/auth.server";
import { logout, requireUser } from "~/utils/session.server";

const LogoutSchema = z.object({
  /** "this": this browser only; "everywhere": every device signed in to the account. */
  scope: z.enum(["this", "everywhere"], { error: lazyT("auth:logout.scopeRequired") }).default("this"),
});

export async function action({ request }: ActionFunctionArgs) {
  // A bare POST (no form body) logs this browser out too.
  const formData = await request.formData().catch(() => new FormData());
  const submission = parseWithZod(formData, { schema: LogoutSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  if (submission.value.scope === "everywhere") {
    const user = await requireUser(request);
    await logOutEverywhere({ userId: user.id });
    return logout(request, { flash: serverT("auth")("logout.everywhere") });
  }
  return logout(request);
}

export async function loader() {
  return redirect("/");
}
