import { useNavigation } from "@remix-run/react";
import type { ButtonHTMLAttributes, ReactNode } from "react";

type Variant = "primary" | "secondary" | "danger" | "ghost";

export function Button({
  variant = "primary",
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="button" className={`btn btn-${variant} ${className ?? ""}`} {...props} />;
}

/** A submit button that shows it is working while its form is being submitted. */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  name,
  value,
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; pendingText?: ReactNode }) {
  const navigation = useNavigation();
  const pending =
    navigation.state === "submitting" &&
    (name === undefined || navigation.formData?.get(String(name)) === String(value ?? ""));
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={`btn btn-${variant} ${className ?? ""}`}
      aria-disabled={pending || undefined}
      disabled={pending || props.disabled}
      {...props}
    >
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" /> {pendingText ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}
