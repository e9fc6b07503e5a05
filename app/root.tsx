import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { AppNav } from "~/components/app-nav";
import { ErrorPage } from "~/components/error-page";
import { useFollowServerLanguage } from "~/components/i18n";
import { LanguageSwitcher } from "~/components/language-switcher";
import { useNonce } from "~/components/nonce";
import { metaT } from "~/i18n/i18n";
import { languageFromCookie, requestLanguage } from "~/i18n/i18n.server";
import { countBasketLines } from "~/services/basket.server";
import { basketOwner } from "~/utils/guest-basket.server";
import appCss from "~/styles/app.css";
import { getPublicEnv } from "~/utils/env.server";
import { getUser, popToast } from "~/utils/session.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "common");
  return [{ title: t("meta.title") }, { name: "description", content: t("meta.description") }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, { toast, setCookie }] = await Promise.all([getUser(request), popToast(request)]);
  const basketCount = await countBasketLines(await basketOwner(request, user));
  return json(
    {
      user: user
        ? { id: user.id, name: user.name, role: user.role, buyerKind: user.buyerKind, distanceUnit: user.distanceUnit }
        : null,
      basketCount,
      toast,
      /** The page's language (docs/decisions/025-i18n.md). */
      locale: requestLanguage(request, user),
      /** What the language chooser shows: a saved or cookie choice, or "auto" (follow the browser). */
      languageChoice: (user ? user.locale : languageFromCookie(request.headers.get("Cookie"))) ?? "auto",
      ENV: getPublicEnv(),
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

/** The signed-in user as the layout knows it, from any route. */
export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

export function usePublicEnv() {
  return useRouteLoaderData<typeof loader>("root")?.ENV;
}

function Toast({ message }: { message: string | null }) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState<string | null>(message);
  useEffect(() => {
    setVisible(message);
    if (!message) return;
    const timer = setTimeout(() => setVisible(null), 6000);
    return () => clearTimeout(timer);
  }, [message]);
  if (!visible) return null;
  return (
    <div className="toast" role="status" aria-live="polite">
      <span>{visible}</span>
      <button type="button" onClick={() => setVisible(null)} aria-label={t("toast.dismiss")}>
        ×
      </button>
    </div>
  );
}

function NavigationProgress() {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return <div className={`nav-progress ${busy ? "nav-progress-active" : ""}`} aria-hidden="true" />;
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const nonce = useNonce();
  const { t, i18n } = useTranslation();
  useFollowServerLanguage(data?.locale);
  const wide = location.pathname === "/map";
  return (
    <html lang={i18n.language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#123524" />
        <Meta />
        <Links />
      </head>
      <body>
        <NavigationProgress />
        <AppNav user={data?.user ?? null} basketCount={data?.basketCount ?? null} />
        <main id="main" tabIndex={-1} className={wide ? "wide" : undefined}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="site-footer-inner">
            <span>{t("footer.tagline")}</span>
            <a href="/carbon">{t("footer.carbon")}</a>
            <LanguageSwitcher signedIn={Boolean(data?.user)} choice={data?.languageChoice ?? "auto"} />
          </div>
        </footer>
        <Toast message={data?.toast ?? null} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
