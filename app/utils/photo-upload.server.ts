// Reading a photo from a multipart request: the HTTP side of uploads. What happens to the bytes
// (type check, re-encoding, storage) is the upload service's.
import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { formatBytes } from "~/services/upload.server";
import { getEnv } from "./env.server";
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
