import { Form, NavLink, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "~generated/prisma/enums.ts";

export interface NavUser {
  name: string;
  role: Role;
  buyerKind: "HOUSEHOLD" | "RESTAURANT" | null;
}

type MenuLink = { to: string; label: string; end?: boolean };

/** The main menu of each role, in the page's language. */
function navLinks(role: Role | "GUEST", t: TFunction): MenuLink[] {
  switch (role) {
    case "GUEST":
      return [
        { to: "/map", label: t("nav.producersMap") },
        { to: "/search", label: t("nav.findFood") },
        { to: "/basket", label: t("nav.basket") },
        { to: "/carbon", label: t("nav.howWeCountCarbon") },
      ];
    case "BUYER":
      return [
        { to: "/map", label: t("nav.producersMap") },
        { to: "/search", label: t("nav.findFood") },
        { to: "/basket", label: t("nav.basket") },
        { to: "/orders", label: t("nav.myOrders") },
        { to: "/standing-orders", label: t("nav.standingOrders") },
      ];
    case "FARMER":
      return [
        { to: "/farm", label: t("nav.myFarm"), end: true },
        { to: "/farm/products", label: t("nav.products") },
        { to: "/farm/orders", label: t("nav.orders") },
        { to: "/farm/collections", label: t("nav.collections") },
        { to: "/map", label: t("nav.producersMap") },
      ];
    case "COORDINATOR":
      return [
        { to: "/hub", label: t("nav.hub"), end: true },
        { to: "/hub/cycles", label: t("nav.cycles") },
        { to: "/hub/orders", label: t("nav.orders") },
        { to: "/hub/vehicles", label: t("nav.vehicles") },
        { to: "/hub/drivers", label: t("nav.drivers") },
        { to: "/hub/settings", label: t("nav.settings") },
      ];
    case "DRIVER":
      return [{ to: "/driver", label: t("nav.myRoutes"), end: true }];
    case "ADMIN":
      return [
        { to: "/", label: t("nav.overview"), end: true },
        { to: "/admin/users", label: t("nav.users") },
        { to: "/admin/farms", label: t("nav.farms") },
        { to: "/admin/hubs", label: t("nav.hubs") },
        { to: "/admin/outbox", label: t("nav.emailOutbox") },
      ];
  }
}

/** The role as the header's badge names it: household, restaurant, farmer, coordinator, admin. */
export function roleLabel(user: NavUser, t: TFunction): string {
  switch (user.role) {
    case "BUYER":
      return user.buyerKind === "RESTAURANT" ? t("roles.restaurant") : t("roles.household");
    case "FARMER":
      return t("roles.farmer");
    case "COORDINATOR":
      return t("roles.coordinator");
    case "ADMIN":
      return t("roles.admin");
    case "DRIVER":
      return t("roles.driver");
  }
}

/** "Basket" with the number of lines in it, read out as "Basket, 3 items". */
function BasketLabel({ count }: { count: number | null }) {
  const { t } = useTranslation();
  if (!count) return <>{t("nav.basket")}</>;
  // The badge shows the number; a screen reader hears the whole phrase, in the page's language.
  return (
    <>
      {t("nav.basket")}
      <span className="visually-hidden">, {t("nav.basketItems", { count })}</span>
      <span className="basket-count" aria-hidden="true">
        {count}
      </span>
    </>
  );
}

/**
 * The site header. From 720 px down the menu folds behind a "Menu" button (a link to the menu
 * before the page is interactive, so it works without JavaScript too) and the basket stays one
 * tap away next to it.
 */
export function AppNav({ user, basketCount = null }: { user: NavUser | null; basketCount?: number | null }) {
  const { t } = useTranslation();
  const links = navLinks(user?.role ?? "GUEST", t);
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  const buys = !user || user.role === "BUYER";
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <a href="#main" className="skip-link">
          {t("nav.skipToContent")}
        </a>
        <NavLink to="/" className="brand" aria-label={t("nav.home")}>
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
            <circle cx="16" cy="16" r="15" fill="#3f9b66" />
            <path d="M16 25c-5-3-8-7-8-12 4 0 7 2 8 6 1-4 4-6 8-6 0 5-3 9-8 12z" fill="#fff" />
          </svg>
          Foodshed
        </NavLink>
        {buys ? (
          <NavLink to="/basket" className="header-basket">
            <BasketLabel count={basketCount} />
          </NavLink>
        ) : null}
        <a
          href="#site-menu"
          className="menu-toggle"
          aria-controls="site-menu"
          aria-expanded={open}
          onClick={(event) => {
            event.preventDefault();
            setOpen((was) => !was);
          }}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path
              d={open ? "M4 4l12 12M16 4L4 16" : "M3 5h14M3 10h14M3 15h14"}
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </svg>
          {t("nav.menu")}
        </a>
        <div id="site-menu" className={`site-menu${open ? " is-open" : ""}`}>
          <nav className="main-nav" aria-label={t("nav.main")}>
            <ul>
              {links.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end={link.end}>
                    {link.to === "/basket" ? <BasketLabel count={basketCount} /> : link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="user-menu">
            {user ? (
              <>
                <NavLink to="/account">{user.name}</NavLink>
                <span className="role-badge">{roleLabel(user, t)}</span>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    {t("nav.logOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/login">{t("nav.logIn")}</NavLink>
                <NavLink to="/signup">{t("nav.signUp")}</NavLink>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}
