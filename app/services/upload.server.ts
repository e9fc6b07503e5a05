// Photo uploads: type checked by magic bytes (never the file name or the browser's claim), size
// capped by UPLOAD_MAX_BYTES, stored under ${DATA_DIR}/uploads with a random name, served back by
// /uploads/$name. No image library is installed, so the original is served (sized by CSS) with a
// long cache lifetime; the size cap keeps that sensible.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";

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

export const UPLOAD_NAME_PATTERN = /^[a-f0-9]{32}\.(jpg|png|webp)$/;

export function uploadsDir(): string {
  return path.resolve(getEnv().DATA_DIR, "uploads");
}

export type SaveImageResult = { ok: true; name: string } | { ok: false; message: string };

/** Validates and stores an uploaded image; returns its file name (the value kept in photoPath). */
export async function saveImage(file: File | null | undefined): Promise<SaveImageResult> {
  const max = getEnv().UPLOAD_MAX_BYTES;
  if (!file || typeof file === "string" || file.size === 0) return { ok: false, message: "Choose a photo to upload." };
  if (file.size > max) return { ok: false, message: `The photo is too large: the limit is ${formatBytes(max)}.` };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectImageType(bytes);
  if (!type) return { ok: false, message: "That file is not a JPEG, PNG or WebP image." };
  const name = `${randomBytes(16).toString("hex")}.${type}`;
  await mkdir(uploadsDir(), { recursive: true });
  await writeFile(path.join(uploadsDir(), name), bytes, { flag: "wx" });
  return { ok: true, name };
}

export async function deleteImage(name: string | null | undefined): Promise<void> {
  if (!name || !UPLOAD_NAME_PATTERN.test(name)) return;
  await unlink(path.join(uploadsDir(), name)).catch(() => undefined);
}

/** The stored bytes and content type, or null for an unknown or malformed name. */
export async function readImage(name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  if (!UPLOAD_NAME_PATTERN.test(name)) return null;
  const extension = name.slice(name.lastIndexOf(".") + 1) as ImageExtension;
  try {
    const bytes = await readFile(path.join(uploadsDir(), name));
    return { bytes, contentType: IMAGE_TYPES[extension] };
  } catch {
    return null;
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toLocaleString("en-GB", { maximumFractionDigits: 1 })} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}

/** URL of a stored photo for <img src>. */
export function photoUrl(name: string | null): string | null {
  return name ? `/uploads/${name}` : null;
}

/**
 * Reads the "photo" field of a multipart request into memory, refusing a file over
 * UPLOAD_MAX_BYTES while it streams (nothing is stored, the rest of the body is not buffered).
 */
export async function readPhotoUpload(request: Request): Promise<{ ok: true; file: File | null } | { ok: false; message: string }> {
  const max = getEnv().UPLOAD_MAX_BYTES;
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: max, filter: ({ name }) => name === "photo" });
  try {
    const form = await unstable_parseMultipartFormData(request, memory);
    const file = form.get("photo");
    return { ok: true, file: file instanceof File ? file : null };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, message: `The photo is too large: the limit is ${formatBytes(max)}.` };
    return { ok: false, message: "The upload could not be read; try again." };
  }
}
