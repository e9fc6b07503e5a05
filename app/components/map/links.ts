// Stylesheets every page with a map needs: spread `...mapLinks()` into a route's `links`.
// (CSS only; Leaflet's JavaScript stays in components/map/*.client.tsx.)
import type { LinksFunction } from "@remix-run/node";
// eslint-disable-next-line no-restricted-imports -- a stylesheet URL, not Leaflet's code
import leafletCss from "leaflet/dist/leaflet.css";
// eslint-disable-next-line no-restricted-imports -- a stylesheet URL, not Leaflet's code
import clusterCss from "leaflet.markercluster/dist/MarkerCluster.css";
// eslint-disable-next-line no-restricted-imports -- a stylesheet URL, not Leaflet's code
import clusterDefaultCss from "leaflet.markercluster/dist/MarkerCluster.Default.css";
import mapCss from "./map.css";

export const mapLinks: LinksFunction = () => [
  { rel: "stylesheet", href: leafletCss },
  { rel: "stylesheet", href: clusterCss },
  { rel: "stylesheet", href: clusterDefaultCss },
  { rel: "stylesheet", href: mapCss },
];
