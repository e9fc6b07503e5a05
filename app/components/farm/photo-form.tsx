// Upload a photo (farm or product): multipart form posting to the page's own action.
import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/ui/button";

export function PhotoForm({
  photoUrl,
  alt,
  error,
  maxBytesLabel,
  removable = false,
}: {
  photoUrl: string | null;
  alt: string;
  error?: string | null;
  maxBytesLabel: string;
  /** Offer "Remove photo" (posts intent=remove-photo to the page's action) when there is one. */
  removable?: boolean;
}) {
  const id = useId();
  const { t } = useTranslation("farmer");
  return (
    <>
      {/* Keyed by the photo: after a successful upload the form starts empty again. */}
      <Form key={photoUrl ?? "none"} method="post" encType="multipart/form-data" className="photo-form">
        {photoUrl ? (
          <img src={photoUrl} alt={alt} className="photo-preview" width={240} height={160} />
        ) : (
          <div className="photo-preview photo-empty">{t("photo.none")}</div>
        )}
        <div className="field">
          <label htmlFor={`${id}-photo`}>{photoUrl ? t("photo.replace") : t("photo.add")}</label>
          <input
            id={`${id}-photo`}
            type="file"
            name="photo"
            accept="image/jpeg,image/png,image/webp"
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          />
          <p className="field-hint" id={`${id}-hint`}>
            {t("photo.hint", { max: maxBytesLabel })}
          </p>
          {error ? (
            <ul className="field-errors" id={`${id}-error`}>
              <li>{error}</li>
            </ul>
          ) : null}
        </div>
        <SubmitButton variant="secondary" name="intent" value="photo" pendingText={t("photo.uploading")}>
          {t("photo.upload")}
        </SubmitButton>
      </Form>
      {removable && photoUrl ? (
        <Form method="post" className="photo-remove">
          <SubmitButton variant="ghost" name="intent" value="remove-photo" pendingText={t("photo.removing")}>
            {t("photo.remove")}
          </SubmitButton>
        </Form>
      ) : null}
    </>
  );
}
