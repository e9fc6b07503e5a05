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

/**
 * A submit button that shows it is working while its form is being submitted. `confirm`: an action
 * that cannot be undone asks first (the browser's dialog, keyboard- and screen-reader-friendly);
 * answering "Cancel" submits nothing.
 */
export function SubmitButton({
  children,
  pendingText,
  variant = "primary",
  name,
  value,
  className,
  confirm,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; pendingText?: ReactNode; confirm?: string }) {
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
      onClick={(event) => {
        if (confirm && !window.confirm(confirm)) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
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
