/**
 * Phone numbers for text messages, normalised to E.164 ("+447700900123"): the form SMS providers
 * take. A national number ("07700 900123") gets the hub's country code (the United Kingdom's, 44,
 * by default); "00…" is the international prefix written out. Pure: no library, no I/O.
 */

export type PhoneProblem = "invalid" | "notMobile";

export type PhoneResult = { ok: true; e164: string } | { ok: false; problem: PhoneProblem };

/** Country calling code for a hub's time zone: the default country of a national number. */
const CALLING_CODE_BY_TIME_ZONE: Record<string, string> = {
  "Europe/London": "44",
  "Europe/Belfast": "44",
  "Europe/Paris": "33",
  "Europe/Dublin": "353",
  "Europe/Brussels": "32",
  "Europe/Zurich": "41",
};

export const DEFAULT_CALLING_CODE = "44";

export function callingCodeForTimeZone(timeZone: string | null | undefined): string {
  return (timeZone && CALLING_CODE_BY_TIME_ZONE[timeZone]) || DEFAULT_CALLING_CODE;
}

/**
 * Numbers that can never take a text message where we know the plan: in the UK mobiles are
 * +44 7…, in France +33 6… and +33 7…. Elsewhere any valid E.164 number is accepted.
 */
function mobileProblem(e164: string): PhoneProblem | null {
  if (e164.startsWith("+44")) {
    const national = e164.slice(3);
    if (national.length !== 10) return "invalid";
    return /^7[1-9]/.test(national) ? null : "notMobile";
  }
  if (e164.startsWith("+33")) {
    const national = e164.slice(3);
    if (national.length !== 9) return "invalid";
    return /^[67]/.test(national) ? null : "notMobile";
  }
  return null;
}

/**
 * "07700 900123" → "+447700900123"; "+44 (0)7700-900123" → the same; "0033 6 12 34 56 78" →
 * "+33612345678". Spaces, dots, dashes and brackets are ignored; anything else is refused.
 */
export function normaliseMobileNumber(input: string, callingCode: string = DEFAULT_CALLING_CODE): PhoneResult {
  const trimmed = input.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return { ok: false, problem: "invalid" };
  // "(0)" after a country code is a national trunk prefix written for people: drop it.
  const compact = trimmed.replace(/\(0\)/g, "").replace(/[\s().-]/g, "");
  let digits: string;
  if (compact.startsWith("+")) digits = compact.slice(1);
  else if (compact.startsWith("00")) digits = compact.slice(2);
  else if (compact.startsWith("0")) digits = `${callingCode}${compact.slice(1)}`;
  else return { ok: false, problem: "invalid" };
  // E.164: a country code that does not start with 0, at most 15 digits in all.
  if (!/^[1-9]\d{7,14}$/.test(digits)) return { ok: false, problem: "invalid" };
  const e164 = `+${digits}`;
  const problem = mobileProblem(e164);
  return problem ? { ok: false, problem } : { ok: true, e164 };
}

/** Already E.164 (as stored). */
export function isE164(value: string): boolean {
  return /^\+[1-9]\d{7,14}$/.test(value);
}
