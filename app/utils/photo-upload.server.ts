// Reading a photo from a multipart request: the HTTP side of uploads. What happens to the bytes
// (type check, re-encoding, storage) is the upload service's.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { formatBytes } from "~/services/upload.server";
import { getEnv } from "./env.server";

/** A signature drawn on the driver's screen: a small PNG (a 390 px pad makes 10–60 KB). */
export const SIGNATURE_MAX_BYTES = 512 * 1024;
import { serverT } from "~/i18n/i18n.server";

/**
 * Reads the "photo" field of a multipart request into memory, refusing a file over
 * UPLOAD_MAX_BYTES while it streams (nothing is stored, the rest of the body is not buffered).
 */
export async function readPhotoUpload(
  request: Request,
): Promise<{ ok: true; file: File | null } | { ok: false; message: string }> {
  const max = getEnv().UPLOAD_MAX_BYTES;
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: max, filter: ({ name }) => name === "photo" });
  try {
    const form = await unstable_parseMultipartFormData(request, memory);
    const file = form.get("photo");
    return { ok: true, file: file instanceof File ? file : null };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return { ok: false, message: serverT("messages")("upload.tooLarge", { limit: formatBytes(max) }) };
    return { ok: false, message: serverT("messages")("upload.unreadableUpload") };
  }
}

/**
 * A form that may carry a photo (the driver's delivery mark): every text field, the "photo"
 * file capped at UPLOAD_MAX_BYTES while it streams, and the "signature" drawn on screen (a PNG,
 * capped at SIGNATURE_MAX_BYTES); other files are dropped, text fields over 16 KB refused. A urlencoded form (no photo) is read as usual.
 */
export async function readFormWithPhoto(
  request: Request,
): Promise<{ ok: true; form: FormData } | { ok: false; message: string }> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) {
    try {
      return { ok: true, form: await request.formData() };
    } catch {
      return { ok: false, message: serverT("messages")("upload.unreadableUpload") };
    }
  }
  const max = getEnv().UPLOAD_MAX_BYTES;
  const photo = unstable_createMemoryUploadHandler({ maxPartSize: max, filter: ({ name }) => name === "photo" });
  const text = unstable_createMemoryUploadHandler({ maxPartSize: 16 * 1024 });
  const signature = unstable_createMemoryUploadHandler({ maxPartSize: SIGNATURE_MAX_BYTES });
  try {
    const form = await unstable_parseMultipartFormData(request, (part) =>
      part.name === "photo"
        ? photo(part)
        : part.name === "signature" && part.filename !== undefined
          ? signature(part)
          : part.filename === undefined
            ? text(part)
            : Promise.resolve(undefined),
    );
    return { ok: true, form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return {
        ok: false,
        message:
          error.field === "photo" || error.field === "signature"
            ? serverT("messages")("upload.tooLarge", {
                limit: formatBytes(error.field === "photo" ? max : SIGNATURE_MAX_BYTES),
              })
            : serverT("messages")("upload.unreadableUpload"),
      };
    return { ok: false, message: serverT("messages")("upload.unreadableUpload") };
  }
}
