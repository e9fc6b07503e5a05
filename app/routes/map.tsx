// The producers map: filters on top, the farms in view as a list beside the map (the list is the
// keyboard and screen-reader way through the same data), and a card for the selected farm.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { useFormat } from "~/components/i18n";
import { AddressSearch } from "~/components/map/address-search";
import { LazyDiscoveryMap } from "~/components/map/lazy-map";
import { mapLinks } from "~/components/map/links";
import { maskToCategories, PRODUCT_CATEGORIES } from "~/domain/catalogue";
import { RADIUS_CHOICES_KM } from "~/domain/search";
import { discoverySearchParams, readDiscoveryQuery } from "~/domain/search-query";
import { useOptionalUser, usePublicEnv } from "~/root";
import { decodeMapPayload, type MapFarm, type MapFarms } from "~/domain/map-payload";
import type { DiscoveryQuery } from "~/domain/search-query";
import type { LatLng } from "~/domain/geo";
import { getMapFarmsJson, resolveCentre } from "~/services/discovery.server";
import { boundingBox } from "~/domain/geo";
import { metaT } from "~/i18n/i18n";
import { serverT } from "~/i18n/i18n.server";
import discoveryCss from "~/styles/discovery.css";
import { getUser } from "~/utils/session.server";

export const links: LinksFunction = () => [...mapLinks(), { rel: "stylesheet", href: discoveryCss }];
export const meta: MetaFunction = ({ matches }) => [{ title: metaT(matches, "discover")("map.metaTitle") }];

