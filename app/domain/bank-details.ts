// Bank details a hub prints on its invoices (docs/decisions/035). Pure.

/** An IBAN as stored and printed in groups: upper case, spaces and dashes removed. */
export function normaliseIban(text: string): string {
  return text.replace(/[\s-]+/g, "").toUpperCase();
}

/**
 * True when `text` is a well-formed IBAN whose ISO 13616 mod-97 checksum holds: two letters, two
 * check digits, 11 to 30 letters and digits (15 to 34 in all); the first four characters moved to
 * the end, letters as 10–35, the number modulo 97 is 1. The country's own length is not checked
 * (the checksum catches typing mistakes, which is what the form is for).
 */
export function isValidIban(text: string): boolean {
  const iban = normaliseIban(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** An IBAN in groups of four, as printed: "GB82 WEST 1234 5698 7654 32". */
export function formatIban(iban: string): string {
  return normaliseIban(iban).replace(/(.{4})(?=.)/g, "$1 ");
}
