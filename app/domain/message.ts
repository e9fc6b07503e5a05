// A message for a person, as data: a catalogue key ("messages:basket.enterQuantity") and its
// values. Domain code is pure and knows no language, so it answers with a Message; the service or
// route that shows it translates it (`translateMessage`, app/i18n/messages.ts), in the language of
// the request or of the recipient (docs/decisions/025-i18n.md).
import type { Unit } from "./catalogue";
import type { DistanceUnit } from "./geo/format";

/** A quantity in thousandths of its unit, written the reader's way ("3 bunches", "3 bottes"). */
export interface QuantityValue {
  quantityMilli: number;
  unit: Unit;
}

/** An amount of money in minor units, written the reader's way ("£12.50", "12,50 £GB"). */
export interface MoneyValue {
  minor: number;
  currency: string;
}

/** A distance in integer metres, written in `unit` the reader's way ("3.2 km", "3,2 km"). */
export interface DistanceValue {
  metres: number;
  unit: DistanceUnit;
}

/** A weight in integer grams, written the reader's way ("1.5 kg", "1,5 kg"). */
export interface WeightValue {
  grams: number;
}

/** Grams CO2e, written the reader's way ("11.5 kg", "11,5 kg"); the word "CO2e" stays in the sentence. */
export interface Co2eValue {
  co2eGrams: number;
}

export type MessageValue =
  string | number | QuantityValue | MoneyValue | DistanceValue | WeightValue | Co2eValue | Message;

export interface Message {
  /** The catalogue key with its namespace, e.g. "messages:basket.enterQuantity". */
  key: string;
  values?: Record<string, MessageValue>;
}

export function message(key: string, values?: Record<string, MessageValue>): Message {
  return values ? { key, values } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && typeof (value as { key?: unknown }).key === "string";
}

/**
 * How a Message becomes text in the current request's or page's language. Installed by app/i18n
 * when translations are (app/i18n/messages.ts); until then, the key itself. Domain code calls it
 * only where its result must be a string at once: zod messages (`lazyMessage`) and the `error`
 * text of a parse result shown as it is.
 */
export type MessageRenderer = (message: Message) => string;

let renderer: MessageRenderer = (m) => m.key;

export function setMessageRenderer(next: MessageRenderer): void {
  renderer = next;
}

/** `m` as text in the current language (see MessageRenderer). */
export function renderMessage(m: Message): string {
  return renderer(m);
}

/** A zod message translated when it is shown: `z.string({ error: lazyMessage("messages:…") })`. */
export function lazyMessage(key: string, values?: Record<string, MessageValue>): () => string {
  return () => renderer(message(key, values));
}
