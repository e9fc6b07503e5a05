// One component wires label, input, hint and errors (aria-invalid, aria-describedby) so no form
// hand-rolls it. Works with conform field metadata.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";

type InputType =
  | "text"
  | "email"
  | "password"
  | "number"
  | "tel"
  | "url"
  | "date"
  | "datetime-local"
  | "time"
  | "search"
  | "file"
  | "hidden";

// conform's metadata is generic in the field's value; forms hand over any field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any, any, any>;

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="list">
      {errors.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  );
}

function Hint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p id={id} className="field-hint">
      {children}
    </p>
  );
}

function describedBy(meta: AnyField, hasHint: boolean) {
  const ids = [hasHint ? `${meta.id}-hint` : null, meta.errors?.length ? meta.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function Field({
  meta,
  label,
  type = "text",
  hint,
  className,
  ...rest
}: {
  meta: AnyField;
  label: ReactNode;
  type?: InputType;
  hint?: ReactNode;
  className?: string;
} & Omit<React.InputHTMLAttributes<HTMLInputElement>, "type" | "name" | "id" | "form">) {
  const { key, ...inputProps } = getInputProps(meta, { type, ariaAttributes: true });
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={meta.id}>{label}</label>
      <input key={key} {...inputProps} {...rest} aria-describedby={describedBy(meta, Boolean(hint))} />
      <Hint id={`${meta.id}-hint`}>{hint}</Hint>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextareaField({
  meta,
  label,
  hint,
  rows = 4,
  ...rest
}: {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  rows?: number;
} & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id" | "form">) {
  const { key, ...props } = getTextareaProps(meta, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea key={key} rows={rows} {...props} {...rest} aria-describedby={describedBy(meta, Boolean(hint))} />
      <Hint id={`${meta.id}-hint`}>{hint}</Hint>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  hint,
  options,
  placeholder,
  ...rest
}: {
  meta: AnyField;
  label: ReactNode;
  hint?: ReactNode;
  /** `lang`: an option in another language than the page (a language's own name). */
  options: ReadonlyArray<{ value: string; label: string; lang?: string }>;
  placeholder?: string;
} & Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "id" | "form">) {
  const { key, ...props } = getSelectProps(meta, { ariaAttributes: true });
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select key={key} {...props} {...rest} aria-describedby={describedBy(meta, Boolean(hint))}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={`${meta.id}-hint`}>{hint}</Hint>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function CheckboxField({ meta, label, hint }: { meta: AnyField; label: ReactNode; hint?: ReactNode }) {
  const { key, ...props } = getInputProps(meta, { type: "checkbox", ariaAttributes: true });
  return (
    <div className="field field-checkbox">
      <input key={key} {...props} aria-describedby={describedBy(meta, Boolean(hint))} />
      <label htmlFor={meta.id}>{label}</label>
      <Hint id={`${meta.id}-hint`}>{hint}</Hint>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}
