// A signature drawn on the driver's screen (docs/decisions/032, addendum): a canvas that takes
// pointer events (finger, pen, mouse). After each stroke the drawing is put, as a PNG, into the
// form's "signature" file input, so the form's FormData carries it like the photo (and a form kept
// for later posts it as it is). Keyboard users choose the typed "handed to" proof instead.
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const HEIGHT = 160;

/** Puts the canvas's PNG into the file input (or empties it). */
async function fillInput(canvas: HTMLCanvasElement, input: HTMLInputElement, drawn: boolean) {
  const files = new DataTransfer();
  if (drawn) {
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (blob) files.items.add(new File([blob], "signature.png", { type: "image/png" }));
  }
  input.files = files.files;
}

export function SignaturePad({
  onDrawn,
  error,
}: {
  /** Called once a stroke is drawn (true) or the pad cleared (false). */
  onDrawn: (drawn: boolean) => void;
  error: string | null;
}) {
  const { t } = useTranslation("hub");
  const uid = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);

  // The canvas's pixels follow its width on screen (390 px phone: about 330 px) and the device's pixel ratio.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.min(window.devicePixelRatio || 1, 2);
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#111";
  }, []);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const line = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const ctx = canvasRef.current?.getContext("2d");
    if (!ctx) return;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + (from.x === to.x && from.y === to.y ? 0.1 : 0), to.y);
    ctx.stroke();
  };
  const finish = useCallback(() => {
    if (!last.current) return;
    last.current = null;
    setDrawn(true);
    onDrawn(true);
    if (canvasRef.current && inputRef.current) void fillInput(canvasRef.current, inputRef.current, true);
  }, [onDrawn]);
  const clear = () => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext("2d");
    if (!canvas || !ctx) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.restore();
    setDrawn(false);
    onDrawn(false);
    if (inputRef.current) void fillInput(canvas, inputRef.current, false);
  };

  const helpId = `${uid}-help`;
  const errorId = `${uid}-error`;
  return (
    <div className="field signature-pad">
      <p id={`${uid}-label`} className="small" style={{ margin: 0, fontWeight: 600 }}>
        {t("proof.form.signatureLabel")}
      </p>
      <p id={helpId} className="small muted" style={{ margin: 0 }}>
        {t("proof.form.signatureHelp")} {t("proof.form.signatureKeyboard")}
      </p>
      <canvas
        ref={canvasRef}
        role="img"
        aria-labelledby={`${uid}-label`}
        aria-describedby={error ? `${helpId} ${errorId}` : helpId}
        data-testid="signature-pad"
        style={{ width: "100%", height: HEIGHT, touchAction: "none" }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = point(e);
          line(last.current, last.current);
        }}
        onPointerMove={(e) => {
          if (!last.current) return;
          const next = point(e);
          line(last.current, next);
          last.current = next;
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
      />
      {/* What the form sends: the drawing as a PNG, filled after each stroke. */}
      <input ref={inputRef} type="file" name="signature" accept="image/png" hidden tabIndex={-1} aria-hidden="true" />
      <p className="small" aria-live="polite" style={{ margin: 0 }}>
        {drawn ? t("proof.form.signatureDrawn") : null}
      </p>
      {error ? (
        <p id={errorId} className="field-errors" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="btn btn-secondary" onClick={clear} disabled={!drawn}>
        {t("proof.form.signatureClear")}
      </button>
    </div>
  );
}
