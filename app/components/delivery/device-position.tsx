// The device's position at a mark (docs/decisions/033, addendum), when the driver allows it: hidden
// fields of the mark form, filled when the form is first touched (a tap or focus anywhere in it),
// so the mark itself never waits for it. Refused, unavailable or slower than 3 s: the fields stay
// empty and the mark goes without a position. One reading serves every form for 30 s.
import { useEffect, useRef } from "react";

interface Reading {
  latitude: number;
  longitude: number;
  accuracy: number;
}

const FRESH_MS = 30_000;
let last: { at: number; reading: Reading } | null = null;
let pending: Promise<Reading | null> | null = null;

function readPosition(): Promise<Reading | null> {
  if (last && Date.now() - last.at < FRESH_MS) return Promise.resolve(last.reading);
  if (pending) return pending;
  if (typeof navigator === "undefined" || !navigator.geolocation) return Promise.resolve(null);
  pending = new Promise<Reading | null>((resolve) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ latitude: coords.latitude, longitude: coords.longitude, accuracy: coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 3000, maximumAge: FRESH_MS },
    );
  }).then((reading) => {
    // Only a reading is reused: after a refusal or a timeout the next touch asks again.
    last = reading ? { at: Date.now(), reading } : null;
    pending = null;
    return reading;
  });
  return pending;
}

export function DevicePosition() {
  const latitude = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const form = latitude.current?.form;
    if (!form) return;
    const fill = () => {
      void readPosition().then((reading) => {
        const inputs = form.elements;
        const set = (name: string, value: string) => {
          const input = inputs.namedItem(name);
          if (input instanceof HTMLInputElement) input.value = value;
        };
        set("latitude", reading ? reading.latitude.toFixed(6) : "");
        set("longitude", reading ? reading.longitude.toFixed(6) : "");
        set("accuracy", reading ? String(Math.round(reading.accuracy)) : "");
      });
    };
    form.addEventListener("pointerdown", fill);
    form.addEventListener("focusin", fill);
    return () => {
      form.removeEventListener("pointerdown", fill);
      form.removeEventListener("focusin", fill);
    };
  }, []);
  return (
    <>
      <input ref={latitude} type="hidden" name="latitude" defaultValue="" />
      <input type="hidden" name="longitude" defaultValue="" />
      <input type="hidden" name="accuracy" defaultValue="" />
    </>
  );
}
