// Photo uploads: type checked by magic bytes (never the file name or the browser's claim), size
// capped by UPLOAD_MAX_BYTES, then decoded and re-encoded with sharp (libvips): turned upright
// from the camera's orientation, scaled to fit PHOTO_SIZES, saved as WebP without metadata (a
// phone photo's GPS position and camera details never leave the upload). Stored under
// ${DATA_DIR}/uploads with a random name, served back by /uploads/$name. Proof-of-delivery photos
// go through the same pipeline into ${DATA_DIR}/proofs, served only to who may see them
// (/delivery-proofs/$name, docs/decisions/032).
import { randomBytes } from "node:crypto";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { getEnv } from "~/utils/env.server";
import { serverFormat, serverT } from "~/i18n/i18n.server";

/** Longest side in pixels of each stored copy: the photo itself and a small one for lists and cards. */
export const PHOTO_SIZES = { full: 1600, small: 480 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;
/** Images with more pixels are refused before they are decoded (a small file can hold a huge image). */
export const MAX_INPUT_PIXELS = 50_000_000;

export const IMAGE_TYPES = {
  jpg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
} as const;
export type ImageExtension = keyof typeof IMAGE_TYPES;

/** The image type from the first bytes of the file, or null when it is not a JPEG, PNG or WebP. */
export function detectImageType(bytes: Uint8Array): ImageExtension | null {
  const starts = (signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (bytes.length >= 3 && starts([0xff, 0xd8, 0xff])) return "jpg";
  if (bytes.length >= 8 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (bytes.length >= 12 && starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

/** Stored names: 32 hex digits, "-small" for the small copy; .jpg and .png from before photos were re-encoded. */
export const UPLOAD_NAME_PATTERN = /^[a-f0-9]{32}(-small)?\.(jpg|png|webp)$/;

/** Where photos live: "uploads" (public farm and product photos) or "proofs" (delivery proofs, private). */
export type PhotoFolder = "uploads" | "proofs";

export function uploadsDir(folder: PhotoFolder = "uploads"): string {
  return path.resolve(getEnv().DATA_DIR, folder);
}

export type SaveImageResult = { ok: true; name: string } | { ok: false; message: string };

const unreadable = () => serverT("messages")("upload.unreadable");

/** The stored name of a photo's small copy (photos stored before re-encoding have none). */
const smallName = (name: string) => (name.endsWith(".webp") ? name.replace(/\.webp$/, "-small.webp") : null);

async function encode(bytes: Uint8Array, size: number): Promise<Buffer> {
  return sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
    .rotate()
    .resize({ width: size, height: size, fit: "inside", withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
}

/** Validates, re-encodes and stores an uploaded image; returns its file name (the value kept in photoPath). */
export async function saveImage(
  file: File | null | undefined,
  { folder = "uploads" }: { folder?: PhotoFolder } = {},
): Promise<SaveImageResult> {
  const max = getEnv().UPLOAD_MAX_BYTES;
  if (!file || typeof file === "string" || file.size === 0)
    return { ok: false, message: serverT("messages")("upload.choose") };
  if (file.size > max)
    return { ok: false, message: serverT("messages")("upload.tooLarge", { limit: formatBytes(max) }) };
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!detectImageType(bytes)) return { ok: false, message: serverT("messages")("upload.notImage") };
  let full: Buffer;
  let small: Buffer;
  try {
    const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (width * height > MAX_INPUT_PIXELS) {
      return {
        ok: false,
        message: serverT("messages")("upload.tooManyPixels", {
          width,
          height,
          megapixels: MAX_INPUT_PIXELS / 1_000_000,
        }),
      };
    }
    [full, small] = await Promise.all([encode(bytes, PHOTO_SIZES.full), encode(bytes, PHOTO_SIZES.small)]);
  } catch {
    return { ok: false, message: unreadable() };
  }
  const name = `${randomBytes(16).toString("hex")}.webp`;
  await mkdir(uploadsDir(folder), { recursive: true });
  await writeFile(path.join(uploadsDir(folder), smallName(name)!), small, { flag: "wx" });
  await writeFile(path.join(uploadsDir(folder), name), full, { flag: "wx" });
  return { ok: true, name };
}

export async function deleteImage(
  name: string | null | undefined,
  { folder = "uploads" }: { folder?: PhotoFolder } = {},
): Promise<void> {
  if (!name || !UPLOAD_NAME_PATTERN.test(name)) return;
  for (const stored of [name, smallName(name)]) {
    if (stored) await unlink(path.join(uploadsDir(folder), stored)).catch(() => undefined);
  }
}

/** The stored bytes and content type, or null for an unknown or malformed name. */
export async function readImage(
  name: string,
  { folder = "uploads" }: { folder?: PhotoFolder } = {},
): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!UPLOAD_NAME_PATTERN.test(name)) return null;
  const extension = name.slice(name.lastIndexOf(".") + 1) as ImageExtension;
  try {
    const bytes = await readFile(path.join(uploadsDir(folder), name));
    return { bytes, contentType: IMAGE_TYPES[extension] };
  } catch {
    return null;
  }
}

export function formatBytes(bytes: number): string {
  const format = serverFormat();
  if (bytes >= 1024 * 1024)
    return serverT("messages")("upload.megabytes", {
      value: format.number(bytes / 1024 / 1024, { maximumFractionDigits: 1 }),
    });
  return serverT("messages")("upload.kilobytes", {
    value: format.number(Math.round(bytes / 1024), { useGrouping: false }),
  });
}

/** URL of a stored photo for <img src>: the photo itself, or its small copy for lists and cards. */
export function photoUrl(name: string | null, size: PhotoSize = "full"): string | null {
  if (!name) return null;
  return `/uploads/${(size === "small" && smallName(name)) || name}`;
}

/** The least ink a drawn signature must have (dark pixels once laid on white): less is a blank or a dot. */
export const SIGNATURE_MIN_INK_PIXELS = 150;

/**
 * A signature drawn on the driver's screen (a PNG from the canvas): refused when it is not a PNG,
 * tiny (under 100 × 40 px) or blank — fewer than SIGNATURE_MIN_INK_PIXELS dark pixels once laid
 * on white. The stored copy then goes through saveImage like a photo.
 */
export async function checkSignatureImage(file: File): Promise<boolean> {
  if (file.size === 0 || file.size > getEnv().UPLOAD_MAX_BYTES) return false;
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (detectImageType(bytes) !== "png") return false;
  try {
    const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
    if (width < 100 || height < 40) return false;
    const pixels = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .flatten({ background: "#ffffff" })
      .greyscale()
      .raw()
      .toBuffer();
    let ink = 0;
    for (const value of pixels) if (value < 160 && ++ink >= SIGNATURE_MIN_INK_PIXELS) return true;
    return false;
  } catch {
    return false;
  }
}