/** Where the map is centred: the point in the address, the saved address, the hub, or Bristol. */
type CentreSource = "url" | "saved" | "hub" | "default";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // "at" is the typed point: "51.45, -2.59".
  const at = url.searchParams.get("at")?.match(/^\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$/);
  let atError: string | null = null;
  if (at) {
    url.searchParams.set("lat", at[1]!);
    url.searchParams.set("lng", at[2]!);
  } else if (url.searchParams.get("at")?.trim()) {
    atError = serverT("discover")("map.atError");
  }
  const query = readDiscoveryQuery(url.searchParams);
  const user = await getUser(request);
  const { centre, source } = await resolveCentre({ url, user });
  const circle = boundingBox(centre, query.radiusKm * 1000);
  const mapJson = await getMapFarmsJson({
    view: { minLat: circle.minLat, maxLat: circle.maxLat, minLng: circle.minLng, maxLng: circle.maxLng },
    filter: { centre, radiusKm: query.radiusKm, category: query.category, q: query.q, inStock: query.inStock },
  });
  const page: Omit<MapPageData, "map"> = { query, centre, source, atError, hasSaved: user?.lat != null };
  // The map payload's text goes into the page data as it is (domain/map-payload): never parsed and
  // serialised again on the server.
  return new Response(`${JSON.stringify(page).slice(0, -1)},"map":${mapJson}}`, {
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}

interface MapPageData {
  query: DiscoveryQuery;
  centre: LatLng;
  source: CentreSource;
  atError: string | null;
  hasSaved: boolean;
  /** The map payload, decoded on the page with decodeMapPayload. */
  map: unknown;
}

/** The payload as the page uses it; a payload it cannot read shows as an empty map with the reason. */
function readMap(payload: unknown): MapFarms & { error: boolean } {
  try {
    return { ...decodeMapPayload(payload), error: false };
  } catch {
    return { farms: [], truncated: false, error: true };
  }
}

function FarmCard({ farm, unit }: { farm: MapFarm; unit: "KM" | "MI" }) {
  const { slug, name, categoryMask: mask, distanceMetres: distance, matches } = farm;
  const { t } = useTranslation("discover");
  const format = useFormat();
  return (
    <section className="farm-card" aria-labelledby="farm-card-title" tabIndex={-1} id="farm-card">
      <h2 id="farm-card-title">{name}</h2>
      {distance !== null ? (
        <p className="small muted">{t("distanceAway", { distance: format.distance(distance, unit) })}</p>
      ) : null}
      <ul className="chips" aria-label={t("map.card.sells")}>
        {maskToCategories(mask).map((category) => (
          <li key={category} className="badge">
            {t(`categories.${category}`)}
          </li>
        ))}
      </ul>
      <p className="small">{t("map.card.matches", { count: matches })}</p>
      <Link to={`/farms/${slug}`} className="btn btn-primary btn-small">
        {t("map.card.see", { name })}
      </Link>
    </section>
  );
}

export default function MapPage() {
  const { query, centre, source, map, atError, hasSaved } = useLoaderData() as MapPageData;
  const { t } = useTranslation("discover");
  const format = useFormat();
  const initial = useMemo(() => readMap(map), [map]);
  const user = useOptionalUser();
  const geocoderEnabled = usePublicEnv()?.GEOCODER_ENABLED ?? false;
  const unit = user?.distanceUnit ?? "KM";
  const navigate = useNavigate();
  const [data, setData] = useState<MapFarms & { error: boolean }>(initial);
  const [selected, setSelected] = useState<string | null>(null);
  const [locating, setLocating] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => setData(initial), [initial]);

  const filterParams = useMemo(
    () => discoverySearchParams({ ...query, lat: centre.lat, lng: centre.lng }),
    [query, centre.lat, centre.lng],
  );
  const onViewChange = useCallback(
    (bbox: string) => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      const params = new URLSearchParams(filterParams);
      params.set("bbox", bbox);
      fetch(`/api/farms?${params}`, { signal: controller.signal })
        .then((response) => (response.ok ? response.json().then(readMap) : null))
        .then((next) => {
          if (next) setData(next);
        })
        .catch(() => undefined);
    },
    [filterParams],
  );
  const points = useMemo(
    () => data.farms.map(({ slug, name, lat, lng }) => ({ id: slug, title: name, lat, lng })),
    [data],
  );
  const selectedFarm =
    data.farms.find((farm) => farm.slug === selected) ?? initial.farms.find((farm) => farm.slug === selected) ?? null;

  const useMyLocation = () => {
    if (!("geolocation" in navigator)) {
      setLocating(t("map.locate.unsupported"));
      return;
    }
    setLocating(t("map.locate.finding"));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(null);
        const params = discoverySearchParams({
          ...query,
          lat: position.coords.latitude,
          lng: position.coords.longitude,
        });
        navigate(`/map?${params}`);
      },
      () => setLocating(t("map.locate.refused")),
      { timeout: 10_000 },
    );
  };

  return (
    <div className="discovery">
      <div className="discovery-filters">
        <h1 className="visually-hidden">{t("map.title")}</h1>
        <Form method="get" role="search" aria-label={t("map.filter.label")}>
          <input type="hidden" name="lat" value={centre.lat.toFixed(5)} />
          <input type="hidden" name="lng" value={centre.lng.toFixed(5)} />
          <div className="field field-q">
            <label htmlFor="map-q">{t("filter.q")}</label>
            <input
              id="map-q"
              name="q"
              type="search"
              defaultValue={query.q ?? ""}
              placeholder={t("map.filter.qPlaceholder")}
              className="input"
            />
          </div>
          <div className="field">
            <label htmlFor="map-cat">{t("filter.category")}</label>
            <select id="map-cat" name="cat" defaultValue={query.category ?? ""} className="input">
              <option value="">{t("filter.allCategories")}</option>
              {PRODUCT_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`categories.${category}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="map-r">{t("filter.within")}</label>
            <select id="map-r" name="r" defaultValue={String(query.radiusKm)} className="input">
              {RADIUS_CHOICES_KM.map((km) => (
                <option key={km} value={km}>
                  {unit === "MI"
                    ? t("filter.radiusKmMi", { km: format.number(km), mi: format.number(Math.round(km / 1.609)) })
                    : t("filter.radiusKm", { km: format.number(km) })}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-checkbox">
            <input id="map-stock" name="stock" type="checkbox" value="1" defaultChecked={query.inStock} />
            <label htmlFor="map-stock">{t("filter.inStock")}</label>
          </div>
          <button type="submit" className="btn btn-primary">
            {t("map.filter.submit")}
          </button>
        </Form>
        {/* Open when the typed point was refused, so the reason is seen next to the field. */}
        <details style={{ marginTop: "0.5rem" }} open={atError ? true : undefined}>
          <summary className="small">
            {t(`map.centredOn.${source}`, { latitude: centre.lat.toFixed(3), longitude: centre.lng.toFixed(3) })}
          </summary>
          {geocoderEnabled && user ? (
            <div style={{ marginTop: "0.5rem" }}>
              <AddressSearch
                label={t("map.centre.address")}
                buttonLabel={t("map.centre.find")}
                onPick={(place) =>
                  navigate(`/map?${discoverySearchParams({ ...query, lat: place.lat, lng: place.lng })}`)
                }
              />
            </div>
          ) : geocoderEnabled ? (
            <p className="small" style={{ marginTop: "0.5rem" }}>
              <Trans t={t} i18nKey="map.centre.logIn" components={{ login: <Link to="/login?redirectTo=/map" /> }} />
            </p>
          ) : null}
          <div className="centre-form" style={{ marginTop: "0.5rem" }}>
            <Form method="get" className="centre-form">
              {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
              {query.category ? <input type="hidden" name="cat" value={query.category} /> : null}
              <input type="hidden" name="r" value={query.radiusKm} />
              {query.inStock ? <input type="hidden" name="stock" value="1" /> : null}
              <div className="field">
                <label htmlFor="map-at">{t("map.centre.latLng")}</label>
                <input
                  id="map-at"
                  name="at"
                  className="input"
                  placeholder="51.45, -2.59"
                  aria-invalid={atError ? true : undefined}
                  aria-describedby={atError ? "map-at-error" : undefined}
                  autoFocus={atError ? true : undefined}
                />
              </div>
              <button type="submit" className="btn btn-secondary">
                {t("map.centre.here")}
              </button>
            </Form>
            <button type="button" className="btn btn-secondary" onClick={useMyLocation}>
              {t("map.centre.myLocation")}
            </button>
            {hasSaved && source !== "saved" ? (
              <Link
                className="btn btn-ghost"
                to={`/map?${discoverySearchParams({ ...query, lat: undefined, lng: undefined })}`}
              >
                {t("map.centre.saved")}
              </Link>
            ) : null}
          </div>
          {atError ? (
            <p id="map-at-error" className="field-errors" role="alert">
              {atError}
            </p>
          ) : null}
          {locating ? (
            <p role="status" className="small">
              {locating}
            </p>
          ) : null}
        </details>
      </div>
      <div className="discovery-list">
        {selectedFarm ? <FarmCard farm={selectedFarm} unit={unit} /> : null}
        <p className="list-summary" role="status" aria-live="polite">
          {data.error
            ? t("map.staleData")
            : data.farms.length === 0
              ? t("map.list.none")
              : data.truncated
                ? t("map.list.inViewTruncated", { count: data.farms.length, limit: format.number(5000) })
                : t("map.list.inView", { count: data.farms.length })}
        </p>
        {data.farms.length === 0 ? (
          <p className="small">{t("map.list.noneHint")}</p>
        ) : (
          <ul className="farm-list" aria-label={t("map.list.label")}>
            {data.farms.slice(0, 300).map((farm) => {
              const { slug, name, categoryMask: mask, distanceMetres: distance } = farm;
              return (
                <li key={slug} className="farm-list-item" aria-current={slug === selected ? "true" : undefined}>
                  <button
                    type="button"
                    onClick={() => {
                      setSelected(slug);
                      requestAnimationFrame(() => document.getElementById("farm-card")?.focus());
                    }}
                  >
                    <span className="farm-list-name">{name}</span>
                    <span className="farm-list-meta">
                      {distance !== null ? `${format.distance(distance, unit)} · ` : ""}
                      {maskToCategories(mask)
                        .map((category) => t(`categories.${category}`))
                        .join(", ") || t("map.list.noProducts")}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {data.farms.length > 300 ? (
          <p className="small muted">{t("map.list.zoomIn", { count: data.farms.length - 300 })}</p>
        ) : null}
        <noscript>
          <ul>
            {initial.farms.map(({ slug, name }) => (
              <li key={slug}>
                <a href={`/farms/${slug}`}>{name}</a>
              </li>
            ))}
          </ul>
        </noscript>
      </div>
      <div className="discovery-map">
        <LazyDiscoveryMap
          height="100%"
          placeholder={t("map.loading")}
          centre={centre}
          radiusKm={query.radiusKm}
          points={points}
          selectedId={selected}
          onSelect={setSelected}
          onViewChange={onViewChange}
        />
      </div>
    </div>
  );
}
