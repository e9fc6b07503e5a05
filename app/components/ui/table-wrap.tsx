// A table's box: wide tables scroll sideways inside it instead of widening the page (phones). When
// it does scroll, keyboard users must be able to reach it, so it becomes a focusable, named region
// (named after the table's caption); when the table fits, it is a plain box with no extra tab stop.
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function TableWrap({
  className,
  style,
  children,
}: {
  className?: string;
  style?: CSSProperties;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useTranslation();
  const [scrollLabel, setScrollLabel] = useState<string | null>(null);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const check = () => {
      if (box.scrollWidth <= box.clientWidth + 1) return setScrollLabel(null);
      const table = box.querySelector("table");
      const name = table?.caption?.textContent?.trim() || table?.getAttribute("aria-label") || t("ui.table");
      setScrollLabel(t("ui.scrollsSideways", { name }));
    };
    check();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(check);
    observer.observe(box);
    const table = box.querySelector("table");
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [t]);
  const scrollable = scrollLabel ? { tabIndex: 0, role: "region", "aria-label": scrollLabel } : {};
  return (
    <div ref={ref} className={className ? `table-wrap ${className}` : "table-wrap"} style={style} {...scrollable}>
      {children}
    </div>
  );
}
