// The footer's language chooser posts here (a plain form: works without JavaScript). The choice is
// remembered in the `foodshed_lng` cookie and, for a signed-in user, saved on the account; then
// back to the page it came from (a path on this site only).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LanguageChoiceSchema, localeFromChoice } from "~/i18n/choice";
import { languageCookieHeader, serverT } from "~/i18n/i18n.server";
import { updateUserLocale } from "~/models/user.server";
import { getUser, safeRedirect } from "~/utils/session.server";

const LanguageFormSchema = z.object({
  language: LanguageChoiceSchema,
  redirectTo: z.string().optional(),
});

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  const submission = parseWithZod(await request.formData(), { schema: LanguageFormSchema });
  if (submission.status !== "success") {
    const errors = submission.error ?? {};
    const message = errors.language?.[0] ?? Object.values(errors).flat()[0] ?? serverT("validation")("language.choose");
    return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const locale = localeFromChoice(submission.value.language);
  if (user) await updateUserLocale({ id: user.id, locale });
  return redirect(safeRedirect(submission.value.redirectTo, "/"), {
    headers: { "Set-Cookie": languageCookieHeader(locale) },
  });
}
