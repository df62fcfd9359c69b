import { useRef } from 'react';
import { MAX_WIDTH, MIN_WIDTH } from './layout';

/**
 * The sidebar's inner edge: drag it, or focus it and use ←/→ (Shift for bigger steps), Home/End, to resize.
 * `onResize` gets every new width; `onDone` when a drag or key press ends (to save it).
 */
export function ResizeHandle(props: { side: 'right' | 'left'; width: number; onResize(width: number): void; onDone(): void }) {
  const drag = useRef<{ x: number; width: number } | undefined>(undefined);
  // Docked right, the handle is on the left edge: moving it left makes the sidebar wider.
  const sign = props.side === 'right' ? -1 : 1;
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize Chart Coder (← and → keys)"
      aria-valuenow={props.width}
      aria-valuemin={MIN_WIDTH}
      aria-valuemax={MAX_WIDTH}
      tabIndex={0}
      className="resize"
      data-testid="sidebar-resize"
      onPointerDown={(e) => {
        if (!e.nativeEvent.isTrusted) return;
        drag.current = { x: e.clientX, width: props.width };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (drag.current) props.onResize(drag.current.width + sign * (e.clientX - drag.current.x));
      }}
      onPointerUp={() => {
        if (!drag.current) return;
        drag.current = undefined;
        props.onDone();
      }}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (!e.nativeEvent.isTrusted) return;
        const step = e.shiftKey ? 80 : 16;
        if (e.key === 'ArrowLeft') props.onResize(props.width - sign * step);
        else if (e.key === 'ArrowRight') props.onResize(props.width + sign * step);
        else if (e.key === 'Home') props.onResize(MIN_WIDTH);
        else if (e.key === 'End') props.onResize(MAX_WIDTH);
        else return;
        e.preventDefault();
      }}
      onKeyUp={(e) => {
        e.stopPropagation();
        if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) props.onDone();
      }}
    />
  );
}
