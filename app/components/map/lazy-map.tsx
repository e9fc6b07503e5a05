// Leaflet needs `window`, so maps render on the client only. `createLazyMap` turns a
// `*.client.tsx` module (default export = the map component) into a component that renders a
// placeholder of the same size during SSR and until the chunk has loaded, then the map.
// The classic compiler splits each `import()` into its own chunk, so Leaflet is only downloaded
// by pages that show a map.
//
//   const LazyRouteMap = createLazyMap(() => import("~/components/map/route-map.client"));
//   <LazyRouteMap height="420px" placeholder="Loading the route map…" {...props} />
//
// Routes that show a map also add `mapLinks()` (Leaflet's CSS) to their `links` export.
import { Component, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** True after the first client render (false during SSR and hydration). */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

export interface LazyMapFrameProps {
  /** CSS height of the map box, e.g. "420px" or "100%" (the placeholder keeps the same size). */
  height?: string;
  /** Text shown while the map loads. */
  placeholder?: ReactNode;
  className?: string;
}

class MapErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) {
      return <MapFailed />;
    }
    return this.props.children;
  }
}

function MapFailed() {
  const { t } = useTranslation("discover");
  return (
    <div className="map-placeholder" role="status">
      {t("lazyMap.failed")}
    </div>
  );
}

export function MapPlaceholder({ children }: { children?: ReactNode }) {
  const { t } = useTranslation("discover");
  return (
    <div className="map-placeholder" aria-hidden="true">
      {children ?? t("lazyMap.loading")}
    </div>
  );
}

export function createLazyMap<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  // React.lazy's prop type wraps P in ref attributes; the component itself takes plain P.
  const LazyComponent = lazy(load) as unknown as ComponentType<P>;
  function LazyMap({ height = "420px", placeholder, className, ...props }: P & LazyMapFrameProps) {
    const hydrated = useHydrated();
    return (
      <div className={`map-frame ${className ?? ""}`} style={{ height }}>
        {hydrated ? (
          <MapErrorBoundary>
            <Suspense fallback={<MapPlaceholder>{placeholder}</MapPlaceholder>}>
              <LazyComponent {...(props as unknown as P)} />
            </Suspense>
          </MapErrorBoundary>
        ) : (
          <MapPlaceholder>{placeholder}</MapPlaceholder>
        )}
      </div>
    );
  }
  return LazyMap;
}

export const LazyBaseMap = createLazyMap(() => import("./base-map.client"));
export const LazyPinPicker = createLazyMap(() => import("./pin-picker.client"));
export const LazyDiscoveryMap = createLazyMap(() => import("./discovery-map.client"));
export const LazyFarmPinMap = createLazyMap(() => import("./farm-pin-map.client"));
