import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { Role } from "~generated/prisma/enums.ts";

export interface NavUser {
  name: string;
  role: Role;
  buyerKind: "HOUSEHOLD" | "RESTAURANT" | null;
}

const NAV: Record<Role | "GUEST", Array<{ to: string; label: string; end?: boolean }>> = {
  GUEST: [
    { to: "/map", label: "Producers map" },
    { to: "/search", label: "Find food" },
    { to: "/basket", label: "Basket" },
    { to: "/carbon", label: "How we count carbon" },
  ],
  BUYER: [
    { to: "/map", label: "Producers map" },
    { to: "/search", label: "Find food" },
    { to: "/basket", label: "Basket" },
    { to: "/orders", label: "My orders" },
    { to: "/standing-orders", label: "Standing orders" },
  ],
  FARMER: [
    { to: "/farm", label: "My farm", end: true },
    { to: "/farm/products", label: "Products" },
    { to: "/farm/orders", label: "Orders" },
    { to: "/farm/collections", label: "Collections" },
    { to: "/map", label: "Producers map" },
  ],
  COORDINATOR: [
    { to: "/hub", label: "Hub", end: true },
    { to: "/hub/cycles", label: "Cycles" },
    { to: "/hub/orders", label: "Orders" },
    { to: "/hub/vehicles", label: "Vehicles" },
    { to: "/hub/settings", label: "Settings" },
  ],
  ADMIN: [
    { to: "/", label: "Overview", end: true },
    { to: "/admin/users", label: "Users" },
    { to: "/admin/farms", label: "Farms" },
    { to: "/admin/hubs", label: "Hubs" },
    { to: "/admin/outbox", label: "Email outbox" },
  ],
};

export function roleLabel(user: NavUser): string {
  if (user.role === "BUYER") return user.buyerKind === "RESTAURANT" ? "restaurant" : "household";
  return user.role.toLowerCase();
}

/** "Basket" with the number of lines in it, read out as "Basket, 3 items". */
function BasketLabel({ count }: { count: number | null }) {
  if (!count) return <>Basket</>;
  return (
    <>
      Basket<span className="visually-hidden">, </span>
      <span className="basket-count">
        {count}
        <span className="visually-hidden"> {count === 1 ? "item" : "items"}</span>
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
  const links = NAV[user?.role ?? "GUEST"];
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  useEffect(() => setOpen(false), [pathname]);
  const buys = !user || user.role === "BUYER";
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <NavLink to="/" className="brand" aria-label="Foodshed home">
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
          Menu
        </a>
        <div id="site-menu" className={`site-menu${open ? " is-open" : ""}`}>
          <nav className="main-nav" aria-label="Main">
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
                <span className="role-badge">{roleLabel(user)}</span>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    Log out
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to="/login">Log in</NavLink>
                <NavLink to="/signup">Sign up</NavLink>
              </>
            )}
          </div>
        </div>
      </div>
    </header>
  );
}
